# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Titulares de las claves destinatarias
key-holders-intro = Las declaraciones de apoyo están selladas con estas claves públicas. La destrucción no alcanza sus mitades privadas: cada titular destruye la suya y usted registra aquí su confirmación.
key-holders-certificate = Certificado de destrucción
key-holders-no-certificate = Todavía no se ha registrado ninguna destrucción.
key-holders-confirmed = Destrucciones confirmadas
key-holders-not-confirmed = La destrucción de la clave privada aún no está confirmada.
key-holders-holder = Nombre del titular que destruyó la clave privada
key-holders-confirm = Registrar la confirmación
key-holders-recorded = Registrado: el titular destruyó la clave privada { $key }.
key-holders-role-organisers = Organizadores
key-holders-role-authority = Autoridad competente: { $country }
key-holders-error-key-010 = Esta clave no es una clave destinataria de esta iniciativa.
key-holders-error-key-011 = El nombre del titular de la clave (de 1 a 200 caracteres) es obligatorio.
