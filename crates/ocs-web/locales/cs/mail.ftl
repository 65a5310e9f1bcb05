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
