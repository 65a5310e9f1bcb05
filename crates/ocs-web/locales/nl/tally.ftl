# The public tally log on the receipt (issue 17).
receipt-log-title = Openbaar telregister
receipt-log-index = Uw verklaring is vermelding { $index } in het openbare telregister van dit initiatief.
receipt-log-pending = Uw verklaring wordt bij de volgende publicatie aan het openbare telregister van dit initiatief toegevoegd.
receipt-log-proof = Download het bewijs dat uw verklaring in het register staat
receipt-log-check = Iedereen kan dit bewijs offline controleren, zonder deze website te hoeven vertrouwen, met het programma ocs en de openbare sleutel van het register:
# The chart of statements per day (issue 17, item 11).
daily-title = Steunbetuigingen per dag
daily-chart-label = Staafdiagram van de gepubliceerde steunbetuigingen per dag van ondertekening (UTC). Dagen: { $days }; steunbetuigingen in totaal: { $total }. De tabel hieronder geeft de cijfers.
daily-col-date = Dag (UTC)
daily-link = Steunbetuigingen per dag
