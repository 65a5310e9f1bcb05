# The public tally log on the receipt (issue 17).
receipt-log-title = Jurnalul public al numărătorii
receipt-log-index = Declarația dumneavoastră este intrarea { $index } din jurnalul public al numărătorii acestei inițiative.
receipt-log-pending = Declarația dumneavoastră va fi adăugată în jurnalul public al numărătorii acestei inițiative la următoarea publicare.
receipt-log-proof = Descărcați dovada că declarația dumneavoastră se află în jurnal
receipt-log-check = Oricine poate verifica această dovadă offline, fără a avea încredere în acest site, cu instrumentul ocs și cheia publică a jurnalului:
# The chart of statements per day (issue 17, item 11).
daily-title = Declarații de susținere pe zi
daily-chart-label = Diagramă cu bare a declarațiilor de susținere publicate pe zi de semnare (UTC): zile: { $days }, declarații în total: { $total }. Tabelul de mai jos dă cifrele.
daily-col-date = Ziua (UTC)
daily-link = Declarații de susținere pe zi
