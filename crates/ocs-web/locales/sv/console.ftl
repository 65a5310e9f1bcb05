# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTLÄGE: detta initiativ testas. Stödförklaringar som lämnas nu är testdata; de skickas inte till någon myndighet och raderas innan insamlingen börjar.
console-certificate-published = Intyg utfärdat av { $authority } den { $date }.
console-certificate-download = Ladda ned intyget (PDF)
