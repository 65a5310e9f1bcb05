# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Titulares das chaves destinatárias
key-holders-intro = As declarações de apoio estão seladas com estas chaves públicas. A destruição não alcança as suas metades privadas: cada titular destrói a sua e o utilizador regista aqui a respetiva confirmação.
key-holders-certificate = Certificado de destruição
key-holders-no-certificate = Ainda não foi registada nenhuma destruição.
key-holders-confirmed = Destruições confirmadas
key-holders-not-confirmed = A destruição da chave privada ainda não foi confirmada.
key-holders-holder = Nome do titular que destruiu a chave privada
key-holders-confirm = Registar a confirmação
key-holders-recorded = Registado: o titular destruiu a chave privada { $key }.
key-holders-role-organisers = Organizadores
key-holders-role-authority = Autoridade competente: { $country }
key-holders-error-key-010 = Esta chave não é uma chave destinatária desta iniciativa.
key-holders-error-key-011 = O nome do titular da chave (1 a 200 caracteres) é obrigatório.
