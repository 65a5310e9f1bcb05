# Paper statements in the console, and the destruction warning.
paper-title = Papíralapú nyilatkozatok rögzítése
paper-intro = Rögzítse egyenként a papíralapú űrlapokon gyűjtött támogató nyilatkozatokat, ahogyan az űrlapon szerepelnek. Az online nyilatkozatokhoz hasonlóan ellenőrizzük és kiszűrjük a többszörözéseket, és papíralapúként jelöljük őket.
paper-nationality = Állampolgárság a papíralapú űrlapon
paper-show-form = Űrlap megjelenítése
paper-submit = Papíralapú nyilatkozat rögzítése
paper-recorded = A papíralapú nyilatkozat rögzítve és beszámítva.
paper-duplicate = Ez a személy már be van számítva (online vagy papíron). Semmi sem került tárolásra; ezt a papíralapú űrlapot ne számítsa be újra.
paper-count-online = Online
paper-count-paper = Papíron
paper-link = Papíralapú nyilatkozatok rögzítése
retention-warning = Adatmegsemmisítés: { $date }. A kezdeményezés nyilatkozatait ezen a napon megsemmisítjük (hátralévő napok: { $days }). Előtte exportálja és juttassa el őket a hatóságoknak.
retention-list = Megsemmisítés: { $date } (hátralévő napok: { $days })
eid-duplicate-receipt-note = Másodszor is aláírt ugyanazzal az eID-vel? Ez a második elismervény nem kapcsolódik a nyilatkozatához, és „nem található” választ ad: használja az első aláírásakor kapott elismervényt. Az első nyilatkozata érvényes, és egyszer számít bele.
