# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Jūsu paziņojums par atbalstu
selfservice-secret = Apliecinājuma slepenais kods
selfservice-secret-once = Šis slepenais kods tiek parādīts tikai tagad un netiek glabāts mūsu serverī. Kopā ar paziņojuma identifikatoru tas ļauj pārbaudīt, vai jūsu paziņojums tiek ieskaitīts, vai to atsaukt, kamēr vākšana notiek. Saglabājiet to vai lejupielādējiet apliecinājumu.
selfservice-download = Lejupielādēt apliecinājumu kā teksta failu
selfservice-link = Pārbaudīt vai atsaukt paziņojumu
selfservice-intro = Ievadiet paziņojuma identifikatoru un apliecinājuma slepeno kodu.
selfservice-check = Pārbaudīt manu paziņojumu
selfservice-withdraw = Atsaukt manu paziņojumu
selfservice-withdraw-note = Atsaukšana izdzēš jūsu paziņojumu par atbalstu. Kamēr vākšana notiek, varat parakstīties vēlreiz.
selfservice-withdraw-closed = Vākšana ir beigusies: paziņojumus var pārbaudīt, bet vairs nevar atsaukt.
selfservice-duplicates = Katru personu ieskaita vienreiz. Agrāk ar citu apliecinājumu sniegts paziņojums paliek spēkā, un to var atsaukt tikai ar tā paša apliecinājumu.
selfservice-counted = Jūsu paziņojums par atbalstu ir reģistrēts un tiek ieskaitīts.
selfservice-withdrawn = Jūsu paziņojums par atbalstu ir atsaukts un izdzēsts. Tas vairs netiek ieskaitīts.
selfservice-file-initiative = Iniciatīva
selfservice-file-howto = Lai pārbaudītu vai atsauktu paziņojumu, atveriet šo lapu un ievadiet identifikatoru un slepeno kodu:
error-SLF-001 = Šim identifikatoram un slepenajam kodam neatbilst neviens ieskaitīts paziņojums. Pārbaudiet abus.
error-SLF-002 = Vākšana ir beigusies: paziņojumus vairs nevar atsaukt.
