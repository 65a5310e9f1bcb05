# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Noutăți prin e-mail (opțional)
mail-consent = Da, doresc să primesc de la organizatori noutăți prin e-mail despre inițiativa cetățenească { $title }. Mă pot dezabona oricând.
mail-address = Adresă de e-mail
mail-address-hint = Este folosită numai dacă bifați căsuța de mai sus. Este păstrată separat de declarația dumneavoastră de susținere și nu poate fi legată de aceasta.
mail-notice = Furnizarea adresei de e-mail este opțională și separată de susținerea dumneavoastră: declarația contează la fel și fără ea. Vă trimitem un mesaj pentru confirmarea adresei; fără confirmare, aceasta este ștearsă după { $days } zile. Fiecare mesaj conține un link de dezabonare; dezabonarea șterge adresa. Toate adresele sunt șterse la încheierea perioadei de păstrare a datelor inițiativei.
error-MAIL-001 = Aceasta nu este o adresă de e-mail utilizabilă. Verificați-o sau debifați căsuța pentru noutăți prin e-mail.
error-MAIL-002 = Introduceți adresa de e-mail sau debifați căsuța pentru noutăți prin e-mail.
mail-confirm-subject = Vă rugăm să confirmați noutățile prin e-mail: { $title }
mail-confirm-body =
    Dumneavoastră (sau cineva care folosește adresa dumneavoastră) ați cerut noutăți prin e-mail despre inițiativa cetățenească europeană „{ $title }”.

    Pentru confirmare, deschideți acest link și apăsați butonul:
    { $link }

    Dacă nu ați cerut acest lucru, ignorați mesajul: fără confirmare, adresa este ștearsă după { $days } zile.

    Această cerere este separată de orice declarație de susținere; adresa dumneavoastră nu este legată de aceasta.
    Dezabonare acum: { $unsubscribe }
mail-confirm-title = Confirmarea noutăților prin e-mail
mail-confirm-text = Apăsați butonul pentru a confirma că doriți noutăți prin e-mail despre această inițiativă.
mail-confirm-button = Confirmă
mail-confirmed-title = Adresă confirmată
mail-confirmed-text = Vă mulțumim. Veți primi noutăți despre { $title }. Fiecare mesaj conține un link de dezabonare.
mail-confirm-invalid = Acest link de confirmare nu este valabil: a fost deja folosit, a expirat sau adresa a fost eliminată. Nu s-a salvat nimic.
mail-unsubscribe-title = Dezabonare de la noutățile prin e-mail
mail-unsubscribe-text = Apăsați butonul pentru a opri noutățile și a șterge adresa de e-mail.
mail-unsubscribe-button = Dezabonare
mail-unsubscribed-title = V-ați dezabonat
mail-unsubscribed-text = Adresa dumneavoastră de e-mail a fost ștearsă. Nu veți mai primi noutăți.
mail-unsubscribe-invalid = Acest link de dezabonare nu este valabil.
mail-back = Înapoi la inițiative
field-mail_address = Adresă de e-mail

# The console's e-mail updates page (organisers).
mail-console-title = Noutăți prin e-mail
mail-console-subscribers = Adrese confirmate: { $count }
mail-console-separate = Adresele sunt păstrate separat de declarațiile de susținere și nu pot fi legate de acestea. Sunt exportate sau primesc mesaje numai adresele confirmate de titularii lor.
mail-console-export-title = Exportul adreselor
mail-console-export-help = Descarcă un fișier CSV (adresă de e-mail, data confirmării). Exportul este înregistrat în jurnalul de audit. Păstrați fișierul în siguranță și ștergeți-l când nu mai aveți nevoie de el.
mail-console-export = Descărcați fișierul CSV
mail-console-send-title = Mesaj către abonați
mail-console-subject = Subiect
mail-console-body = Mesaj
mail-console-body-hint = Text simplu. La fiecare mesaj se adaugă un link de dezabonare. Mesajele sunt trimise în fundal, iar trimiterea se reia dacă serverul de e-mail nu este disponibil.
mail-console-confirm = Am verificat mesajul: trimitere la toate adresele confirmate ({ $count }). Acțiunea nu poate fi anulată.
mail-console-send = Trimiteți noutatea
mail-console-queued = Noutatea a fost pusă în coada de trimitere. Număr de adrese: { $count }.
mail-console-off = Noutățile prin e-mail nu sunt configurate pe acest server (configurația nu conține secțiunea [mail]).
mail-console-error-empty-subject = Introduceți un subiect.
mail-console-error-subject-line = Subiectul trebuie să fie pe un singur rând.
mail-console-error-subject-long = Subiectul este prea lung (cel mult 200 de caractere).
mail-console-error-empty-body = Introduceți mesajul.
mail-console-error-body-long = Mesajul este prea lung (cel mult 64 KiB).
mail-console-error-confirm = Bifați căsuța pentru a confirma că ați verificat mesajul.
mail-console-link = Noutăți prin e-mail pentru susținători
