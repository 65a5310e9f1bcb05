# Organiser console and initiative lifecycle (public parts first).
console-test-marker = PREIZKUSNI NAČIN: ta pobuda se preizkuša. Izjave, dane zdaj, so preizkusne; ne pošiljajo se nobenemu organu in se izbrišejo pred začetkom zbiranja.
console-certificate-published = Potrdilo je izdal { $authority } dne { $date }.
console-certificate-download = Prenesi potrdilo (PDF)
