# The map of the member states (issue 17, item 11).
map-title = Zemljevid držav članic
map-link = Zemljevid: napredek po državah članicah
map-label = Zemljevid 27 držav članic, vsaka obarvana glede na doseženi delež najmanjšega števila podpisnikov. Preglednica navaja enake številke.
map-state = { $country }: { $count } od { $minimum } ({ $percent } % najmanjšega števila)
map-legend-none = Še nobene izjave
map-legend-started = Manj kot polovica najmanjšega števila
map-legend-half = Polovica najmanjšega števila ali več
map-legend-reached = Najmanjše število doseženo
map-table-caption = Izjave o podpori po državah članicah
