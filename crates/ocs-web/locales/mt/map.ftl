# The map of the member states (issue 17, item 11).
map-title = Mappa tal-Istati Membri
map-link = Mappa: progress skont l-Istat Membru
map-label = Mappa tas-27 Stat Membru, kull wieħed ikkulurit skont is-sehem milħuq tan-numru minimu ta' firmatarji tiegħu. It-tabella tagħti l-istess ċifri.
map-state = { $country }: { $count } minn { $minimum } ({ $percent } % tal-minimu)
map-legend-none = L-ebda dikjarazzjoni s'issa
map-legend-started = Inqas minn nofs il-minimu
map-legend-half = Nofs il-minimu jew aktar
map-legend-reached = Il-minimu milħuq
map-table-caption = Dikjarazzjonijiet ta' appoġġ skont l-Istat Membru
