# The public tally log on the receipt (issue 17).
receipt-log-title = Publiskais skaitīšanas žurnāls
receipt-log-index = Jūsu paziņojums ir šīs iniciatīvas publiskā skaitīšanas žurnāla ieraksts { $index }.
receipt-log-pending = Jūsu paziņojums tiks pievienots šīs iniciatīvas publiskajam skaitīšanas žurnālam nākamajā publicēšanas reizē.
receipt-log-proof = Lejupielādēt pierādījumu, ka jūsu paziņojums ir žurnālā
receipt-log-check = Ikviens var šo pierādījumu pārbaudīt bezsaistē, neuzticoties šai vietnei, ar rīku ocs un žurnāla publisko atslēgu:
# The chart of statements per day (issue 17, item 11).
daily-title = Paziņojumi par atbalstu pa dienām
daily-chart-label = Stabiņu diagramma ar publicētajiem paziņojumiem par atbalstu pa parakstīšanas dienām (UTC). Dienas: { $days }; paziņojumi kopā: { $total }. Tabulā zemāk ir skaitļi.
daily-col-date = Diena (UTC)
daily-link = Paziņojumi par atbalstu pa dienām
