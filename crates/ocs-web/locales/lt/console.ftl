# Organiser console and initiative lifecycle (public parts first).
console-test-marker = BANDOMASIS REŽIMAS: ši iniciatyva bandoma. Dabar pateikti pareiškimai yra bandomieji; jie nesiunčiami jokiai institucijai ir ištrinami prieš prasidedant rinkimui.
console-certificate-published = Sertifikatą išdavė { $authority } { $date }.
console-certificate-download = Atsisiųsti sertifikatą (PDF)
