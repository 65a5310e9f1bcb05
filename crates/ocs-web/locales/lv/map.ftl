# The map of the member states (issue 17, item 11).
map-title = Dalībvalstu karte
map-link = Karte: progress pa dalībvalstīm
map-label = 27 dalībvalstu karte, katra iekrāsota atbilstoši sasniegtajai daļai no minimālā parakstītāju skaita. Tabulā ir tie paši skaitļi.
map-state = { $country }: { $count } no { $minimum } ({ $percent } % no minimuma)
map-legend-none = Vēl nav neviena paziņojuma
map-legend-started = Mazāk nekā puse no minimuma
map-legend-half = Puse no minimuma vai vairāk
map-legend-reached = Minimums sasniegts
map-table-caption = Paziņojumi par atbalstu pa dalībvalstīm
