# The public tally log on the receipt (issue 17).
receipt-log-title = Avalik loenduslogi
receipt-log-index = Teie toetusavaldus on selle algatuse avaliku loenduslogi kanne { $index }.
receipt-log-pending = Teie toetusavaldus lisatakse selle algatuse avalikku loenduslogisse järgmise avaldamisega.
receipt-log-proof = Laadige alla tõend, et teie toetusavaldus on logis
receipt-log-check = Igaüks saab seda tõendit võrguühenduseta kontrollida, ilma seda saiti usaldamata, tööriista ocs ja logi avaliku võtmega:
# The chart of statements per day (issue 17, item 11).
daily-title = Toetusavaldused päevade kaupa
daily-chart-label = Tulpdiagramm avaldatud toetusavaldustest allkirjastamise päeva kaupa (UTC). Päevi: { $days }; toetusavaldusi kokku: { $total }. Allolev tabel annab arvud.
daily-col-date = Päev (UTC)
daily-link = Toetusavaldused päevade kaupa
