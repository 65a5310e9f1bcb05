# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTA REŽĪMS: šī iniciatīva tiek testēta. Tagad sniegtie paziņojumi ir testa paziņojumi; tie netiek nosūtīti nevienai iestādei un tiek dzēsti pirms vākšanas sākuma.
console-certificate-published = Sertifikātu izdevusi { $authority } { $date }.
console-certificate-download = Lejupielādēt sertifikātu (PDF)
