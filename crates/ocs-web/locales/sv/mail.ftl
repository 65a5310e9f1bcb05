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

# The console's e-mail updates page (organisers).
mail-console-title = Nyheter via e-post
mail-console-subscribers = Bekräftade adresser: { $count }
mail-console-separate = Adresserna lagras åtskilda från stödförklaringarna och kan inte kopplas till dem. Endast adresser som innehavarna har bekräftat exporteras eller får utskick.
mail-console-export-title = Exportera adresserna
mail-console-export-help = Laddar ned en CSV-fil (e-postadress, datum för bekräftelse). Exporten registreras i granskningsloggen. Förvara filen säkert och radera den när du inte längre behöver den.
mail-console-export = Ladda ned CSV-filen
mail-console-send-title = Skriv till prenumeranterna
mail-console-subject = Ämne
mail-console-body = Meddelande
mail-console-body-hint = Ren text. En länk för avregistrering läggs till i varje meddelande. Meddelandena skickas i bakgrunden, och nya försök görs om e-postservern inte är tillgänglig.
mail-console-confirm = Jag har kontrollerat meddelandet: skicka det till alla bekräftade adresser ({ $count }). Detta kan inte ångras.
mail-console-send = Skicka nyheten
mail-console-queued = Nyheten har köats för { $count } adresser.
mail-console-off = Nyheter via e-post är inte konfigurerade på den här servern (inget avsnitt [mail] i konfigurationen).
mail-console-error-empty-subject = Ange ett ämne.
mail-console-error-subject-line = Ämnet måste vara en enda rad.
mail-console-error-subject-long = Ämnet är för långt (högst 200 tecken).
mail-console-error-empty-body = Ange meddelandet.
mail-console-error-body-long = Meddelandet är för långt (högst 64 KiB).
mail-console-error-confirm = Kryssa i rutan för att bekräfta att du har kontrollerat meddelandet.
mail-console-link = Nyheter via e-post till undertecknarna
