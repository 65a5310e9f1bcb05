# The public tally log on the receipt (issue 17).
receipt-log-title = Openbaar telregister
receipt-log-index = Uw verklaring is vermelding { $index } in het openbare telregister van dit initiatief.
receipt-log-pending = Uw verklaring wordt bij de volgende publicatie aan het openbare telregister van dit initiatief toegevoegd.
receipt-log-proof = Download het bewijs dat uw verklaring in het register staat
receipt-log-check = Iedereen kan dit bewijs offline controleren, zonder deze website te hoeven vertrouwen, met het programma ocs en de openbare sleutel van het register:
