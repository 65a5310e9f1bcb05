# The map of the member states (issue 17, item 11).
map-title = Valstybių narių žemėlapis
map-link = Žemėlapis: pažanga pagal valstybes nares
map-label = 27 valstybių narių žemėlapis, kiekviena nuspalvinta pagal pasiektą mažiausio pasirašiusiųjų skaičiaus dalį. Lentelėje pateikti tie patys skaičiai.
map-state = { $country }: { $count } iš { $minimum } ({ $percent } % minimumo)
map-legend-none = Dar nėra pareiškimų
map-legend-started = Mažiau nei pusė minimumo
map-legend-half = Pusė minimumo ar daugiau
map-legend-reached = Minimumas pasiektas
map-table-caption = Paramos pareiškimai pagal valstybes nares
