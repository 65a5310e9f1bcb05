# OpenOCS — interfaz en español (sitio público).

site-name = OpenOCS
site-tagline = Recogida en línea de declaraciones de apoyo a iniciativas ciudadanas europeas
skip-to-content = Saltar al contenido principal
language-name = español
language-label = Idioma
language-nav = Elegir idioma
footer-text = OpenOCS, software libre con licencia EUPL-1.2.

index-title = Iniciativas ciudadanas que recogen apoyos aquí
index-empty = Este sitio aún no aloja ninguna iniciativa.
original-language-note = Este texto se muestra en la lengua original de la iniciativa ({ $language }) porque no se ha facilitado una traducción a su lengua.

initiative-registration-number = Número de registro de la Comisión
initiative-registration-date = Fecha de registro
initiative-subject = Objeto
initiative-objectives = Objetivos principales
initiative-organisers = Organizadores
initiative-register = Página en el registro de la Comisión
initiative-website = Sitio web de la iniciativa
initiative-period = Período de recogida
initiative-period-value = del { $start } al { $end }
initiative-status = Situación
status-draft = En preparación, aún sin recogida
status-collecting = Recogiendo declaraciones de apoyo
status-paused = Recogida interrumpida
status-closed = Recogida cerrada
role-representative = representante
role-substitute = suplente
role-member = miembro
privacy-heading = Protección de datos
privacy-organisers-heading = Aviso de los organizadores
privacy-statement-heading = Declaración de privacidad
privacy-security = Sus datos se cifran antes de almacenarse; este sitio web no puede leerlos.
privacy-controller-group = Responsable del tratamiento: el grupo de organizadores de esta iniciativa, representado por { $representative }. Contacto: { $contact }
privacy-controller-entity = Responsable del tratamiento: { $entity }, la persona jurídica creada por el grupo de organizadores. Contacto: { $contact }
privacy-dpo = Delegado de protección de datos: { $dpo }
privacy-no-dpo = Los organizadores no han designado un delegado de protección de datos.
privacy-dpa-link = Autoridades de protección de datos de los Estados miembros (lista del Comité Europeo de Protección de Datos)
privacy-withdrawal = Puede retirar su declaración de apoyo con el identificador y el código secreto de su acuse de recibo hasta que termine el período de recogida ({ $end }). Si los organizadores retiran la iniciativa, las declaraciones se destruyen en el plazo de un mes.
certificate-heading = Certificado del sistema de recogida en línea
certificate-pending = El certificado expedido por la autoridad nacional competente se publica aquí antes de que se abra la recogida.

progress-heading = Apoyos hasta ahora
progress-total = { $count } de { $threshold } declaraciones de apoyo
progress-states = { $reached ->
    [one] { $reached } de { $needed } Estados miembros ha alcanzado su mínimo
   *[other] { $reached } de { $needed } Estados miembros han alcanzado su mínimo
}
progress-bar-label = Avance hacia un millón de declaraciones de apoyo
progress-updated = Cifras a { $time }, contadas solo a partir de las declaraciones almacenadas.
progress-none = Todavía no se ha contado ninguna declaración de apoyo.
progress-col-country = Estado miembro
progress-col-count = Declaraciones
progress-col-minimum = Mínimo
progress-col-reached = Mínimo alcanzado
progress-yes = sí
progress-no = todavía no

choose-heading = Apoyar esta iniciativa
choose-intro = Los datos que debe facilitar dependen de su nacionalidad. Los ciudadanos se cuentan en el Estado miembro de su nacionalidad, vivan donde vivan.
choose-label = Su nacionalidad
choose-placeholder = Elija su nacionalidad
choose-submit = Continuar

sign-for-nationality = Formulario para ciudadanos de: { $country }
sign-change-nationality = Cambiar de nacionalidad
sign-part-a-intro = Datos solicitados ({ $country }): sus nombres, su dirección y su fecha de nacimiento.
sign-part-b-intro = Datos solicitados ({ $country }): sus nombres y el número de un documento de identidad.
sign-required-note = Deben rellenarse todos los campos marcados como obligatorios.
sign-required = obligatorio
sign-optional = opcional
sign-declaration-heading = Declaración
sign-consent = Apoyo la iniciativa ciudadana { $title } ({ $number }) y hago la declaración anterior.
sign-confirm = He comprobado los datos señalados arriba y son correctos tal como los he introducido.
sign-confirm-hint = Algunos números no siguen el formato habitual. Si el suyo es correcto, marque esta casilla y envíe de nuevo el formulario.
sign-submit = Firmar
sign-privacy-note = Sus datos se cifran antes de almacenarse y solo pueden leerlos, fuera de línea, los organizadores y las autoridades nacionales competentes para su verificación.
sign-proof-working = Estamos comprobando que es usted una persona. Puede seguir rellenando el formulario.
sign-proof-done = Comprobación terminada. Ya puede enviar el formulario.
sign-proof-failed = La comprobación automática no ha funcionado. Aun así puede enviar el formulario; tardará unos segundos más.
sign-noscript = El formulario también funciona sin JavaScript: rellénelo con calma y después envíelo.
sign-choose-document = Elija un documento
sign-choose-country = Elija un país
sign-date-hint = Formato: AAAA-MM-DD, por ejemplo 1990-04-25

field-full-first-names = Nombre completo
field-family-names = Apellidos
field-street = Calle
field-street-number = Número
field-postal-code = Código postal
field-city = Localidad
field-country = País de residencia
field-date-of-birth = Fecha de nacimiento
field-id-type = Documento de identidad
field-id-number = Número del documento
field-consent = Declaración
field-nationality = Nacionalidad

doc-passport = Pasaporte
doc-id-card = Documento nacional de identidad
doc-personal-number = Número personal
doc-personal-id = Número de identificación personal
doc-national-id-number = Número de identificación nacional
doc-citizens-card = Tarjeta de ciudadano
doc-residence-permit = Permiso de residencia

error-summary-title = Hay un problema con los datos introducidos
error-title-prefix = Error
error-code-label = Código de error
error-SIG-001 = Este campo es obligatorio.
error-SIG-002 = Este campo no forma parte del formulario para su nacionalidad.
error-SIG-003 = Este valor es demasiado largo.
error-SIG-004 = Este valor contiene caracteres no permitidos.
error-SIG-005 = Este número no tiene el formato habitual de este documento. Compruébelo o confirme que es correcto.
error-SIG-006 = Este número no es válido: su dígito de control no coincide. Compruebe si hay errores de escritura.
error-SIG-007 = Introduzca una fecha real con el formato AAAA-MM-DD.
error-SIG-008 = Esta fecha de nacimiento no es posible.
error-SIG-009 = Debe tener la edad mínima exigida en su Estado miembro para apoyar una iniciativa ciudadana.
error-SIG-010 = Elija la nacionalidad de un Estado miembro de la UE.
error-SIG-011 = Este tipo de documento no se acepta para su nacionalidad.
error-SIG-012 = Elija un país de residencia de la lista.
error-SIG-013 = Debe aceptar la declaración para apoyar la iniciativa.
error-SIG-014 = Este código postal no tiene el formato habitual. Compruébelo o confirme que es correcto.
error-SIG-015 = Puede que este número no sea válido. Compruébelo o confirme que es correcto.
error-SIG-016 = Este número no es válido: la fecha de nacimiento que contiene no existe. Compruebe si hay errores de escritura.
error-SIG-020 = Falta la comprobación de que es usted una persona. Envíe de nuevo el formulario.
error-SIG-021 = La comprobación de que es usted una persona ha caducado o ya se ha utilizado. Envíe de nuevo el formulario.
error-SIG-022 = El formulario se envió demasiado rápido. Espere unos segundos y envíelo de nuevo.
error-SIG-030 = Esta iniciativa no está recogiendo declaraciones de apoyo en este momento.
error-SIG-031 = No hay ninguna iniciativa en esta dirección.
error-SIG-040 = Mucha gente está firmando en este momento. Sus datos se conservan: vuelva a enviar el formulario dentro de unos segundos.
error-SIG-041 = Se han enviado demasiadas declaraciones desde su red. Inténtelo de nuevo más tarde.
error-REQ-001 = No se ha podido leer la solicitud.
error-REQ-002 = La solicitud es demasiado grande.
error-REQ-003 = La solicitud tiene un tipo de contenido incorrecto.
error-REQ-500 = Algo ha fallado por nuestra parte. No se ha almacenado nada. Inténtelo de nuevo.

receipt-title = Gracias por su apoyo
receipt-recorded = Su declaración de apoyo se ha recibido y almacenado de forma cifrada.
receipt-once = Cada persona se cuenta una sola vez. Si ya había apoyado esta iniciativa, su declaración anterior sigue siendo válida y esta no se ha contado de nuevo.
receipt-id = Identificador de la declaración
receipt-time = Hora de la firma
receipt-keep = Guarde este identificador. Es la referencia de su declaración.
receipt-back = Volver a la iniciativa
receipt-count-now = El recuento público ya incluye su declaración: este sitio lo publica de inmediato.
receipt-count-batched = El recuento público incluirá su declaración tras su próxima publicación. Se publica como máximo una vez cada { $minutes } min, cuando el número de nuevas declaraciones alcanza { $batch }, o si no al final del día, para que no revele quién ha firmado.

error-page-title = Algo ha fallado
error-back-home = Ir a la página de inicio
error-request-id = Identificador de la solicitud
not-found-title = Página no encontrada
not-found-text = No hay nada en esta dirección.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Demostración: las declaraciones de apoyo no se envían a ninguna autoridad.
initiative-storage-country = Las declaraciones de apoyo se almacenan en: { $country }
