# The public tally log on the receipt (issue 17).
receipt-log-title = Verejný záznam sčítania
receipt-log-index = Vaše vyhlásenie je položka { $index } vo verejnom zázname sčítania tejto iniciatívy.
receipt-log-pending = Vaše vyhlásenie bude pri najbližšom zverejnení pridané do verejného záznamu sčítania tejto iniciatívy.
receipt-log-proof = Stiahnuť doklad, že vaše vyhlásenie je v zázname
receipt-log-check = Tento doklad môže ktokoľvek overiť offline, bez toho, aby musel dôverovať tejto stránke, pomocou nástroja ocs a verejného kľúča záznamu:
# The chart of statements per day (issue 17, item 11).
daily-title = Vyhlásenia o podpore po dňoch
daily-chart-label = Stĺpcový graf zverejnených vyhlásení o podpore podľa dňa podpisu (UTC): dní: { $days }, vyhlásení spolu: { $total }. Čísla uvádza tabuľka nižšie.
daily-col-date = Deň (UTC)
daily-link = Vyhlásenia o podpore po dňoch
