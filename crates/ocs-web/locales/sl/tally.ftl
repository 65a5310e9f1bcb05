# The public tally log on the receipt (issue 17).
receipt-log-title = Javni dnevnik štetja
receipt-log-index = Vaša izjava je vnos { $index } v javnem dnevniku štetja te pobude.
receipt-log-pending = Vaša izjava bo ob naslednji objavi dodana v javni dnevnik štetja te pobude.
receipt-log-proof = Prenesite dokaz, da je vaša izjava v dnevniku
receipt-log-check = Vsakdo lahko ta dokaz preveri brez povezave, ne da bi zaupal temu spletnemu mestu, z orodjem ocs in javnim ključem dnevnika:
# The chart of statements per day (issue 17, item 11).
daily-title = Izjave o podpori po dnevih
daily-chart-label = Stolpčni diagram objavljenih izjav o podpori po dnevu podpisa (UTC): dni: { $days }, izjav skupaj: { $total }. Številke so v preglednici spodaj.
daily-col-date = Dan (UTC)
daily-link = Izjave o podpori po dnevih
