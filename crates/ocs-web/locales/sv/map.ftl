# The map of the member states (issue 17, item 11).
map-title = Karta över medlemsstaterna
map-link = Karta: framsteg per medlemsstat
map-label = Karta över de 27 medlemsstaterna, var och en färgad efter den uppnådda andelen av sitt minsta antal undertecknare. Tabellen ger samma siffror.
map-state = { $country }: { $count } av { $minimum } ({ $percent } % av minimiantalet)
map-legend-none = Inga stödförklaringar ännu
map-legend-started = Under hälften av minimiantalet
map-legend-half = Hälften av minimiantalet eller mer
map-legend-reached = Minimiantalet uppnått
map-table-caption = Stödförklaringar per medlemsstat
