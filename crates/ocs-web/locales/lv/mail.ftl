# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Jaunumi e-pastā (pēc izvēles)
mail-consent = Jā, vēlos saņemt no organizatoriem jaunumus e-pastā par pilsoņu iniciatīvu { $title }. Es varu jebkurā laikā atteikties.
mail-address = E-pasta adrese
mail-address-hint = Tiek izmantota tikai tad, ja atzīmējat lodziņu iepriekš. To glabā atsevišķi no jūsu paziņojuma par atbalstu, un to nevar sasaistīt ar to.
mail-notice = E-pasta adreses norādīšana ir brīvprātīga un nav saistīta ar jūsu atbalstu: jūsu paziņojums tiek ieskaitīts tāpat arī bez tās. Mēs nosūtīsim vienu ziņojumu adreses apstiprināšanai; bez apstiprinājuma tā tiek dzēsta pēc { $days } dienām. Katrā ziņojumā ir saite atteikumam; atsakoties jūsu adrese tiek dzēsta. Visas adreses tiek dzēstas, kad beidzas iniciatīvas datu glabāšanas laiks.
error-MAIL-001 = Šī nav izmantojama e-pasta adrese. Pārbaudiet to vai noņemiet atzīmi no jaunumu e-pastā lodziņa.
error-MAIL-002 = Ievadiet savu e-pasta adresi vai noņemiet atzīmi no jaunumu e-pastā lodziņa.
mail-confirm-subject = Lūdzu, apstipriniet jaunumus e-pastā: { $title }
mail-confirm-body =
    Jūs (vai kāds, kas izmantoja jūsu adresi) pieprasījāt jaunumus e-pastā par Eiropas pilsoņu iniciatīvu “{ $title }”.

    Lai apstiprinātu, atveriet šo saiti un nospiediet pogu:
    { $link }

    Ja to neesat pieprasījis, neņemiet vērā šo ziņojumu: bez apstiprinājuma adrese tiek dzēsta pēc { $days } dienām.

    Šis pieprasījums nav saistīts ne ar vienu paziņojumu par atbalstu; jūsu adrese nav ar to sasaistīta.
    Atteikties tūlīt: { $unsubscribe }
mail-confirm-title = Jaunumu e-pastā apstiprināšana
mail-confirm-text = Nospiediet pogu, lai apstiprinātu, ka vēlaties saņemt jaunumus e-pastā par šo iniciatīvu.
mail-confirm-button = Apstiprināt
mail-confirmed-title = Adrese apstiprināta
mail-confirmed-text = Paldies. Jūs saņemsiet jaunumus par { $title }. Katrā ziņojumā ir saite atteikumam.
mail-confirm-invalid = Šī apstiprinājuma saite nav derīga: tā jau ir izmantota, tai ir beidzies derīgums vai adrese ir noņemta. Nekas netika saglabāts.
mail-unsubscribe-title = Atteikšanās no jaunumiem e-pastā
mail-unsubscribe-text = Nospiediet pogu, lai pārtrauktu jaunumus un dzēstu savu e-pasta adresi.
mail-unsubscribe-button = Atteikties
mail-unsubscribed-title = Jūs esat atteicies
mail-unsubscribed-text = Jūsu e-pasta adrese ir dzēsta. Jūs vairs nesaņemsiet jaunumus.
mail-unsubscribe-invalid = Šī atteikuma saite nav derīga.
mail-back = Atpakaļ uz iniciatīvām
field-mail_address = E-pasta adrese

# The console's e-mail updates page (organisers).
mail-console-title = Jaunumi e-pastā
mail-console-subscribers = Apstiprinātās adreses: { $count }
mail-console-separate = Adreses glabā atsevišķi no paziņojumiem par atbalstu, un tās nevar sasaistīt ar tiem. Eksportē tikai tās adreses, kuras apstiprinājuši to īpašnieki, un ziņojumus sūta tikai uz tām.
mail-console-export-title = Adrešu eksportēšana
mail-console-export-help = Lejupielādē CSV datni (e-pasta adrese, apstiprināšanas datums). Eksportēšana tiek reģistrēta audita žurnālā. Glabājiet datni drošā vietā un izdzēsiet to, kad tā vairs nav vajadzīga.
mail-console-export = Lejupielādēt CSV datni
mail-console-send-title = Rakstīt abonentiem
mail-console-subject = Temats
mail-console-body = Ziņojums
mail-console-body-hint = Vienkāršs teksts. Katram ziņojumam tiek pievienota saite atteikumam. Ziņojumi tiek sūtīti fonā, un, ja pasta serveris nav pieejams, sūtīšana tiek atkārtota.
mail-console-confirm = Ziņojums ir pārbaudīts: nosūtīt to uz visām apstiprinātajām adresēm ({ $count }). Šo darbību nevar atsaukt.
mail-console-send = Nosūtīt jaunumus
mail-console-queued = Jaunumi ievietoti sūtīšanas rindā. Adrešu skaits: { $count }.
mail-console-off = Jaunumi e-pastā šajā serverī nav konfigurēti (konfigurācijā nav sadaļas [mail]).
mail-console-error-empty-subject = Ievadiet tematu.
mail-console-error-subject-line = Tematam jābūt vienā rindā.
mail-console-error-subject-long = Temats ir pārāk garš (ne vairāk kā 200 rakstzīmes).
mail-console-error-empty-body = Ievadiet ziņojumu.
mail-console-error-body-long = Ziņojums ir pārāk garš (ne vairāk kā 64 KiB).
mail-console-error-confirm = Atzīmējiet lodziņu, lai apstiprinātu ziņojuma pārbaudi.
mail-console-link = Jaunumi e-pastā atbalstītājiem
