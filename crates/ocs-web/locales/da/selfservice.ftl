# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Din støttetilkendegivelse
selfservice-secret = Kvitteringens hemmelige kode
selfservice-secret-once = Denne hemmelige kode vises kun nu og gemmes ikke på vores server. Sammen med tilkendegivelsens id kan du kontrollere, at din tilkendegivelse tælles med, eller trække den tilbage, mens indsamlingen er åben. Gem koden, eller download kvitteringen.
selfservice-download = Download kvitteringen som tekstfil
selfservice-link = Kontrollér eller træk din tilkendegivelse tilbage
selfservice-intro = Indtast tilkendegivelsens id og den hemmelige kode fra din kvittering.
selfservice-check = Kontrollér min tilkendegivelse
selfservice-withdraw = Træk min tilkendegivelse tilbage
selfservice-withdraw-note = Tilbagetrækning sletter din støttetilkendegivelse. Du kan skrive under igen, mens indsamlingen er åben.
selfservice-withdraw-closed = Indsamlingen er lukket: tilkendegivelser kan kontrolleres, men ikke længere trækkes tilbage.
selfservice-duplicates = Hver person tælles én gang. En tidligere tilkendegivelse med en anden kvittering består og kan kun trækkes tilbage med sin egen kvittering.
selfservice-counted = Din støttetilkendegivelse er registreret og tælles med.
selfservice-withdrawn = Din støttetilkendegivelse er trukket tilbage og slettet. Den tælles ikke længere med.
selfservice-file-initiative = Initiativ
selfservice-file-howto = Åbn denne side, og indtast id og hemmelig kode for at kontrollere eller trække din tilkendegivelse tilbage:
error-SLF-001 = Ingen optalt tilkendegivelse passer til dette id og denne hemmelige kode. Kontrollér begge.
error-SLF-002 = Indsamlingen er lukket: tilkendegivelser kan ikke længere trækkes tilbage.
