# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = La sua dichiarazione di sostegno
selfservice-secret = Codice segreto della ricevuta
selfservice-secret-once = Questo codice segreto viene mostrato solo ora e non è conservato sul nostro server. Con l'identificativo della dichiarazione permette di verificare che la dichiarazione sia conteggiata o di ritirarla finché la raccolta è aperta. Lo salvi o scarichi la ricevuta.
selfservice-download = Scarica la ricevuta come file di testo
selfservice-link = Verifica o ritira la dichiarazione
selfservice-intro = Inserisca l'identificativo della dichiarazione e il codice segreto della ricevuta.
selfservice-check = Verifica la mia dichiarazione
selfservice-withdraw = Ritira la mia dichiarazione
selfservice-withdraw-note = Il ritiro cancella la sua dichiarazione di sostegno. Potrà firmare di nuovo finché la raccolta è aperta.
selfservice-withdraw-closed = La raccolta è chiusa: le dichiarazioni possono essere verificate ma non più ritirate.
selfservice-duplicates = Ogni persona è contata una sola volta. Una dichiarazione fatta prima con un'altra ricevuta resta valida e può essere ritirata solo con la propria ricevuta.
selfservice-counted = La sua dichiarazione di sostegno è registrata e conteggiata.
selfservice-withdrawn = La sua dichiarazione di sostegno è stata ritirata e cancellata. Non è più conteggiata.
selfservice-file-initiative = Iniziativa
selfservice-file-howto = Per verificare o ritirare la dichiarazione, apra questa pagina e inserisca l'identificativo e il codice segreto:
error-SLF-001 = Nessuna dichiarazione conteggiata corrisponde a questo identificativo e codice segreto. Li controlli.
error-SLF-002 = La raccolta è chiusa: le dichiarazioni non possono più essere ritirate.
