# The public tally log on the receipt (issue 17).
receipt-log-title = Publiczny rejestr liczenia
receipt-log-index = Twoja deklaracja jest wpisem { $index } w publicznym rejestrze liczenia tej inicjatywy.
receipt-log-pending = Twoja deklaracja zostanie dodana do publicznego rejestru liczenia tej inicjatywy przy najbliższej publikacji.
receipt-log-proof = Pobierz dowód, że Twoja deklaracja jest w rejestrze
receipt-log-check = Każdy może sprawdzić ten dowód offline, bez ufania tej stronie, za pomocą narzędzia ocs i klucza publicznego rejestru:
# The chart of statements per day (issue 17, item 11).
daily-title = Deklaracje poparcia dziennie
daily-chart-label = Wykres słupkowy opublikowanych deklaracji poparcia według dnia podpisania (UTC): dni: { $days }, deklaracji łącznie: { $total }. Liczby podaje tabela poniżej.
daily-col-date = Dzień (UTC)
daily-link = Deklaracje poparcia dziennie
