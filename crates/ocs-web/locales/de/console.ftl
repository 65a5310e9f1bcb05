# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTMODUS: Diese Initiative wird gerade getestet. Jetzt abgegebene Unterstützungsbekundungen sind Testdaten; sie werden keiner Behörde übermittelt und vor Beginn der Sammlung gelöscht.
console-certificate-published = Bescheinigung ausgestellt von { $authority } am { $date }.
console-certificate-download = Bescheinigung herunterladen (PDF)
