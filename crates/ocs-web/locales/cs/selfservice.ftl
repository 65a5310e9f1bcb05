# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Vaše prohlášení o podpoře
selfservice-secret = Tajný kód potvrzení
selfservice-secret-once = Tento tajný kód se zobrazuje jen nyní a na našem serveru se neukládá. Spolu s identifikátorem prohlášení umožňuje ověřit, že se vaše prohlášení započítává, nebo je vzít zpět, dokud sběr probíhá. Uložte si ho nebo stáhněte potvrzení.
selfservice-download = Stáhnout potvrzení jako textový soubor
selfservice-link = Ověřit nebo vzít zpět prohlášení
selfservice-intro = Zadejte identifikátor prohlášení a tajný kód z potvrzení.
selfservice-check = Ověřit mé prohlášení
selfservice-withdraw = Vzít zpět mé prohlášení
selfservice-withdraw-note = Vzetím zpět se vaše prohlášení o podpoře smaže. Dokud sběr probíhá, můžete podepsat znovu.
selfservice-withdraw-closed = Sběr skončil: prohlášení lze ověřit, ale už ne vzít zpět.
selfservice-duplicates = Každá osoba se počítá jednou. Dřívější prohlášení s jiným potvrzením platí dál a lze je vzít zpět jen s jeho vlastním potvrzením.
selfservice-counted = Vaše prohlášení o podpoře je zaznamenáno a započítáno.
selfservice-withdrawn = Vaše prohlášení o podpoře bylo vzato zpět a smazáno. Už se nezapočítává.
selfservice-file-initiative = Iniciativa
selfservice-file-howto = Chcete-li prohlášení ověřit nebo vzít zpět, otevřete tuto stránku a zadejte identifikátor a tajný kód:
error-SLF-001 = Tomuto identifikátoru a tajnému kódu neodpovídá žádné započítané prohlášení. Zkontrolujte obojí.
error-SLF-002 = Sběr skončil: prohlášení už nelze vzít zpět.
