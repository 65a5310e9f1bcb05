# The map of the member states (issue 17, item 11).
map-title = Liikmesriikide kaart
map-link = Kaart: edenemine liikmesriigiti
map-label = 27 liikmesriigi kaart, igaüks värvitud vastavalt allkirjastajate miinimumarvust saavutatud osale. Tabelis on samad arvud.
map-state = { $country }: { $count } / { $minimum } ({ $percent } % miinimumist)
map-legend-none = Veel ühtegi avaldust pole
map-legend-started = Alla poole miinimumist
map-legend-half = Pool miinimumist või rohkem
map-legend-reached = Miinimum saavutatud
map-table-caption = Toetusavaldused liikmesriigiti
