# The public tally log on the receipt (issue 17).
receipt-log-title = Offentlig optællingslog
receipt-log-index = Din erklæring er post { $index } i dette initiativs offentlige optællingslog.
receipt-log-pending = Din erklæring bliver føjet til dette initiativs offentlige optællingslog ved næste offentliggørelse.
receipt-log-proof = Hent beviset for, at din erklæring står i loggen
receipt-log-check = Alle kan kontrollere beviset offline, uden at stole på dette websted, med værktøjet ocs og loggens offentlige nøgle:
