# The map of the member states (issue 17, item 11).
map-title = A tagállamok térképe
map-link = Térkép: előrehaladás tagállamonként
map-label = A 27 tagállam térképe, mindegyik az aláírók minimális számából elért arány szerint színezve. A táblázat ugyanezeket a számokat tartalmazza.
map-state = { $country }: { $count } / { $minimum } (a minimum { $percent } %-a)
map-legend-none = Még nincs nyilatkozat
map-legend-started = A minimum felénél kevesebb
map-legend-half = A minimum fele vagy több
map-legend-reached = A minimum elérve
map-table-caption = Támogató nyilatkozatok tagállamonként
