# The public tally log on the receipt (issue 17).
receipt-log-title = Javni zapisnik brojanja
receipt-log-index = Vaša izjava je unos { $index } u javnom zapisniku brojanja ove inicijative.
receipt-log-pending = Vaša izjava bit će dodana u javni zapisnik brojanja ove inicijative pri sljedećoj objavi.
receipt-log-proof = Preuzmite dokaz da je vaša izjava u zapisniku
receipt-log-check = Svatko može provjeriti ovaj dokaz izvan mreže, bez povjerenja u ovu stranicu, alatom ocs i javnim ključem zapisnika:
# The chart of statements per day (issue 17, item 11).
daily-title = Izjave o potpori po danu
daily-chart-label = Stupčasti grafikon objavljenih izjava o potpori po danu potpisivanja (UTC): dana: { $days }, izjava ukupno: { $total }. Brojke su u tablici ispod.
daily-col-date = Dan (UTC)
daily-link = Izjave o potpori po danu
