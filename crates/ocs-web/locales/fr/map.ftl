# The map of the member states (issue 17, item 11).
map-title = Carte des États membres
map-link = Carte : progression par État membre
map-label = Carte des 27 États membres, chacun coloré selon la part atteinte de son nombre minimal de signataires. Le tableau donne les mêmes chiffres.
map-state = { $country } : { $count } sur { $minimum } ({ $percent } % du minimum)
map-legend-none = Aucune déclaration pour l'instant
map-legend-started = Moins de la moitié du minimum
map-legend-half = La moitié du minimum ou plus
map-legend-reached = Minimum atteint
map-table-caption = Déclarations de soutien par État membre
