# The public tally log on the receipt (issue 17).
receipt-log-title = Journal public du décompte
receipt-log-index = Votre déclaration est l’entrée { $index } du journal public du décompte de cette initiative.
receipt-log-pending = Votre déclaration sera ajoutée au journal public du décompte de cette initiative lors de sa prochaine publication.
receipt-log-proof = Télécharger la preuve que votre déclaration figure dans le journal
receipt-log-check = Chacun peut vérifier cette preuve hors ligne, sans faire confiance à ce site, avec l’outil ocs et la clé publique du journal :
# The chart of statements per day (issue 17, item 11).
daily-title = Déclarations de soutien par jour
daily-chart-label = Diagramme en barres des déclarations de soutien publiées par jour de signature (UTC). Jours : { $days } ; déclarations au total : { $total }. Le tableau ci-dessous donne les chiffres.
daily-col-date = Jour (UTC)
daily-link = Déclarations de soutien par jour
