# The map of the member states (issue 17, item 11).
map-title = Mappa degli Stati membri
map-link = Mappa: avanzamento per Stato membro
map-label = Mappa dei 27 Stati membri, ciascuno colorato in base alla quota raggiunta del suo numero minimo di firmatari. La tabella riporta gli stessi dati.
map-state = { $country }: { $count } su { $minimum } ({ $percent } % del minimo)
map-legend-none = Ancora nessuna dichiarazione
map-legend-started = Meno della metà del minimo
map-legend-half = Metà del minimo o più
map-legend-reached = Minimo raggiunto
map-table-caption = Dichiarazioni di sostegno per Stato membro
