# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Ihre Unterstützungsbekundung
selfservice-secret = Geheimcode der Bestätigung
selfservice-secret-once = Dieser Geheimcode wird nur jetzt angezeigt und nicht auf unserem Server gespeichert. Zusammen mit der Kennung der Bekundung können Sie damit prüfen, ob Ihre Bekundung gezählt wird, oder sie zurückziehen, solange die Sammlung läuft. Speichern Sie ihn oder laden Sie die Bestätigung herunter.
selfservice-download = Bestätigung als Textdatei herunterladen
selfservice-link = Bekundung prüfen oder zurückziehen
selfservice-intro = Geben Sie die Kennung der Bekundung und den Geheimcode aus Ihrer Bestätigung ein.
selfservice-check = Meine Bekundung prüfen
selfservice-withdraw = Meine Bekundung zurückziehen
selfservice-withdraw-note = Beim Zurückziehen wird Ihre Unterstützungsbekundung gelöscht. Solange die Sammlung läuft, können Sie später erneut unterzeichnen.
selfservice-withdraw-closed = Die Sammlung ist beendet: Bekundungen können geprüft, aber nicht mehr zurückgezogen werden.
selfservice-duplicates = Jede Person wird einmal gezählt. Eine früher mit einer anderen Bestätigung abgegebene Bekundung bleibt bestehen und kann nur mit ihrer eigenen Bestätigung zurückgezogen werden.
selfservice-counted = Ihre Unterstützungsbekundung ist erfasst und wird gezählt.
selfservice-withdrawn = Ihre Unterstützungsbekundung wurde zurückgezogen und gelöscht. Sie wird nicht mehr gezählt.
selfservice-file-initiative = Initiative
selfservice-file-howto = Um Ihre Bekundung zu prüfen oder zurückzuziehen, öffnen Sie diese Seite und geben Sie die Kennung und den Geheimcode ein:
error-SLF-001 = Keine gezählte Bekundung passt zu dieser Kennung und diesem Geheimcode. Prüfen Sie beide auf Tippfehler.
error-SLF-002 = Die Sammlung ist beendet: Bekundungen können nicht mehr zurückgezogen werden.
