# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Innehavare av mottagarnycklarna
key-holders-intro = Stödförklaringarna är förseglade med dessa offentliga nycklar. Förstörelsen når inte deras privata halvor: varje innehavare förstör sin, och du registrerar här innehavarens bekräftelse.
key-holders-certificate = Intyg om förstörelse
key-holders-no-certificate = Ingen förstörelse har registrerats ännu.
key-holders-confirmed = Bekräftade förstörelser
key-holders-not-confirmed = Förstörelsen av den privata nyckeln är ännu inte bekräftad.
key-holders-holder = Namn på innehavaren som förstörde den privata nyckeln
key-holders-confirm = Registrera bekräftelsen
key-holders-recorded = Registrerat: innehavaren förstörde den privata nyckeln { $key }.
key-holders-role-organisers = Organisatörer
key-holders-role-authority = Behörig myndighet: { $country }
key-holders-error-key-010 = Denna nyckel är inte en mottagarnyckel för detta initiativ.
key-holders-error-key-011 = Nyckelinnehavarens namn (1 till 200 tecken) krävs.
