# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Nyheder pr. e-mail (valgfrit)
mail-consent = Ja, jeg vil gerne modtage nyheder pr. e-mail fra organisatorerne om borgerinitiativet { $title }. Jeg kan til enhver tid framelde mig.
mail-address = E-mailadresse
mail-address-hint = Bruges kun, hvis du sætter kryds i feltet ovenfor. Den opbevares adskilt fra din støttetilkendegivelse og kan ikke kobles til den.
mail-notice = Det er frivilligt at oplyse din e-mailadresse, og det er adskilt fra din støtte: din tilkendegivelse tæller lige meget uden den. Vi sender dig én besked for at bekræfte adressen; uden bekræftelse slettes den efter { $days } dage. Hver besked har et link til framelding; framelding sletter din adresse. Alle adresser slettes, når initiativets opbevaringsperiode for data udløber.
error-MAIL-001 = Dette er ikke en brugbar e-mailadresse. Kontrollér den, eller fjern krydset ved nyheder pr. e-mail.
error-MAIL-002 = Indtast din e-mailadresse, eller fjern krydset ved nyheder pr. e-mail.
mail-confirm-subject = Bekræft venligst nyheder pr. e-mail: { $title }
mail-confirm-body =
    Du (eller nogen, der brugte din adresse) har bedt om nyheder pr. e-mail om det europæiske borgerinitiativ »{ $title }«.

    Åbn dette link, og tryk på knappen for at bekræfte:
    { $link }

    Hvis du ikke har bedt om dette, kan du se bort fra beskeden: uden bekræftelse slettes adressen efter { $days } dage.

    Denne anmodning er adskilt fra enhver støttetilkendegivelse; din adresse er ikke koblet til den.
    Frameld nu: { $unsubscribe }
mail-confirm-title = Bekræft nyheder pr. e-mail
mail-confirm-text = Tryk på knappen for at bekræfte, at du vil modtage nyheder pr. e-mail om dette initiativ.
mail-confirm-button = Bekræft
mail-confirmed-title = Adressen er bekræftet
mail-confirmed-text = Tak. Du vil modtage nyheder om { $title }. Hver besked har et link til framelding.
mail-confirm-invalid = Dette bekræftelseslink er ikke gyldigt: det er allerede brugt, er udløbet, eller adressen er fjernet. Intet blev gemt.
mail-unsubscribe-title = Frameld nyheder pr. e-mail
mail-unsubscribe-text = Tryk på knappen for at stoppe nyhederne og slette din e-mailadresse.
mail-unsubscribe-button = Frameld
mail-unsubscribed-title = Frameldt
mail-unsubscribed-text = Din e-mailadresse er slettet. Du modtager ikke flere nyheder.
mail-unsubscribe-invalid = Dette frameldingslink er ikke gyldigt.
mail-back = Tilbage til initiativerne
field-mail_address = E-mailadresse

# The console's e-mail updates page (organisers).
mail-console-title = Nyheder pr. e-mail
mail-console-subscribers = Bekræftede adresser: { $count }
mail-console-separate = Adresserne opbevares adskilt fra støttetilkendegivelserne og kan ikke kobles til dem. Kun adresser, som ejerne har bekræftet, eksporteres eller modtager beskeder.
mail-console-export-title = Eksportér adresserne
mail-console-export-help = Henter en CSV-fil (e-mailadresse, dato for bekræftelse). Eksporten registreres i revisionsloggen. Opbevar filen sikkert, og slet den, når du ikke længere har brug for den.
mail-console-export = Hent CSV-filen
mail-console-send-title = Skriv til abonnenterne
mail-console-subject = Emne
mail-console-body = Besked
mail-console-body-hint = Ren tekst. Der tilføjes et link til framelding i hver besked. Beskederne sendes i baggrunden, og afsendelsen forsøges igen, hvis mailserveren ikke er tilgængelig.
mail-console-confirm = Jeg har kontrolleret beskeden: send den til alle bekræftede adresser ({ $count }). Dette kan ikke fortrydes.
mail-console-send = Send nyheden
mail-console-queued = Nyheden er sat i kø til { $count } adresser.
mail-console-off = Nyheder pr. e-mail er ikke konfigureret på denne server (ingen sektion [mail] i konfigurationen).
mail-console-error-empty-subject = Indtast et emne.
mail-console-error-subject-line = Emnet skal være på én linje.
mail-console-error-subject-long = Emnet er for langt (højst 200 tegn).
mail-console-error-empty-body = Indtast beskeden.
mail-console-error-body-long = Beskeden er for lang (højst 64 KiB).
mail-console-error-confirm = Sæt kryds i feltet for at bekræfte, at du har kontrolleret beskeden.
mail-console-link = Nyheder pr. e-mail til støtterne
