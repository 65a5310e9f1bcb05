# Paper statements in the console, and the destruction warning.
paper-title = Zadať papierové vyhlásenia
paper-intro = Zadávajte vyhlásenia o podpore zozbierané na papierových formulároch po jednom, tak ako sú vyplnené. Kontrolujú sa a zbavujú duplicít rovnako ako vyhlásenia online a označujú sa ako papierové.
paper-nationality = Štátna príslušnosť na papierovom formulári
paper-show-form = Zobraziť formulár
paper-submit = Zaznamenať papierové vyhlásenie
paper-recorded = Papierové vyhlásenie bolo zaznamenané a započítané.
paper-duplicate = Táto osoba je už započítaná (online alebo na papieri). Nič sa neuložilo; tento papierový formulár znova nezapočítavajte.
paper-count-online = Online
paper-count-paper = Na papieri
paper-link = Zadať papierové vyhlásenia
retention-warning = Zničenie údajov dňa { $date }: vyhlásenia tejto iniciatívy budú v tento deň zničené (zostáva dní: { $days }). Dovtedy ich exportujte a odovzdajte orgánom.
retention-list = Zničenie dňa { $date } (zostáva dní: { $days })
eid-duplicate-receipt-note = Podpísali ste druhýkrát s rovnakou eID? Toto druhé potvrdenie nie je prepojené s vaším vyhlásením a odpovie „nenájdené“: použite potvrdenie zo svojho prvého podpisu. Vaše prvé vyhlásenie platí a počíta sa raz.
