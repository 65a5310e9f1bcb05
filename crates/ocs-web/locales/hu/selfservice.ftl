# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Az Ön támogató nyilatkozata
selfservice-secret = A visszaigazolás titkos kódja
selfservice-secret-once = Ezt a titkos kódot csak most mutatjuk meg, és nem tároljuk a szerverünkön. A nyilatkozat azonosítójával együtt ellenőrizheti, hogy nyilatkozatát beszámítják-e, vagy visszavonhatja, amíg a gyűjtés tart. Mentse el, vagy töltse le a visszaigazolást.
selfservice-download = A visszaigazolás letöltése szövegfájlként
selfservice-link = Nyilatkozat ellenőrzése vagy visszavonása
selfservice-intro = Adja meg a nyilatkozat azonosítóját és a visszaigazolás titkos kódját.
selfservice-check = Nyilatkozatom ellenőrzése
selfservice-withdraw = Nyilatkozatom visszavonása
selfservice-withdraw-note = A visszavonás törli a támogató nyilatkozatát. Amíg a gyűjtés tart, újra aláírhat.
selfservice-withdraw-closed = A gyűjtés lezárult: a nyilatkozatok ellenőrizhetők, de már nem vonhatók vissza.
selfservice-duplicates = Mindenkit egyszer számolunk. Egy korábban másik visszaigazolással tett nyilatkozat érvényes marad, és csak a saját visszaigazolásával vonható vissza.
selfservice-counted = Támogató nyilatkozatát rögzítettük és beszámítjuk.
selfservice-withdrawn = Támogató nyilatkozatát visszavontuk és töröltük. Már nem számít bele.
selfservice-file-initiative = Kezdeményezés
selfservice-file-howto = Nyilatkozata ellenőrzéséhez vagy visszavonásához nyissa meg ezt az oldalt, és adja meg az azonosítót és a titkos kódot:
error-SLF-001 = Ehhez az azonosítóhoz és titkos kódhoz nem tartozik beszámított nyilatkozat. Ellenőrizze mindkettőt.
error-SLF-002 = A gyűjtés lezárult: a nyilatkozatok már nem vonhatók vissza.
