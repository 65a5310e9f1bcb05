# The map of the member states (issue 17, item 11).
map-title = Mapa państw członkowskich
map-link = Mapa: postęp w poszczególnych państwach członkowskich
map-label = Mapa 27 państw członkowskich, każde zabarwione według osiągniętej części minimalnej liczby sygnatariuszy. Tabela podaje te same liczby.
map-state = { $country }: { $count } z { $minimum } ({ $percent } % minimum)
map-legend-none = Jeszcze brak deklaracji
map-legend-started = Poniżej połowy minimum
map-legend-half = Co najmniej połowa minimum
map-legend-reached = Minimum osiągnięte
map-table-caption = Deklaracje poparcia według państw członkowskich
