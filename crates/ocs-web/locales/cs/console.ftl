# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTOVACÍ REŽIM: tato iniciativa se zkouší. Prohlášení podaná nyní jsou testovací; nezasílají se žádnému orgánu a před zahájením sběru budou vymazána.
console-certificate-published = Osvědčení vydal { $authority } dne { $date }.
console-certificate-download = Stáhnout osvědčení (PDF)
