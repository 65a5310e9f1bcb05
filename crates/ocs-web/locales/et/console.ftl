# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTIREŽIIM: seda algatust katsetatakse. Praegu antud toetusavaldused on testandmed; neid ei saadeta ühelegi asutusele ja need kustutatakse enne kogumise algust.
console-certificate-published = Tõendi väljastas { $authority } { $date }.
console-certificate-download = Laadi tõend alla (PDF)
