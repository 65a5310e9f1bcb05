# Paper statements in the console, and the destruction warning.
paper-title = Zadat papírová prohlášení
paper-intro = Zadávejte prohlášení o podpoře shromážděná na papírových formulářích jedno po druhém, tak jak jsou vyplněna. Kontrolují se a zbavují duplicit stejně jako prohlášení online a označují se jako papírová.
paper-nationality = Státní příslušnost na papírovém formuláři
paper-show-form = Zobrazit formulář
paper-submit = Zaznamenat papírové prohlášení
paper-recorded = Papírové prohlášení bylo zaznamenáno a započteno.
paper-duplicate = Tato osoba je již započtena (online nebo na papíře). Nic nebylo uloženo; tento papírový formulář znovu nezapočítávejte.
paper-count-online = Online
paper-count-paper = Na papíře
paper-link = Zadat papírová prohlášení
retention-warning = Zničení údajů dne { $date }: prohlášení této iniciativy budou v tento den zničena (zbývá dní: { $days }). Do té doby je exportujte a předejte orgánům.
retention-list = Zničení dne { $date } (zbývá dní: { $days })
eid-duplicate-receipt-note = Podepsali jste podruhé se stejnou eID? Toto druhé potvrzení není propojeno s vaším prohlášením a odpoví „nenalezeno“: použijte potvrzení ze svého prvního podpisu. Vaše první prohlášení platí a počítá se jednou.
