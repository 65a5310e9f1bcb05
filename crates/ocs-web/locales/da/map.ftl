# The map of the member states (issue 17, item 11).
map-title = Kort over medlemsstaterne
map-link = Kort: fremskridt pr. medlemsstat
map-label = Kort over de 27 medlemsstater, hver farvet efter den opnåede andel af dens minimumsantal underskrivere. Tabellen giver de samme tal.
map-state = { $country }: { $count } af { $minimum } ({ $percent } % af minimum)
map-legend-none = Ingen støttetilkendegivelser endnu
map-legend-started = Under halvdelen af minimum
map-legend-half = Halvdelen af minimum eller mere
map-legend-reached = Minimum nået
map-table-caption = Støttetilkendegivelser pr. medlemsstat
