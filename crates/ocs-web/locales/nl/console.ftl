# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTMODUS: dit initiatief wordt getest. Steunbetuigingen die nu worden gegeven zijn testgegevens; ze worden naar geen enkele autoriteit gestuurd en worden gewist voordat de inzameling begint.
console-certificate-published = Certificaat afgegeven door { $authority } op { $date }.
console-certificate-download = Certificaat downloaden (pdf)
