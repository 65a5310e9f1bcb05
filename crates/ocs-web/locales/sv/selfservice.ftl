# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Din stödförklaring
selfservice-secret = Kvittots hemliga kod
selfservice-secret-once = Den här hemliga koden visas bara nu och sparas inte på vår server. Tillsammans med förklaringens id kan du kontrollera att din förklaring räknas, eller återkalla den medan insamlingen pågår. Spara koden eller ladda ned kvittot.
selfservice-download = Ladda ned kvittot som textfil
selfservice-link = Kontrollera eller återkalla din förklaring
selfservice-intro = Ange förklaringens id och den hemliga koden från ditt kvitto.
selfservice-check = Kontrollera min förklaring
selfservice-withdraw = Återkalla min förklaring
selfservice-withdraw-note = En återkallelse raderar din stödförklaring. Du kan skriva under igen medan insamlingen pågår.
selfservice-withdraw-closed = Insamlingen är avslutad: förklaringar kan kontrolleras men inte längre återkallas.
selfservice-duplicates = Varje person räknas en gång. En tidigare förklaring med ett annat kvitto står kvar och kan bara återkallas med sitt eget kvitto.
selfservice-counted = Din stödförklaring är registrerad och räknas.
selfservice-withdrawn = Din stödförklaring har återkallats och raderats. Den räknas inte längre.
selfservice-file-initiative = Initiativ
selfservice-file-howto = Öppna den här sidan och ange id och hemlig kod för att kontrollera eller återkalla din förklaring:
error-SLF-001 = Ingen räknad förklaring matchar detta id och denna hemliga kod. Kontrollera båda.
error-SLF-002 = Insamlingen är avslutad: förklaringar kan inte längre återkallas.
