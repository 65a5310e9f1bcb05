# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = A sua declaração de apoio
selfservice-secret = Código secreto do recibo
selfservice-secret-once = Este código secreto só é mostrado agora e não é guardado no nosso servidor. Com o identificador da declaração, permite verificar que a sua declaração é contada ou retirá-la enquanto a recolha estiver aberta. Guarde-o ou descarregue o recibo.
selfservice-download = Descarregar o recibo como ficheiro de texto
selfservice-link = Verificar ou retirar a sua declaração
selfservice-intro = Introduza o identificador da declaração e o código secreto do seu recibo.
selfservice-check = Verificar a minha declaração
selfservice-withdraw = Retirar a minha declaração
selfservice-withdraw-note = Retirar apaga a sua declaração de apoio. Pode voltar a assinar enquanto a recolha estiver aberta.
selfservice-withdraw-closed = A recolha terminou: as declarações podem ser verificadas, mas já não retiradas.
selfservice-duplicates = Cada pessoa é contada uma vez. Uma declaração feita antes com outro recibo mantém-se e só pode ser retirada com o seu próprio recibo.
selfservice-counted = A sua declaração de apoio está registada e é contada.
selfservice-withdrawn = A sua declaração de apoio foi retirada e apagada. Já não é contada.
selfservice-file-initiative = Iniciativa
selfservice-file-howto = Para verificar ou retirar a sua declaração, abra esta página e introduza o identificador e o código secreto:
error-SLF-001 = Nenhuma declaração contada corresponde a este identificador e código secreto. Verifique ambos.
error-SLF-002 = A recolha terminou: as declarações já não podem ser retiradas.
