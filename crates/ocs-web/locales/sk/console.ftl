# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTOVACÍ REŽIM: táto iniciatíva sa skúša. Vyhlásenia podané teraz sú testovacie; neposielajú sa žiadnemu orgánu a pred začatím zberu sa vymažú.
console-certificate-published = Osvedčenie vydal { $authority } dňa { $date }.
console-certificate-download = Stiahnuť osvedčenie (PDF)
