# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Novice po e-pošti (neobvezno)
mail-consent = Da, od organizatorjev želim prejemati novice po e-pošti o državljanski pobudi { $title }. Odjavim se lahko kadar koli.
mail-address = E-poštni naslov
mail-address-hint = Uporabi se le, če označite polje zgoraj. Hrani se ločeno od vaše izjave o podpori in ga ni mogoče povezati z njo.
mail-notice = Navedba e-poštnega naslova je neobvezna in ločena od vaše podpore: vaša izjava šteje enako tudi brez njega. Poslali vam bomo eno sporočilo za potrditev naslova; brez potrditve se po { $days } dneh izbriše. Vsako sporočilo vsebuje povezavo za odjavo; z odjavo se vaš naslov izbriše. Vsi naslovi se izbrišejo, ko se izteče obdobje hrambe podatkov pobude.
error-MAIL-001 = To ni uporaben e-poštni naslov. Preverite ga ali odznačite polje za novice po e-pošti.
error-MAIL-002 = Vpišite svoj e-poštni naslov ali odznačite polje za novice po e-pošti.
mail-confirm-subject = Potrdite novice po e-pošti: { $title }
mail-confirm-body =
    Vi (ali nekdo, ki uporablja vaš naslov) ste zaprosili za novice po e-pošti o evropski državljanski pobudi »{ $title }«.

    Za potrditev odprite to povezavo in pritisnite gumb:
    { $link }

    Če tega niste zahtevali, sporočilo prezrite: brez potrditve se naslov po { $days } dneh izbriše.

    Ta prošnja je ločena od vsake izjave o podpori; vaš naslov ni povezan z njo.
    Odjava zdaj: { $unsubscribe }
mail-confirm-title = Potrditev novic po e-pošti
mail-confirm-text = Pritisnite gumb, da potrdite, da želite prejemati novice po e-pošti o tej pobudi.
mail-confirm-button = Potrdi
mail-confirmed-title = Naslov potrjen
mail-confirmed-text = Hvala. Prejemali boste novice o { $title }. Vsako sporočilo vsebuje povezavo za odjavo.
mail-confirm-invalid = Ta povezava za potrditev ni veljavna: bila je že uporabljena, je potekla ali pa je bil naslov odstranjen. Nič ni bilo shranjeno.
mail-unsubscribe-title = Odjava od novic po e-pošti
mail-unsubscribe-text = Pritisnite gumb, da ustavite novice in izbrišete svoj e-poštni naslov.
mail-unsubscribe-button = Odjava
mail-unsubscribed-title = Odjavljeni ste
mail-unsubscribed-text = Vaš e-poštni naslov je bil izbrisan. Ne boste več prejemali novic.
mail-unsubscribe-invalid = Ta povezava za odjavo ni veljavna.
mail-back = Nazaj na pobude
field-mail_address = E-poštni naslov

# The console's e-mail updates page (organisers).
mail-console-title = Novice po e-pošti
mail-console-subscribers = Potrjeni naslovi: { $count }
mail-console-separate = Naslovi se hranijo ločeno od izjav o podpori in jih ni mogoče povezati z njimi. Izvozijo se in sporočila prejemajo samo naslovi, ki so jih njihovi lastniki potrdili.
mail-console-export-title = Izvoz naslovov
mail-console-export-help = Prenese datoteko CSV (e-poštni naslov, datum potrditve). Izvoz se zabeleži v revizijsko sled. Datoteko hranite na varnem in jo izbrišite, ko je ne potrebujete več.
mail-console-export = Prenesi datoteko CSV
mail-console-send-title = Pisanje naročnikom
mail-console-subject = Zadeva
mail-console-body = Sporočilo
mail-console-body-hint = Navadno besedilo. Vsakemu sporočilu se doda povezava za odjavo. Sporočila se pošiljajo v ozadju, če poštni strežnik ni dosegljiv, pa se pošiljanje ponovi.
mail-console-confirm = Sporočilo je pregledano: pošlji ga na vse potrjene naslove ({ $count }). Tega ni mogoče razveljaviti.
mail-console-send = Pošlji novico
mail-console-queued = Novica je uvrščena v čakalno vrsto za pošiljanje. Število naslovov: { $count }.
mail-console-off = Novice po e-pošti na tem strežniku niso nastavljene (v konfiguraciji ni razdelka [mail]).
mail-console-error-empty-subject = Vnesite zadevo.
mail-console-error-subject-line = Zadeva mora biti v eni vrstici.
mail-console-error-subject-long = Zadeva je predolga (največ 200 znakov).
mail-console-error-empty-body = Vnesite sporočilo.
mail-console-error-body-long = Sporočilo je predolgo (največ 64 KiB).
mail-console-error-confirm = Označite polje, da potrdite, da ste sporočilo pregledali.
mail-console-link = Novice po e-pošti za podpornike
