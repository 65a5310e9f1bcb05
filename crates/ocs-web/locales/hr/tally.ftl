# The public tally log on the receipt (issue 17).
receipt-log-title = Javni zapisnik brojanja
receipt-log-index = Vaša izjava je unos { $index } u javnom zapisniku brojanja ove inicijative.
receipt-log-pending = Vaša izjava bit će dodana u javni zapisnik brojanja ove inicijative pri sljedećoj objavi.
receipt-log-proof = Preuzmite dokaz da je vaša izjava u zapisniku
receipt-log-check = Svatko može provjeriti ovaj dokaz izvan mreže, bez povjerenja u ovu stranicu, alatom ocs i javnim ključem zapisnika:
