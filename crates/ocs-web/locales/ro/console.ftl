# Organiser console and initiative lifecycle (public parts first).
console-test-marker = MOD DE TEST: această inițiativă este în curs de testare. Declarațiile date acum sunt de test; nu sunt trimise niciunei autorități și sunt șterse înainte de deschiderea colectării.
console-certificate-published = Certificat eliberat de { $authority } la { $date }.
console-certificate-download = Descărcați certificatul (PDF)
