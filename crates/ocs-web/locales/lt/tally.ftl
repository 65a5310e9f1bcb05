# The public tally log on the receipt (issue 17).
receipt-log-title = Viešasis skaičiavimo žurnalas
receipt-log-index = Jūsų pareiškimas yra šios iniciatyvos viešojo skaičiavimo žurnalo įrašas { $index }.
receipt-log-pending = Jūsų pareiškimas bus įtrauktas į šios iniciatyvos viešąjį skaičiavimo žurnalą kito paskelbimo metu.
receipt-log-proof = Atsisiųsti įrodymą, kad jūsų pareiškimas yra žurnale
receipt-log-check = Bet kas gali patikrinti šį įrodymą neprisijungęs, nepasitikėdamas šia svetaine, naudodamas įrankį ocs ir žurnalo viešąjį raktą:
# The chart of statements per day (issue 17, item 11).
daily-title = Pritarimo pareiškimai per dieną
daily-chart-label = Stulpelinė diagrama: paskelbti pritarimo pareiškimai pagal pasirašymo dieną (UTC). Dienos: { $days }; pareiškimų iš viso: { $total }. Toliau esančioje lentelėje pateikti skaičiai.
daily-col-date = Diena (UTC)
daily-link = Pritarimo pareiškimai per dieną
