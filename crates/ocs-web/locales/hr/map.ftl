# The map of the member states (issue 17, item 11).
map-title = Karta država članica
map-link = Karta: napredak po državama članicama
map-label = Karta 27 država članica, svaka obojena prema dosegnutom udjelu minimalnog broja potpisnika. Tablica navodi iste brojke.
map-state = { $country }: { $count } od { $minimum } ({ $percent } % minimuma)
map-legend-none = Još nema izjava
map-legend-started = Manje od polovine minimuma
map-legend-half = Polovina minimuma ili više
map-legend-reached = Minimum dosegnut
map-table-caption = Izjave potpore po državama članicama
