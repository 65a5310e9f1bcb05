# Paper statements in the console, and the destruction warning.
paper-title = Papīra paziņojumu ievadīšana
paper-intro = Ievadiet uz papīra veidlapām savāktos paziņojumus par atbalstu pa vienam, kā tie ierakstīti veidlapā. Tie tiek pārbaudīti un dublikāti izslēgti tāpat kā tiešsaistes paziņojumiem, un tie tiek atzīmēti kā papīra paziņojumi.
paper-nationality = Pilsonība papīra veidlapā
paper-show-form = Rādīt veidlapu
paper-submit = Reģistrēt papīra paziņojumu
paper-recorded = Papīra paziņojums ir reģistrēts un ieskaitīts.
paper-duplicate = Šī persona jau ir ieskaitīta (tiešsaistē vai uz papīra). Nekas netika saglabāts; neieskaitiet šo papīra veidlapu vēlreiz.
paper-count-online = Tiešsaistē
paper-count-paper = Uz papīra
paper-link = Papīra paziņojumu ievadīšana
retention-warning = Datu iznīcināšana { $date }: šīs iniciatīvas paziņojumi tiks iznīcināti tajā dienā (atlikušas dienas: { $days }). Pirms tam eksportējiet tos un nododiet iestādēm.
retention-list = Iznīcināšana { $date } (atlikušas dienas: { $days })
eid-duplicate-receipt-note = Parakstījāt otrreiz ar to pašu eID? Šī otrā kvīts nav saistīta ar jūsu paziņojumu un atbild “nav atrasts”: izmantojiet pirmā paraksta kvīti. Jūsu pirmais paziņojums ir spēkā un tiek ieskaitīts vienreiz.
