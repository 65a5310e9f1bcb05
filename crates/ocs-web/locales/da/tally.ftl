# The public tally log on the receipt (issue 17).
receipt-log-title = Offentlig optællingslog
receipt-log-index = Din erklæring er post { $index } i dette initiativs offentlige optællingslog.
receipt-log-pending = Din erklæring bliver føjet til dette initiativs offentlige optællingslog ved næste offentliggørelse.
receipt-log-proof = Hent beviset for, at din erklæring står i loggen
receipt-log-check = Alle kan kontrollere beviset offline, uden at stole på dette websted, med værktøjet ocs og loggens offentlige nøgle:
# The chart of statements per day (issue 17, item 11).
daily-title = Støttetilkendegivelser pr. dag
daily-chart-label = Søjlediagram over de offentliggjorte støttetilkendegivelser pr. underskriftsdag (UTC). Dage: { $days }; i alt: { $total }. Tabellen nedenfor giver tallene.
daily-col-date = Dag (UTC)
daily-link = Støttetilkendegivelser pr. dag
