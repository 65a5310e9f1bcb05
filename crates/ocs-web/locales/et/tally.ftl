# The public tally log on the receipt (issue 17).
receipt-log-title = Avalik loenduslogi
receipt-log-index = Teie toetusavaldus on selle algatuse avaliku loenduslogi kanne { $index }.
receipt-log-pending = Teie toetusavaldus lisatakse selle algatuse avalikku loenduslogisse järgmise avaldamisega.
receipt-log-proof = Laadige alla tõend, et teie toetusavaldus on logis
receipt-log-check = Igaüks saab seda tõendit võrguühenduseta kontrollida, ilma seda saiti usaldamata, tööriista ocs ja logi avaliku võtmega:
