# Organiser console and initiative lifecycle (public parts first).
console-test-marker = MODO DE PRUEBA: esta iniciativa se está probando. Las declaraciones que se presenten ahora son de prueba; no se envían a ninguna autoridad y se borran antes de que comience la recogida.
console-certificate-published = Certificado expedido por { $authority } el { $date }.
console-certificate-download = Descargar el certificado (PDF)
