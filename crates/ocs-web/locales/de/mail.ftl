# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Neuigkeiten per E-Mail (freiwillig)
mail-consent = Ja, ich möchte von den Organisatoren E-Mail-Neuigkeiten zur Bürgerinitiative { $title } erhalten. Ich kann mich jederzeit abmelden.
mail-address = E-Mail-Adresse
mail-address-hint = Wird nur verwendet, wenn Sie das Kästchen oben ankreuzen. Sie wird getrennt von Ihrer Unterstützungsbekundung gespeichert und kann nicht mit ihr verknüpft werden.
mail-notice = Die Angabe Ihrer E-Mail-Adresse ist freiwillig und von Ihrer Unterstützung getrennt: Ihre Bekundung zählt ohne sie genauso. Wir senden Ihnen eine Nachricht, um die Adresse zu bestätigen; ohne Bestätigung wird sie nach { $days } Tagen gelöscht. Jede Nachricht enthält einen Abmeldelink; bei Abmeldung wird Ihre Adresse gelöscht. Alle Adressen werden gelöscht, wenn die Aufbewahrungsfrist der Initiative endet.
error-MAIL-001 = Dies ist keine verwendbare E-Mail-Adresse. Prüfen Sie sie oder entfernen Sie das Häkchen für E-Mail-Neuigkeiten.
error-MAIL-002 = Geben Sie Ihre E-Mail-Adresse ein oder entfernen Sie das Häkchen für E-Mail-Neuigkeiten.
mail-confirm-subject = Bitte bestätigen Sie Ihre E-Mail-Neuigkeiten: { $title }
mail-confirm-body =
    Sie (oder jemand mit Ihrer Adresse) haben E-Mail-Neuigkeiten zur Europäischen Bürgerinitiative „{ $title }“ angefordert.

    Zur Bestätigung öffnen Sie diesen Link und drücken Sie die Schaltfläche:
    { $link }

    Wenn Sie dies nicht angefordert haben, ignorieren Sie diese Nachricht: Ohne Bestätigung wird die Adresse nach { $days } Tagen gelöscht.

    Diese Anfrage ist von jeder Unterstützungsbekundung getrennt; Ihre Adresse ist nicht mit ihr verknüpft.
    Jetzt abmelden: { $unsubscribe }
mail-confirm-title = E-Mail-Neuigkeiten bestätigen
mail-confirm-text = Drücken Sie die Schaltfläche, um zu bestätigen, dass Sie E-Mail-Neuigkeiten zu dieser Initiative erhalten möchten.
mail-confirm-button = Bestätigen
mail-confirmed-title = Adresse bestätigt
mail-confirmed-text = Vielen Dank. Sie erhalten Neuigkeiten zu { $title }. Jede Nachricht enthält einen Abmeldelink.
mail-confirm-invalid = Dieser Bestätigungslink ist ungültig: Er wurde bereits verwendet, ist abgelaufen oder die Adresse wurde entfernt. Es wurde nichts gespeichert.
mail-unsubscribe-title = Von E-Mail-Neuigkeiten abmelden
mail-unsubscribe-text = Drücken Sie die Schaltfläche, um die Neuigkeiten zu beenden und Ihre E-Mail-Adresse zu löschen.
mail-unsubscribe-button = Abmelden
mail-unsubscribed-title = Abgemeldet
mail-unsubscribed-text = Ihre E-Mail-Adresse wurde gelöscht. Sie erhalten keine weiteren Neuigkeiten.
mail-unsubscribe-invalid = Dieser Abmeldelink ist ungültig.
mail-back = Zurück zu den Initiativen
field-mail_address = E-Mail-Adresse
