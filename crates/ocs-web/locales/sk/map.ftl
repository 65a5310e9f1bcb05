# The map of the member states (issue 17, item 11).
map-title = Mapa členských štátov
map-link = Mapa: pokrok podľa členských štátov
map-label = Mapa 27 členských štátov, každý zafarbený podľa dosiahnutého podielu minimálneho počtu signatárov. Tabuľka uvádza rovnaké údaje.
map-state = { $country }: { $count } z { $minimum } ({ $percent } % minima)
map-legend-none = Zatiaľ žiadne vyhlásenie
map-legend-started = Menej ako polovica minima
map-legend-half = Polovica minima alebo viac
map-legend-reached = Minimum dosiahnuté
map-table-caption = Vyhlásenia o podpore podľa členských štátov
