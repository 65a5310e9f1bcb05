# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Uudised e-postiga (vabatahtlik)
mail-consent = Jah, soovin saada korraldajatelt e-postiga uudiseid kodanikualgatuse { $title } kohta. Saan tellimuse igal ajal tühistada.
mail-address = E-posti aadress
mail-address-hint = Kasutatakse ainult siis, kui märgite ülal oleva kasti. Seda hoitakse teie toetusavaldusest eraldi ja seda ei saa sellega siduda.
mail-notice = E-posti aadressi andmine on vabatahtlik ja teie toetusest eraldi: teie toetusavaldus loeb ka ilma selleta samamoodi. Saadame ühe sõnumi aadressi kinnitamiseks; kinnitamata aadress kustutatakse { $days } päeva pärast. Igas sõnumis on tellimuse tühistamise link; tühistamine kustutab teie aadressi. Kõik aadressid kustutatakse, kui algatuse andmete säilitamise tähtaeg lõpeb.
error-MAIL-001 = See ei ole kasutatav e-posti aadress. Kontrollige seda või eemaldage e-postiuudiste kastist märge.
error-MAIL-002 = Sisestage oma e-posti aadress või eemaldage e-postiuudiste kastist märge.
mail-confirm-subject = Palun kinnitage e-postiuudiste tellimus: { $title }
mail-confirm-body =
    Teie (või keegi, kes kasutas teie aadressi) palusite e-postiuudiseid Euroopa kodanikualgatuse „{ $title }“ kohta.

    Kinnitamiseks avage see link ja vajutage nuppu:
    { $link }

    Kui te seda ei palunud, jätke sõnum tähelepanuta: kinnitamata aadress kustutatakse { $days } päeva pärast.

    See taotlus on igast toetusavaldusest eraldi; teie aadress ei ole sellega seotud.
    Tühista kohe: { $unsubscribe }
mail-confirm-title = E-postiuudiste kinnitamine
mail-confirm-text = Vajutage nuppu, et kinnitada, et soovite selle algatuse kohta e-postiuudiseid.
mail-confirm-button = Kinnita
mail-confirmed-title = Aadress kinnitatud
mail-confirmed-text = Aitäh. Saate uudiseid algatuse { $title } kohta. Igas sõnumis on tellimuse tühistamise link.
mail-confirm-invalid = See kinnituslink ei kehti: seda on juba kasutatud, see on aegunud või aadress on eemaldatud. Midagi ei salvestatud.
mail-unsubscribe-title = E-postiuudiste tellimuse tühistamine
mail-unsubscribe-text = Vajutage nuppu, et uudised lõpetada ja oma e-posti aadress kustutada.
mail-unsubscribe-button = Tühista tellimus
mail-unsubscribed-title = Tellimus tühistatud
mail-unsubscribed-text = Teie e-posti aadress on kustutatud. Te ei saa enam uudiseid.
mail-unsubscribe-invalid = See tühistamislink ei kehti.
mail-back = Tagasi algatuste juurde
field-mail_address = E-posti aadress

# The console's e-mail updates page (organisers).
mail-console-title = E-postiuudised
mail-console-subscribers = Kinnitatud aadressid: { $count }
mail-console-separate = Aadresse hoitakse toetusavaldustest eraldi ja neid ei saa nendega siduda. Eksporditakse ainult aadresse, mille omanikud on need kinnitanud, ja sõnumeid saadetakse ainult neile.
mail-console-export-title = Aadresside eksport
mail-console-export-help = Laadib alla CSV-faili (e-posti aadress, kinnitamise kuupäev). Eksport kantakse auditilogisse. Hoidke faili turvaliselt ja kustutage see, kui te seda enam ei vaja.
mail-console-export = Laadi CSV-fail alla
mail-console-send-title = Kirjuta tellijatele
mail-console-subject = Teema
mail-console-body = Sõnum
mail-console-body-hint = Lihttekst. Igale sõnumile lisatakse tellimuse tühistamise link. Sõnumid saadetakse taustal ja saatmist proovitakse uuesti, kui e-posti server ei ole kättesaadav.
mail-console-confirm = Olen sõnumi üle kontrollinud: saada see kõigile kinnitatud aadressidele ({ $count }). Seda ei saa tagasi võtta.
mail-console-send = Saada uudis
mail-console-queued = Uudis on pandud saatmisjärjekorda { $count } aadressile.
mail-console-off = E-postiuudised ei ole selles serveris seadistatud (konfiguratsioonis puudub jaotis [mail]).
mail-console-error-empty-subject = Sisestage teema.
mail-console-error-subject-line = Teema peab olema ühel real.
mail-console-error-subject-long = Teema on liiga pikk (kuni 200 märki).
mail-console-error-empty-body = Sisestage sõnum.
mail-console-error-body-long = Sõnum on liiga pikk (kuni 64 KiB).
mail-console-error-confirm = Märkige kast, et kinnitada, et olete sõnumi üle kontrollinud.
mail-console-link = E-postiuudised toetajatele
