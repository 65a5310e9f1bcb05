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
