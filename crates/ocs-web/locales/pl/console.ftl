# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TRYB TESTOWY: ta inicjatywa jest testowana. Deklaracje złożone teraz są testowe; nie są przekazywane żadnemu organowi i zostaną usunięte przed rozpoczęciem zbierania.
console-certificate-published = Zaświadczenie wydane przez { $authority } dnia { $date }.
console-certificate-download = Pobierz zaświadczenie (PDF)
