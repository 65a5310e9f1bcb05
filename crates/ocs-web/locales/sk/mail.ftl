# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Novinky e-mailom (nepovinné)
mail-consent = Áno, chcem od organizátorov dostávať e-mailom novinky o iniciatíve občanov { $title }. Odber môžem kedykoľvek zrušiť.
mail-address = E-mailová adresa
mail-address-hint = Použije sa, len ak začiarknete políčko vyššie. Uchováva sa oddelene od vášho vyhlásenia o podpore a nemožno ju s ním prepojiť.
mail-notice = Uvedenie e-mailovej adresy je nepovinné a oddelené od vašej podpory: vaše vyhlásenie platí rovnako aj bez nej. Pošleme vám jednu správu na potvrdenie adresy; bez potvrdenia sa po { $days } dňoch vymaže. Každá správa obsahuje odkaz na zrušenie odberu; zrušením sa vaša adresa vymaže. Všetky adresy sa vymažú po skončení lehoty uchovávania údajov iniciatívy.
error-MAIL-001 = Toto nie je použiteľná e-mailová adresa. Skontrolujte ju alebo zrušte začiarknutie políčka noviniek e-mailom.
error-MAIL-002 = Zadajte svoju e-mailovú adresu alebo zrušte začiarknutie políčka noviniek e-mailom.
mail-confirm-subject = Potvrďte odber noviniek e-mailom: { $title }
mail-confirm-body =
    Vy (alebo niekto, kto použil vašu adresu) ste požiadali o novinky e-mailom o európskej iniciatíve občanov „{ $title }“.

    Na potvrdenie otvorte tento odkaz a stlačte tlačidlo:
    { $link }

    Ak ste o to nežiadali, túto správu ignorujte: bez potvrdenia sa adresa po { $days } dňoch vymaže.

    Táto žiadosť je oddelená od akéhokoľvek vyhlásenia o podpore; vaša adresa s ním nie je prepojená.
    Zrušiť odber teraz: { $unsubscribe }
mail-confirm-title = Potvrdenie noviniek e-mailom
mail-confirm-text = Stlačte tlačidlo a potvrďte, že chcete dostávať e-mailom novinky o tejto iniciatíve.
mail-confirm-button = Potvrdiť
mail-confirmed-title = Adresa potvrdená
mail-confirmed-text = Ďakujeme. Budete dostávať novinky o { $title }. Každá správa obsahuje odkaz na zrušenie odberu.
mail-confirm-invalid = Tento potvrdzovací odkaz nie je platný: už bol použitý, vypršal alebo bola adresa odstránená. Nič sa neuložilo.
mail-unsubscribe-title = Zrušenie odberu noviniek e-mailom
mail-unsubscribe-text = Stlačte tlačidlo, ak chcete ukončiť odber a vymazať svoju e-mailovú adresu.
mail-unsubscribe-button = Zrušiť odber
mail-unsubscribed-title = Odber zrušený
mail-unsubscribed-text = Vaša e-mailová adresa bola vymazaná. Ďalšie novinky už nedostanete.
mail-unsubscribe-invalid = Tento odkaz na zrušenie odberu nie je platný.
mail-back = Späť na iniciatívy
field-mail_address = E-mailová adresa

# The console's e-mail updates page (organisers).
mail-console-title = Novinky e-mailom
mail-console-subscribers = Potvrdené adresy: { $count }
mail-console-separate = Adresy sa uchovávajú oddelene od vyhlásení o podpore a nemožno ich s nimi prepojiť. Exportujú sa a správy dostávajú iba adresy, ktoré ich vlastníci potvrdili.
mail-console-export-title = Export adries
mail-console-export-help = Stiahne súbor CSV (e-mailová adresa, dátum potvrdenia). Export sa zapíše do auditného záznamu. Súbor bezpečne uložte a vymažte ho, keď ho už nebudete potrebovať.
mail-console-export = Stiahnuť súbor CSV
mail-console-send-title = Napísať odberateľom
mail-console-subject = Predmet
mail-console-body = Správa
mail-console-body-hint = Čistý text. Ku každej správe sa pripojí odkaz na zrušenie odberu. Správy sa odosielajú na pozadí a pri nedostupnosti poštového servera sa odoslanie opakuje.
mail-console-confirm = Potvrdzujem kontrolu správy: odoslať ju na všetky potvrdené adresy ({ $count }). Túto akciu nemožno vrátiť späť.
mail-console-send = Odoslať novinku
mail-console-queued = Novinka bola zaradená do frontu na odoslanie. Počet adries: { $count }.
mail-console-off = Novinky e-mailom nie sú na tomto serveri nastavené (v konfigurácii chýba sekcia [mail]).
mail-console-error-empty-subject = Zadajte predmet.
mail-console-error-subject-line = Predmet musí byť na jednom riadku.
mail-console-error-subject-long = Predmet je príliš dlhý (najviac 200 znakov).
mail-console-error-empty-body = Zadajte správu.
mail-console-error-body-long = Správa je príliš dlhá (najviac 64 KiB).
mail-console-error-confirm = Začiarknutím políčka potvrďte, že ste správu skontrolovali.
mail-console-link = Novinky e-mailom pre podporovateľov
