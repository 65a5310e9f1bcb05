# Organiser console and initiative lifecycle (public parts first).
console-test-marker = TESTITILA: tätä aloitetta testataan. Nyt annetut tiedonannot ovat testitietoja; niitä ei lähetetä millekään viranomaiselle, ja ne poistetaan ennen keräyksen alkua.
console-certificate-published = Todistuksen on antanut { $authority } { $date }.
console-certificate-download = Lataa todistus (PDF)
