# Organiser console and initiative lifecycle (public parts first).
console-test-marker = ТЕСТОВ РЕЖИМ: тази инициатива се изпробва. Изявленията, подадени сега, са тестови; те не се изпращат на никой орган и се заличават преди началото на събирането.
console-certificate-published = Удостоверение, издадено от { $authority } на { $date }.
console-certificate-download = Изтегляне на удостоверението (PDF)
