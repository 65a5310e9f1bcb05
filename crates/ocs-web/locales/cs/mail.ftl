# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Novinky e-mailem (nepovinné)
mail-consent = Ano, chci od organizátorů dostávat e-mailem novinky o občanské iniciativě { $title }. Odběr mohu kdykoli zrušit.
mail-address = E-mailová adresa
mail-address-hint = Použije se jen tehdy, když zaškrtnete políčko výše. Ukládá se odděleně od vašeho prohlášení o podpoře a nelze ji s ním propojit.
mail-notice = Uvedení e-mailové adresy je nepovinné a oddělené od vaší podpory: vaše prohlášení platí stejně i bez ní. Pošleme vám jednu zprávu k potvrzení adresy; bez potvrzení bude po { $days } dnech smazána. Každá zpráva obsahuje odkaz ke zrušení odběru; zrušením se vaše adresa smaže. Všechny adresy se smažou po skončení doby uchovávání údajů iniciativy.
error-MAIL-001 = Toto není použitelná e-mailová adresa. Zkontrolujte ji, nebo zrušte zaškrtnutí políčka novinek e-mailem.
error-MAIL-002 = Zadejte svou e-mailovou adresu, nebo zrušte zaškrtnutí políčka novinek e-mailem.
mail-confirm-subject = Potvrďte prosím odběr novinek e-mailem: { $title }
mail-confirm-body =
    Vy (nebo někdo, kdo použil vaši adresu) jste požádali o novinky e-mailem o evropské občanské iniciativě „{ $title }“.

    Pro potvrzení otevřete tento odkaz a stiskněte tlačítko:
    { $link }

    Pokud jste o to nežádali, zprávu ignorujte: bez potvrzení bude adresa po { $days } dnech smazána.

    Tato žádost je oddělená od jakéhokoli prohlášení o podpoře; vaše adresa s ním není propojena.
    Zrušit odběr hned: { $unsubscribe }
mail-confirm-title = Potvrzení novinek e-mailem
mail-confirm-text = Stiskněte tlačítko a potvrďte, že chcete dostávat e-mailem novinky o této iniciativě.
mail-confirm-button = Potvrdit
mail-confirmed-title = Adresa potvrzena
mail-confirmed-text = Děkujeme. Budete dostávat novinky o { $title }. Každá zpráva obsahuje odkaz ke zrušení odběru.
mail-confirm-invalid = Tento potvrzovací odkaz není platný: již byl použit, vypršel nebo byla adresa odstraněna. Nic nebylo uloženo.
mail-unsubscribe-title = Zrušení odběru novinek e-mailem
mail-unsubscribe-text = Stiskněte tlačítko, chcete-li ukončit odběr a smazat svou e-mailovou adresu.
mail-unsubscribe-button = Zrušit odběr
mail-unsubscribed-title = Odběr zrušen
mail-unsubscribed-text = Vaše e-mailová adresa byla smazána. Další novinky už nedostanete.
mail-unsubscribe-invalid = Tento odkaz ke zrušení odběru není platný.
mail-back = Zpět na iniciativy
field-mail_address = E-mailová adresa

# The console's e-mail updates page (organisers).
mail-console-title = Novinky e-mailem
mail-console-subscribers = Potvrzené adresy: { $count }
mail-console-separate = Adresy se ukládají odděleně od prohlášení o podpoře a nelze je s nimi propojit. Exportují se a zprávy dostávají pouze adresy, které jejich vlastníci potvrdili.
mail-console-export-title = Export adres
mail-console-export-help = Stáhne soubor CSV (e-mailová adresa, datum potvrzení). Export se zapíše do auditního záznamu. Soubor bezpečně uložte a smažte jej, jakmile jej již nebudete potřebovat.
mail-console-export = Stáhnout soubor CSV
mail-console-send-title = Napsat odběratelům
mail-console-subject = Předmět
mail-console-body = Zpráva
mail-console-body-hint = Prostý text. Ke každé zprávě se připojí odkaz ke zrušení odběru. Zprávy se odesílají na pozadí a při nedostupnosti poštovního serveru se odeslání opakuje.
mail-console-confirm = Potvrzuji kontrolu zprávy: odeslat ji na všechny potvrzené adresy ({ $count }). Tuto akci nelze vrátit zpět.
mail-console-send = Odeslat novinku
mail-console-queued = Novinka byla zařazena do fronty k odeslání. Počet adres: { $count }.
mail-console-off = Novinky e-mailem nejsou na tomto serveru nastaveny (v konfiguraci chybí oddíl [mail]).
mail-console-error-empty-subject = Zadejte předmět.
mail-console-error-subject-line = Předmět musí být na jednom řádku.
mail-console-error-subject-long = Předmět je příliš dlouhý (nejvýše 200 znaků).
mail-console-error-empty-body = Zadejte zprávu.
mail-console-error-body-long = Zpráva je příliš dlouhá (nejvýše 64 KiB).
mail-console-error-confirm = Zaškrtnutím políčka potvrďte, že jste zprávu zkontrolovali.
mail-console-link = Novinky e-mailem pro podporovatele
