# The map of the member states (issue 17, item 11).
map-title = Mapa členských států
map-link = Mapa: pokrok podle členských států
map-label = Mapa 27 členských států, každý zbarvený podle dosaženého podílu minimálního počtu signatářů. Tabulka uvádí stejné údaje.
map-state = { $country }: { $count } z { $minimum } ({ $percent } % minima)
map-legend-none = Zatím žádné prohlášení
map-legend-started = Méně než polovina minima
map-legend-half = Polovina minima nebo více
map-legend-reached = Minimum dosaženo
map-table-caption = Prohlášení o podpoře podle členských států
