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
