# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Hírek e-mailben (nem kötelező)
mail-consent = Igen, szeretnék a szervezőktől e-mailben híreket kapni a(z) { $title } polgári kezdeményezésről. Bármikor leiratkozhatok.
mail-address = E-mail-cím
mail-address-hint = Csak akkor használjuk, ha bejelöli a fenti négyzetet. A támogató nyilatkozatától elkülönítve tároljuk, és nem kapcsolható össze vele.
mail-notice = Az e-mail-cím megadása önkéntes és független a támogatásától: a nyilatkozata nélküle is ugyanúgy számít. Egy üzenetet küldünk a cím megerősítésére; megerősítés nélkül { $days } nap után töröljük. Minden üzenetben van leiratkozási link; a leiratkozás törli a címét. A kezdeményezés adatmegőrzési idejének lejártakor minden címet törlünk.
error-MAIL-001 = Ez nem használható e-mail-cím. Ellenőrizze, vagy vegye ki a jelölést az e-mailes hírek négyzetéből.
error-MAIL-002 = Adja meg az e-mail-címét, vagy vegye ki a jelölést az e-mailes hírek négyzetéből.
mail-confirm-subject = Kérjük, erősítse meg az e-mailes híreket: { $title }
mail-confirm-body =
    Ön (vagy valaki, aki az Ön címét használta) e-mailes híreket kért a(z) „{ $title }” európai polgári kezdeményezésről.

    A megerősítéshez nyissa meg ezt a linket, és nyomja meg a gombot:
    { $link }

    Ha nem Ön kérte, hagyja figyelmen kívül ezt az üzenetet: megerősítés nélkül a címet { $days } nap után töröljük.

    Ez a kérés független minden támogató nyilatkozattól; a címe nincs összekapcsolva vele.
    Leiratkozás most: { $unsubscribe }
mail-confirm-title = E-mailes hírek megerősítése
mail-confirm-text = Nyomja meg a gombot annak megerősítéséhez, hogy e-mailes híreket szeretne kapni erről a kezdeményezésről.
mail-confirm-button = Megerősítés
mail-confirmed-title = Cím megerősítve
mail-confirmed-text = Köszönjük. Híreket fog kapni a következőről: { $title }. Minden üzenetben van leiratkozási link.
mail-confirm-invalid = Ez a megerősítő link nem érvényes: már felhasználták, lejárt, vagy a címet eltávolították. Semmit sem tároltunk.
mail-unsubscribe-title = Leiratkozás az e-mailes hírekről
mail-unsubscribe-text = Nyomja meg a gombot a hírek leállításához és e-mail-címe törléséhez.
mail-unsubscribe-button = Leiratkozás
mail-unsubscribed-title = Leiratkozott
mail-unsubscribed-text = E-mail-címét töröltük. Több hírt nem fog kapni.
mail-unsubscribe-invalid = Ez a leiratkozási link nem érvényes.
mail-back = Vissza a kezdeményezésekhez
field-mail_address = E-mail-cím

# The console's e-mail updates page (organisers).
mail-console-title = E-mailes hírek
mail-console-subscribers = Megerősített címek: { $count }
mail-console-separate = A címeket a támogató nyilatkozatoktól elkülönítve tároljuk, és nem kapcsolhatók össze velük. Csak azokat a címeket exportáljuk és csak azokra küldünk üzenetet, amelyeket tulajdonosuk megerősített.
mail-console-export-title = A címek exportálása
mail-console-export-help = Letölt egy CSV-fájlt (e-mail-cím, a megerősítés dátuma). Az exportálás bekerül az auditnaplóba. Tárolja biztonságosan a fájlt, és törölje, amikor már nincs rá szüksége.
mail-console-export = A CSV-fájl letöltése
mail-console-send-title = Írás a feliratkozóknak
mail-console-subject = Tárgy
mail-console-body = Üzenet
mail-console-body-hint = Egyszerű szöveg. Minden üzenethez leiratkozási link kerül. Az üzeneteket a háttérben küldjük, és ha a levelezőkiszolgáló nem érhető el, a küldést megismételjük.
mail-console-confirm = Ellenőriztem az üzenetet: küldés az összes megerősített címre ({ $count }). Ez nem vonható vissza.
mail-console-send = A hír elküldése
mail-console-queued = A hír { $count } címre való kiküldése sorba állítva.
mail-console-off = Az e-mailes hírek nincsenek beállítva ezen a kiszolgálón (a konfigurációban nincs [mail] szakasz).
mail-console-error-empty-subject = Adjon meg egy tárgyat.
mail-console-error-subject-line = A tárgy csak egy sorból állhat.
mail-console-error-subject-long = A tárgy túl hosszú (legfeljebb 200 karakter).
mail-console-error-empty-body = Adja meg az üzenetet.
mail-console-error-body-long = Az üzenet túl hosszú (legfeljebb 64 KiB).
mail-console-error-confirm = Jelölje be a négyzetet annak megerősítéséhez, hogy ellenőrizte az üzenetet.
mail-console-link = E-mailes hírek a támogatóknak
