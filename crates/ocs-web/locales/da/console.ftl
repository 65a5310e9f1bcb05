# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTTILSTAND: dette initiativ bliver afprøvet. Støttetilkendegivelser afgivet nu er testdata; de sendes ikke til nogen myndighed og slettes, før indsamlingen begynder.
console-certificate-published = Certifikat udstedt af { $authority } den { $date }.
console-certificate-download = Hent certifikatet (PDF)
