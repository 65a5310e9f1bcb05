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

# The console's e-mail updates page (organisers).
mail-console-title = E-Mail-Neuigkeiten
mail-console-subscribers = Bestätigte Adressen: { $count }
mail-console-separate = Die Adressen werden getrennt von den Unterstützungsbekundungen gespeichert und können nicht mit ihnen verknüpft werden. Nur Adressen, deren Inhaber sie bestätigt haben, werden exportiert oder angeschrieben.
mail-console-export-title = Adressen exportieren
mail-console-export-help = Lädt eine CSV-Datei herunter (E-Mail-Adresse, Datum der Bestätigung). Der Export wird im Prüfprotokoll vermerkt. Bewahren Sie die Datei sicher auf und löschen Sie sie, sobald Sie sie nicht mehr benötigen.
mail-console-export = CSV-Datei herunterladen
mail-console-send-title = An die Abonnenten schreiben
mail-console-subject = Betreff
mail-console-body = Nachricht
mail-console-body-hint = Reiner Text. Jeder Nachricht wird ein Abmeldelink angefügt. Der Versand erfolgt im Hintergrund und wird wiederholt, wenn der Mailserver nicht erreichbar ist.
mail-console-confirm = Ich habe die Nachricht geprüft: an alle bestätigten Adressen ({ $count }) senden. Dies kann nicht rückgängig gemacht werden.
mail-console-send = Neuigkeit senden
mail-console-queued = Die Neuigkeit wurde für { $count } Adressen in die Warteschlange gestellt.
mail-console-off = E-Mail-Neuigkeiten sind auf diesem Server nicht eingerichtet (kein Abschnitt [mail] in der Konfiguration).
mail-console-error-empty-subject = Geben Sie einen Betreff ein.
mail-console-error-subject-line = Der Betreff darf nur aus einer Zeile bestehen.
mail-console-error-subject-long = Der Betreff ist zu lang (höchstens 200 Zeichen).
mail-console-error-empty-body = Geben Sie die Nachricht ein.
mail-console-error-body-long = Die Nachricht ist zu lang (höchstens 64 KiB).
mail-console-error-confirm = Kreuzen Sie das Kästchen an, um zu bestätigen, dass Sie die Nachricht geprüft haben.
mail-console-link = E-Mail-Neuigkeiten an Unterstützer
