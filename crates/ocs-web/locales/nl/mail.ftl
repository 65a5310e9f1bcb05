# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Nieuws per e-mail (optioneel)
mail-consent = Ja, ik wil van de organisatoren nieuws per e-mail ontvangen over het burgerinitiatief { $title }. Ik kan me op elk moment afmelden.
mail-address = E-mailadres
mail-address-hint = Wordt alleen gebruikt als u het vakje hierboven aanvinkt. Het wordt los van uw steunbetuiging bewaard en kan er niet aan worden gekoppeld.
mail-notice = Het opgeven van uw e-mailadres is optioneel en staat los van uw steun: uw steunbetuiging telt zonder even zwaar. We sturen u één bericht om het adres te bevestigen; zonder bevestiging wordt het na { $days } dagen gewist. Elk bericht bevat een afmeldlink; afmelden wist uw adres. Alle adressen worden gewist wanneer de bewaartermijn van de gegevens van het initiatief afloopt.
error-MAIL-001 = Dit is geen bruikbaar e-mailadres. Controleer het of vink het vakje voor nieuws per e-mail uit.
error-MAIL-002 = Vul uw e-mailadres in of vink het vakje voor nieuws per e-mail uit.
mail-confirm-subject = Bevestig uw nieuws per e-mail: { $title }
mail-confirm-body =
    U (of iemand die uw adres gebruikt) heeft nieuws per e-mail gevraagd over het Europees burgerinitiatief ‘{ $title }’.

    Open deze link en druk op de knop om te bevestigen:
    { $link }

    Heeft u dit niet gevraagd, negeer dit bericht dan: zonder bevestiging wordt het adres na { $days } dagen gewist.

    Dit verzoek staat los van elke steunbetuiging; uw adres is er niet aan gekoppeld.
    Nu afmelden: { $unsubscribe }
mail-confirm-title = Nieuws per e-mail bevestigen
mail-confirm-text = Druk op de knop om te bevestigen dat u nieuws per e-mail over dit initiatief wilt ontvangen.
mail-confirm-button = Bevestigen
mail-confirmed-title = Adres bevestigd
mail-confirmed-text = Dank u. U ontvangt nieuws over { $title }. Elk bericht bevat een afmeldlink.
mail-confirm-invalid = Deze bevestigingslink is niet geldig: hij is al gebruikt, verlopen of het adres is verwijderd. Er is niets opgeslagen.
mail-unsubscribe-title = Afmelden voor nieuws per e-mail
mail-unsubscribe-text = Druk op de knop om het nieuws te stoppen en uw e-mailadres te wissen.
mail-unsubscribe-button = Afmelden
mail-unsubscribed-title = Afgemeld
mail-unsubscribed-text = Uw e-mailadres is gewist. U ontvangt geen verder nieuws.
mail-unsubscribe-invalid = Deze afmeldlink is niet geldig.
mail-back = Terug naar de initiatieven
field-mail_address = E-mailadres

# The console's e-mail updates page (organisers).
mail-console-title = Nieuws per e-mail
mail-console-subscribers = Bevestigde adressen: { $count }
mail-console-separate = De adressen worden los van de steunbetuigingen bewaard en kunnen er niet aan worden gekoppeld. Alleen adressen die door hun eigenaar zijn bevestigd, worden geëxporteerd of aangeschreven.
mail-console-export-title = Adressen exporteren
mail-console-export-help = Downloadt een CSV-bestand (e-mailadres, datum van bevestiging). De export wordt vastgelegd in het auditlogboek. Bewaar het bestand veilig en wis het zodra u het niet meer nodig hebt.
mail-console-export = CSV-bestand downloaden
mail-console-send-title = Bericht aan de abonnees
mail-console-subject = Onderwerp
mail-console-body = Bericht
mail-console-body-hint = Platte tekst. Aan elk bericht wordt een afmeldlink toegevoegd. Berichten worden op de achtergrond verzonden; als de mailserver niet beschikbaar is, wordt het later opnieuw geprobeerd.
mail-console-confirm = Ik heb het bericht gecontroleerd: verzend het naar alle bevestigde adressen ({ $count }). Dit kan niet ongedaan worden gemaakt.
mail-console-send = Nieuwsbericht verzenden
mail-console-queued = Het nieuwsbericht staat in de wachtrij voor { $count } adressen.
mail-console-off = Nieuws per e-mail is op deze server niet ingesteld (geen sectie [mail] in de configuratie).
mail-console-error-empty-subject = Vul een onderwerp in.
mail-console-error-subject-line = Het onderwerp moet uit één regel bestaan.
mail-console-error-subject-long = Het onderwerp is te lang (maximaal 200 tekens).
mail-console-error-empty-body = Vul het bericht in.
mail-console-error-body-long = Het bericht is te lang (maximaal 64 KiB).
mail-console-error-confirm = Vink het vakje aan om te bevestigen dat u het bericht hebt gecontroleerd.
mail-console-link = Nieuws per e-mail aan ondersteuners
