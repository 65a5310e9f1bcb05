# The public tally log on the receipt (issue 17).
receipt-log-title = Registro pubblico del conteggio
receipt-log-index = La sua dichiarazione è la voce { $index } del registro pubblico del conteggio di questa iniziativa.
receipt-log-pending = La sua dichiarazione sarà aggiunta al registro pubblico del conteggio di questa iniziativa alla prossima pubblicazione.
receipt-log-proof = Scarica la prova che la sua dichiarazione è nel registro
receipt-log-check = Chiunque può verificare questa prova offline, senza doversi fidare di questo sito, con lo strumento ocs e la chiave pubblica del registro:
# The chart of statements per day (issue 17, item 11).
daily-title = Dichiarazioni di sostegno al giorno
daily-chart-label = Grafico a barre delle dichiarazioni di sostegno pubblicate per giorno di firma (UTC). Giorni: { $days }; dichiarazioni in tutto: { $total }. La tabella seguente riporta le cifre.
daily-col-date = Giorno (UTC)
daily-link = Dichiarazioni di sostegno al giorno
