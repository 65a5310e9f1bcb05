# The public tally log on the receipt (issue 17).
receipt-log-title = Publiczny rejestr liczenia
receipt-log-index = Twoja deklaracja jest wpisem { $index } w publicznym rejestrze liczenia tej inicjatywy.
receipt-log-pending = Twoja deklaracja zostanie dodana do publicznego rejestru liczenia tej inicjatywy przy najbliższej publikacji.
receipt-log-proof = Pobierz dowód, że Twoja deklaracja jest w rejestrze
receipt-log-check = Każdy może sprawdzić ten dowód offline, bez ufania tej stronie, za pomocą narzędzia ocs i klucza publicznego rejestru:
