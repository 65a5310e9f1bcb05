# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTNI NAČIN: ova se inicijativa testira. Izjave dane sada testne su; ne šalju se nijednom tijelu i brišu se prije početka prikupljanja.
console-certificate-published = Potvrdu je izdalo tijelo { $authority } dana { $date }.
console-certificate-download = Preuzmi potvrdu (PDF)
