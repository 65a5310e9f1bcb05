# Organiser console and initiative lifecycle (public parts first).
console-test-marker = MODO DE TESTE: esta iniciativa está a ser testada. As declarações dadas agora são de teste; não são enviadas a nenhuma autoridade e são apagadas antes do início da recolha.
console-certificate-published = Certificado emitido por { $authority } em { $date }.
console-certificate-download = Descarregar o certificado (PDF)
