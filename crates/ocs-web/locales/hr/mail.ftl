# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Novosti e-poštom (neobvezno)
mail-consent = Da, želim od organizatora primati novosti e-poštom o građanskoj inicijativi { $title }. Mogu se odjaviti u bilo kojem trenutku.
mail-address = Adresa e-pošte
mail-address-hint = Upotrebljava se samo ako označite gornji okvir. Čuva se odvojeno od vaše izjave o potpori i ne može se s njom povezati.
mail-notice = Navođenje adrese e-pošte neobvezno je i odvojeno od vaše potpore: vaša izjava vrijedi jednako i bez nje. Poslat ćemo vam jednu poruku radi potvrde adrese; bez potvrde briše se nakon { $days } dana. Svaka poruka sadržava poveznicu za odjavu; odjavom se vaša adresa briše. Sve se adrese brišu kad istekne razdoblje čuvanja podataka inicijative.
error-MAIL-001 = Ovo nije upotrebljiva adresa e-pošte. Provjerite je ili uklonite oznaku za novosti e-poštom.
error-MAIL-002 = Unesite adresu e-pošte ili uklonite oznaku za novosti e-poštom.
mail-confirm-subject = Potvrdite primanje novosti e-poštom: { $title }
mail-confirm-body =
    Vi (ili netko tko se koristi vašom adresom) zatražili ste novosti e-poštom o europskoj građanskoj inicijativi „{ $title }”.

    Za potvrdu otvorite ovu poveznicu i pritisnite gumb:
    { $link }

    Ako to niste zatražili, zanemarite ovu poruku: bez potvrde adresa se briše nakon { $days } dana.

    Ovaj je zahtjev odvojen od svake izjave o potpori; vaša adresa nije povezana s njom.
    Odjava odmah: { $unsubscribe }
mail-confirm-title = Potvrda novosti e-poštom
mail-confirm-text = Pritisnite gumb kako biste potvrdili da želite primati novosti e-poštom o ovoj inicijativi.
mail-confirm-button = Potvrdi
mail-confirmed-title = Adresa potvrđena
mail-confirmed-text = Hvala. Primat ćete novosti o { $title }. Svaka poruka sadržava poveznicu za odjavu.
mail-confirm-invalid = Ova poveznica za potvrdu nije valjana: već je upotrijebljena, istekla je ili je adresa uklonjena. Ništa nije spremljeno.
mail-unsubscribe-title = Odjava od novosti e-poštom
mail-unsubscribe-text = Pritisnite gumb kako biste prestali primati novosti i izbrisali adresu e-pošte.
mail-unsubscribe-button = Odjava
mail-unsubscribed-title = Odjavljeni ste
mail-unsubscribed-text = Vaša adresa e-pošte izbrisana je. Više nećete primati novosti.
mail-unsubscribe-invalid = Ova poveznica za odjavu nije valjana.
mail-back = Natrag na inicijative
field-mail_address = Adresa e-pošte

# The console's e-mail updates page (organisers).
mail-console-title = Novosti e-poštom
mail-console-subscribers = Potvrđene adrese: { $count }
mail-console-separate = Adrese se čuvaju odvojeno od izjava o potpori i ne mogu se s njima povezati. Izvoze se i poruke primaju samo adrese koje su njihovi vlasnici potvrdili.
mail-console-export-title = Izvoz adresa
mail-console-export-help = Preuzima datoteku CSV (adresa e-pošte, datum potvrde). Izvoz se bilježi u revizijski zapis. Datoteku čuvajte na sigurnom i izbrišite je kad vam više ne bude potrebna.
mail-console-export = Preuzmi datoteku CSV
mail-console-send-title = Pisanje pretplatnicima
mail-console-subject = Predmet
mail-console-body = Poruka
mail-console-body-hint = Običan tekst. Svakoj se poruci dodaje poveznica za odjavu. Poruke se šalju u pozadini, a slanje se ponavlja ako poslužitelj e-pošte nije dostupan.
mail-console-confirm = Poruka je provjerena: poslati je na sve potvrđene adrese ({ $count }). To se ne može poništiti.
mail-console-send = Pošalji novost
mail-console-queued = Novost je stavljena u red za slanje. Broj adresa: { $count }.
mail-console-off = Novosti e-poštom nisu konfigurirane na ovom poslužitelju (u konfiguraciji nema odjeljka [mail]).
mail-console-error-empty-subject = Unesite predmet.
mail-console-error-subject-line = Predmet mora biti u jednom retku.
mail-console-error-subject-long = Predmet je predug (najviše 200 znakova).
mail-console-error-empty-body = Unesite poruku.
mail-console-error-body-long = Poruka je preduga (najviše 64 KiB).
mail-console-error-confirm = Označite okvir kako biste potvrdili da ste provjerili poruku.
mail-console-link = Novosti e-poštom za potpisnike
