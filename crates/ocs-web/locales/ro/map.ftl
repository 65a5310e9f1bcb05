# The map of the member states (issue 17, item 11).
map-title = Harta statelor membre
map-link = Hartă: progres pe stat membru
map-label = Harta celor 27 de state membre, fiecare colorat după partea atinsă din numărul minim de semnatari. Tabelul prezintă aceleași cifre.
map-state = { $country }: { $count } din { $minimum } ({ $percent } % din minim)
map-legend-none = Încă nicio declarație
map-legend-started = Sub jumătate din minim
map-legend-half = Jumătate din minim sau mai mult
map-legend-reached = Minim atins
map-table-caption = Declarații de susținere pe stat membru
