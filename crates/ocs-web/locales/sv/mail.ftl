# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Nyheter via e-post (frivilligt)
mail-consent = Ja, jag vill få nyheter via e-post från organisatörerna om medborgarinitiativet { $title }. Jag kan avregistrera mig när som helst.
mail-address = E-postadress
mail-address-hint = Används bara om du kryssar i rutan ovan. Den lagras åtskild från din stödförklaring och kan inte kopplas till den.
mail-notice = Att lämna din e-postadress är frivilligt och skilt från ditt stöd: din stödförklaring räknas lika mycket utan den. Vi skickar ett meddelande för att bekräfta adressen; utan bekräftelse raderas den efter { $days } dagar. Varje meddelande har en länk för avregistrering; avregistrering raderar din adress. Alla adresser raderas när initiativets lagringstid för uppgifter löper ut.
error-MAIL-001 = Detta är inte en användbar e-postadress. Kontrollera den eller kryssa ur rutan för nyheter via e-post.
error-MAIL-002 = Ange din e-postadress eller kryssa ur rutan för nyheter via e-post.
mail-confirm-subject = Bekräfta dina nyheter via e-post: { $title }
mail-confirm-body =
    Du (eller någon som använde din adress) har bett om nyheter via e-post om det europeiska medborgarinitiativet ”{ $title }”.

    Öppna den här länken och tryck på knappen för att bekräfta:
    { $link }

    Om du inte har bett om detta kan du bortse från meddelandet: utan bekräftelse raderas adressen efter { $days } dagar.

    Denna begäran är skild från varje stödförklaring; din adress är inte kopplad till den.
    Avregistrera nu: { $unsubscribe }
mail-confirm-title = Bekräfta nyheter via e-post
mail-confirm-text = Tryck på knappen för att bekräfta att du vill få nyheter via e-post om detta initiativ.
mail-confirm-button = Bekräfta
mail-confirmed-title = Adressen är bekräftad
mail-confirmed-text = Tack. Du kommer att få nyheter om { $title }. Varje meddelande har en länk för avregistrering.
mail-confirm-invalid = Denna bekräftelselänk är inte giltig: den har redan använts, har gått ut eller så har adressen tagits bort. Inget har sparats.
mail-unsubscribe-title = Avregistrera nyheter via e-post
mail-unsubscribe-text = Tryck på knappen för att stoppa nyheterna och radera din e-postadress.
mail-unsubscribe-button = Avregistrera
mail-unsubscribed-title = Avregistrerad
mail-unsubscribed-text = Din e-postadress har raderats. Du får inga fler nyheter.
mail-unsubscribe-invalid = Denna avregistreringslänk är inte giltig.
mail-back = Tillbaka till initiativen
field-mail_address = E-postadress
