# The public tally log on the receipt (issue 17).
receipt-log-title = Nyilvános számlálási napló
receipt-log-index = Az Ön nyilatkozata a kezdeményezés nyilvános számlálási naplójának { $index }. bejegyzése.
receipt-log-pending = Az Ön nyilatkozata a következő közzétételkor kerül be a kezdeményezés nyilvános számlálási naplójába.
receipt-log-proof = Töltse le a bizonyítékot, hogy nyilatkozata szerepel a naplóban
receipt-log-check = Bárki ellenőrizheti ezt a bizonyítékot offline, az oldal iránti bizalom nélkül, az ocs eszközzel és a napló nyilvános kulcsával:
# The chart of statements per day (issue 17, item 11).
daily-title = Támogató nyilatkozatok naponta
daily-chart-label = Oszlopdiagram a közzétett támogató nyilatkozatokról aláírási naponként (UTC). Napok: { $days }; nyilatkozatok összesen: { $total }. Az alábbi táblázat tartalmazza a számokat.
daily-col-date = Nap (UTC)
daily-link = Támogató nyilatkozatok naponta
