# The map of the member states (issue 17, item 11).
map-title = Mapa de los Estados miembros
map-link = Mapa: progreso por Estado miembro
map-label = Mapa de los 27 Estados miembros, cada uno coloreado según la parte alcanzada de su número mínimo de firmantes. La tabla ofrece las mismas cifras.
map-state = { $country }: { $count } de { $minimum } ({ $percent } % del mínimo)
map-legend-none = Ninguna declaración todavía
map-legend-started = Menos de la mitad del mínimo
map-legend-half = La mitad del mínimo o más
map-legend-reached = Mínimo alcanzado
map-table-caption = Declaraciones de apoyo por Estado miembro
