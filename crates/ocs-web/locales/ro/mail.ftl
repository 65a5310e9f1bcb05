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
