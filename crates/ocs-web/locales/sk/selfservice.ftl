# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Vaše vyhlásenie o podpore
selfservice-secret = Tajný kód potvrdenia
selfservice-secret-once = Tento tajný kód sa zobrazuje len teraz a na našom serveri sa neukladá. Spolu s identifikátorom vyhlásenia umožňuje overiť, že sa vaše vyhlásenie započítava, alebo ho odvolať, kým zber prebieha. Uložte si ho alebo si stiahnite potvrdenie.
selfservice-download = Stiahnuť potvrdenie ako textový súbor
selfservice-link = Overiť alebo odvolať vyhlásenie
selfservice-intro = Zadajte identifikátor vyhlásenia a tajný kód z potvrdenia.
selfservice-check = Overiť moje vyhlásenie
selfservice-withdraw = Odvolať moje vyhlásenie
selfservice-withdraw-note = Odvolaním sa vaše vyhlásenie o podpore vymaže. Kým zber prebieha, môžete podpísať znova.
selfservice-withdraw-closed = Zber sa skončil: vyhlásenia možno overiť, ale už nie odvolať.
selfservice-duplicates = Každá osoba sa počíta raz. Skoršie vyhlásenie s iným potvrdením platí ďalej a možno ho odvolať len s jeho vlastným potvrdením.
selfservice-counted = Vaše vyhlásenie o podpore je zaznamenané a započítané.
selfservice-withdrawn = Vaše vyhlásenie o podpore bolo odvolané a vymazané. Už sa nezapočítava.
selfservice-file-initiative = Iniciatíva
selfservice-file-howto = Ak chcete vyhlásenie overiť alebo odvolať, otvorte túto stránku a zadajte identifikátor a tajný kód:
error-SLF-001 = Tomuto identifikátoru a tajnému kódu nezodpovedá žiadne započítané vyhlásenie. Skontrolujte oboje.
error-SLF-002 = Zber sa skončil: vyhlásenia už nemožno odvolať.
