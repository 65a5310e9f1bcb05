# The public tally log on the receipt (issue 17).
receipt-log-title = Verejný záznam sčítania
receipt-log-index = Vaše vyhlásenie je položka { $index } vo verejnom zázname sčítania tejto iniciatívy.
receipt-log-pending = Vaše vyhlásenie bude pri najbližšom zverejnení pridané do verejného záznamu sčítania tejto iniciatívy.
receipt-log-proof = Stiahnuť doklad, že vaše vyhlásenie je v zázname
receipt-log-check = Tento doklad môže ktokoľvek overiť offline, bez toho, aby musel dôverovať tejto stránke, pomocou nástroja ocs a verejného kľúča záznamu:
