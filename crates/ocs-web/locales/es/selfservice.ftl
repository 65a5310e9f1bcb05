# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Su declaración de apoyo
selfservice-secret = Código secreto del recibo
selfservice-secret-once = Este código secreto solo se muestra ahora y no se guarda en nuestro servidor. Junto con el identificador de la declaración, le permite comprobar que su declaración se cuenta o retirarla mientras la recogida esté abierta. Guárdelo o descargue el recibo.
selfservice-download = Descargar el recibo como archivo de texto
selfservice-link = Comprobar o retirar su declaración
selfservice-intro = Introduzca el identificador de la declaración y el código secreto de su recibo.
selfservice-check = Comprobar mi declaración
selfservice-withdraw = Retirar mi declaración
selfservice-withdraw-note = Al retirarla se borra su declaración de apoyo. Podrá volver a firmar mientras la recogida esté abierta.
selfservice-withdraw-closed = La recogida ha terminado: las declaraciones pueden comprobarse pero ya no retirarse.
selfservice-duplicates = Cada persona se cuenta una vez. Una declaración hecha antes con otro recibo se mantiene y solo puede retirarse con su propio recibo.
selfservice-counted = Su declaración de apoyo está registrada y se cuenta.
selfservice-withdrawn = Su declaración de apoyo ha sido retirada y borrada. Ya no se cuenta.
selfservice-file-initiative = Iniciativa
selfservice-file-howto = Para comprobar o retirar su declaración, abra esta página e introduzca el identificador y el código secreto:
error-SLF-001 = Ninguna declaración contada coincide con este identificador y este código secreto. Compruebe ambos.
error-SLF-002 = La recogida ha terminado: las declaraciones ya no pueden retirarse.
