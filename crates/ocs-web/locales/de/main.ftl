# OpenOCS — deutsche Benutzeroberfläche (öffentliche Seiten).

site-name = OpenOCS
site-tagline = Online-Sammlung von Unterstützungsbekundungen für Europäische Bürgerinitiativen
skip-to-content = Zum Hauptinhalt springen
language-name = Deutsch
language-label = Sprache
language-nav = Sprache wählen
footer-text = OpenOCS, freie Software unter der EUPL-1.2.

index-title = Bürgerinitiativen, die hier Unterstützung sammeln
index-empty = Auf dieser Website wird noch keine Initiative betreut.
original-language-note = Dieser Text wird in der Originalsprache der Initiative ({ $language }) angezeigt, weil keine Übersetzung in Ihre Sprache vorliegt.

initiative-registration-number = Registriernummer der Kommission
initiative-registration-date = Datum der Registrierung
initiative-subject = Gegenstand
initiative-objectives = Wichtigste Ziele
initiative-organisers = Organisatoren
initiative-register = Seite im Register der Kommission
initiative-website = Website der Initiative
initiative-period = Sammlungszeitraum
initiative-period-value = { $start } bis { $end }
initiative-status = Stand
status-draft = In Vorbereitung, noch keine Sammlung
status-collecting = Sammlung von Unterstützungsbekundungen läuft
status-paused = Sammlung unterbrochen
status-closed = Sammlung beendet
role-representative = Vertreter/in
role-substitute = Stellvertreter/in
role-member = Mitglied
privacy-heading = Datenschutzhinweis
privacy-organisers-heading = Hinweis der Organisatoren
privacy-statement-heading = Datenschutzerklärung
privacy-security = Ihre Daten werden verschlüsselt, bevor sie gespeichert werden; diese Website selbst kann sie nicht lesen.
privacy-controller-group = Verantwortlicher: die Organisatorengruppe dieser Initiative, vertreten durch { $representative }. Kontakt: { $contact }
privacy-controller-entity = Verantwortlicher: { $entity }, die von der Organisatorengruppe geschaffene juristische Person. Kontakt: { $contact }
privacy-dpo = Datenschutzbeauftragte/r: { $dpo }
privacy-no-dpo = Die Organisatoren haben keine/n Datenschutzbeauftragte/n benannt.
privacy-dpa-link = Datenschutzbehörden der Mitgliedstaaten (Liste des Europäischen Datenschutzausschusses)
privacy-withdrawal = Sie können Ihre Unterstützungsbekundung mit der Kennung und dem Geheimcode Ihrer Bestätigung bis zum Ende des Sammelzeitraums ({ $end }) zurückziehen. Ziehen die Organisatoren die Initiative zurück, werden die Bekundungen innerhalb eines Monats vernichtet.
certificate-heading = Bescheinigung des Online-Sammelsystems
certificate-pending = Die von der zuständigen nationalen Behörde ausgestellte Bescheinigung wird hier vor Beginn der Sammlung veröffentlicht.

progress-heading = Bisherige Unterstützung
progress-total = { $count } von { $threshold } Unterstützungsbekundungen
progress-states = { $reached ->
    [one] { $reached } von { $needed } Mitgliedstaaten hat die Mindestzahl erreicht
   *[other] { $reached } von { $needed } Mitgliedstaaten haben die Mindestzahl erreicht
}
progress-bar-label = Fortschritt auf dem Weg zu einer Million Unterstützungsbekundungen
progress-updated = Stand: { $time }; gezählt werden nur gespeicherte Unterstützungsbekundungen.
progress-none = Es wurde noch keine Unterstützungsbekundung gezählt.
progress-col-country = Mitgliedstaat
progress-col-count = Bekundungen
progress-col-minimum = Mindestzahl
progress-col-reached = Mindestzahl erreicht
progress-yes = ja
progress-no = noch nicht

choose-heading = Diese Initiative unterstützen
choose-intro = Welche Angaben Sie machen müssen, hängt von Ihrer Staatsangehörigkeit ab. Bürgerinnen und Bürger werden in dem Mitgliedstaat ihrer Staatsangehörigkeit gezählt, unabhängig von ihrem Wohnort.
choose-label = Ihre Staatsangehörigkeit
choose-placeholder = Staatsangehörigkeit wählen
choose-submit = Weiter

sign-for-nationality = Formular für Staatsangehörige dieses Staates: { $country }
sign-change-nationality = Staatsangehörigkeit ändern
sign-part-a-intro = Verlangte Angaben ({ $country }): Ihre Namen, Ihre Anschrift und Ihr Geburtsdatum.
sign-part-b-intro = Verlangte Angaben ({ $country }): Ihre Namen und die Nummer eines Ausweisdokuments.
sign-required-note = Alle als Pflichtfeld gekennzeichneten Felder müssen ausgefüllt werden.
sign-required = Pflichtfeld
sign-optional = freiwillig
sign-declaration-heading = Erklärung
sign-consent = Ich unterstütze die Bürgerinitiative { $title } ({ $number }) und gebe die obige Erklärung ab.
sign-confirm = Ich habe die oben markierten Angaben geprüft; sie sind so, wie eingegeben, richtig.
sign-confirm-hint = Einige Nummern entsprechen nicht dem üblichen Format. Wenn Ihre richtig ist, kreuzen Sie dieses Feld an und senden Sie das Formular erneut.
sign-submit = Unterzeichnen
sign-privacy-note = Ihre Daten werden vor dem Speichern verschlüsselt und können nur offline von den Organisatoren und von den zuständigen nationalen Behörden zur Überprüfung gelesen werden.
sign-proof-working = Es wird geprüft, ob Sie ein Mensch sind. Sie können das Formular weiter ausfüllen.
sign-proof-done = Prüfung abgeschlossen. Sie können das Formular absenden.
sign-proof-failed = Die automatische Prüfung hat nicht funktioniert. Sie können das Formular trotzdem absenden; es dauert dann einige Sekunden länger.
sign-noscript = Das Formular funktioniert auch ohne JavaScript: Füllen Sie es in Ruhe aus und senden Sie es dann ab.
sign-choose-document = Dokument wählen
sign-choose-country = Land wählen
sign-date-hint = Format: JJJJ-MM-TT, zum Beispiel 1990-04-25

field-full-first-names = Vollständige Vornamen
field-family-names = Familiennamen
field-street = Straße
field-street-number = Hausnummer
field-postal-code = Postleitzahl
field-city = Ort
field-country = Wohnsitzland
field-date-of-birth = Geburtsdatum
field-id-type = Ausweisdokument
field-id-number = Dokumentnummer
field-consent = Erklärung
field-nationality = Staatsangehörigkeit

doc-passport = Reisepass
doc-id-card = Personalausweis
doc-personal-number = Persönliche Nummer
doc-personal-id = Persönliche Identifikationsnummer
doc-national-id-number = Nationale Identifikationsnummer
doc-citizens-card = Bürgerkarte
doc-residence-permit = Aufenthaltstitel

error-summary-title = Bei Ihren Angaben gibt es ein Problem
error-title-prefix = Fehler
error-code-label = Fehlercode
error-SIG-001 = Dieses Feld muss ausgefüllt werden.
error-SIG-002 = Dieses Feld gehört nicht zum Formular für Ihre Staatsangehörigkeit.
error-SIG-003 = Dieser Wert ist zu lang.
error-SIG-004 = Dieser Wert enthält unzulässige Zeichen.
error-SIG-005 = Diese Nummer hat nicht das übliche Format für dieses Dokument. Prüfen Sie sie oder bestätigen Sie, dass sie richtig ist.
error-SIG-006 = Diese Nummer ist ungültig: Die Prüfziffer stimmt nicht. Prüfen Sie sie auf Tippfehler.
error-SIG-007 = Geben Sie ein gültiges Datum im Format JJJJ-MM-TT ein.
error-SIG-008 = Dieses Geburtsdatum ist nicht möglich.
error-SIG-009 = Sie müssen das Mindestalter erreicht haben, das in Ihrem Mitgliedstaat für die Unterstützung einer Bürgerinitiative gilt.
error-SIG-010 = Wählen Sie die Staatsangehörigkeit eines EU-Mitgliedstaats.
error-SIG-011 = Diese Dokumentart wird für Ihre Staatsangehörigkeit nicht akzeptiert.
error-SIG-012 = Wählen Sie ein Wohnsitzland aus der Liste.
error-SIG-013 = Sie müssen die Erklärung abgeben, um die Initiative zu unterstützen.
error-SIG-014 = Diese Postleitzahl hat nicht das übliche Format. Prüfen Sie sie oder bestätigen Sie, dass sie richtig ist.
error-SIG-015 = Diese Nummer ist möglicherweise ungültig. Prüfen Sie sie oder bestätigen Sie, dass sie richtig ist.
error-SIG-016 = Diese Nummer ist ungültig: Das darin enthaltene Geburtsdatum gibt es nicht. Prüfen Sie sie auf Tippfehler.
error-SIG-020 = Die Prüfung, ob Sie ein Mensch sind, fehlt. Senden Sie das Formular erneut.
error-SIG-021 = Die Prüfung, ob Sie ein Mensch sind, ist abgelaufen oder wurde bereits verwendet. Senden Sie das Formular erneut.
error-SIG-022 = Das Formular wurde zu schnell gesendet. Warten Sie einige Sekunden und senden Sie es erneut.
error-SIG-030 = Diese Initiative sammelt derzeit keine Unterstützungsbekundungen.
error-SIG-031 = Unter dieser Adresse gibt es keine Initiative.
error-SIG-040 = Gerade unterzeichnen sehr viele Menschen. Ihre Angaben bleiben erhalten: Bitte senden Sie das Formular in einigen Sekunden erneut.
error-SIG-041 = Aus Ihrem Netzwerk wurden zu viele Unterstützungsbekundungen gesendet. Bitte versuchen Sie es später noch einmal.
error-REQ-001 = Die Anfrage konnte nicht gelesen werden.
error-REQ-002 = Die Anfrage ist zu groß.
error-REQ-003 = Die Anfrage hat den falschen Inhaltstyp.
error-REQ-500 = Bei uns ist ein Fehler aufgetreten. Es wurde nichts gespeichert. Bitte versuchen Sie es erneut.

receipt-title = Vielen Dank für Ihre Unterstützung
receipt-recorded = Ihre Unterstützungsbekundung ist eingegangen und wurde verschlüsselt gespeichert.
receipt-once = Jede Person wird nur einmal gezählt. Falls Sie diese Initiative bereits unterstützt hatten, bleibt Ihre frühere Bekundung gültig und diese wurde nicht noch einmal gezählt.
receipt-id = Kennung der Unterstützungsbekundung
receipt-time = Zeitpunkt der Unterzeichnung
receipt-keep = Bewahren Sie diese Kennung auf. Sie ist die Referenz Ihrer Unterstützungsbekundung.
receipt-back = Zurück zur Initiative
receipt-count-now = Der öffentliche Zählerstand enthält Ihre Bekundung bereits: Diese Website veröffentlicht ihn sofort.
receipt-count-batched = Der öffentliche Zählerstand enthält Ihre Bekundung nach seiner nächsten Veröffentlichung. Er wird höchstens alle { $minutes } Min. veröffentlicht, wenn die Zahl neuer Bekundungen { $batch } erreicht hat, sonst am Ende des Tages, damit er nicht verrät, wer unterzeichnet hat.

error-page-title = Etwas ist schiefgelaufen
error-back-home = Zur Startseite
error-request-id = Kennung der Anfrage
not-found-title = Seite nicht gefunden
not-found-text = Unter dieser Adresse gibt es nichts.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Demonstration: Unterstützungsbekundungen werden an keine Behörde übermittelt.
initiative-storage-country = Die Unterstützungsbekundungen werden gespeichert in: { $country }
