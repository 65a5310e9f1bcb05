# The public tally log on the receipt (issue 17).
receipt-log-title = Öffentliches Zählprotokoll
receipt-log-index = Ihre Bekundung ist Eintrag { $index } im öffentlichen Zählprotokoll dieser Initiative.
receipt-log-pending = Ihre Bekundung wird mit der nächsten Veröffentlichung in das öffentliche Zählprotokoll dieser Initiative aufgenommen.
receipt-log-proof = Nachweis herunterladen, dass Ihre Bekundung im Protokoll steht
receipt-log-check = Alle können diesen Nachweis offline prüfen, ohne dieser Website zu vertrauen, mit dem Programm ocs und dem öffentlichen Schlüssel des Protokolls:
# The chart of statements per day (issue 17, item 11).
daily-title = Unterstützungsbekundungen pro Tag
daily-chart-label = Balkendiagramm der veröffentlichten Unterstützungsbekundungen pro Unterzeichnungstag (UTC). Tage: { $days }; Bekundungen insgesamt: { $total }. Die Tabelle darunter enthält die Zahlen.
daily-col-date = Tag (UTC)
daily-link = Unterstützungsbekundungen pro Tag
