# The public tally log on the receipt (issue 17).
receipt-log-title = Offentlig räkningslogg
receipt-log-index = Din försäkran är post { $index } i initiativets offentliga räkningslogg.
receipt-log-pending = Din försäkran läggs till i initiativets offentliga räkningslogg vid nästa publicering.
receipt-log-proof = Ladda ned beviset på att din försäkran finns i loggen
receipt-log-check = Vem som helst kan kontrollera beviset offline, utan att lita på webbplatsen, med verktyget ocs och loggens publika nyckel:
# The chart of statements per day (issue 17, item 11).
daily-title = Stödförklaringar per dag
daily-chart-label = Stapeldiagram över de publicerade stödförklaringarna per underskriftsdag (UTC). Dagar: { $days }; stödförklaringar totalt: { $total }. Tabellen nedan ger siffrorna.
daily-col-date = Dag (UTC)
daily-link = Stödförklaringar per dag
