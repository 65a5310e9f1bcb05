# The map of the member states (issue 17, item 11).
map-title = Jäsenvaltioiden kartta
map-link = Kartta: edistyminen jäsenvaltioittain
map-label = Kartta 27 jäsenvaltiosta, kukin väritetty sen mukaan, kuinka suuri osa sen allekirjoittajien vähimmäismäärästä on saavutettu. Taulukossa on samat luvut.
map-state = { $country }: { $count } / { $minimum } ({ $percent } % vähimmäismäärästä)
map-legend-none = Ei vielä tukiilmoituksia
map-legend-started = Alle puolet vähimmäismäärästä
map-legend-half = Vähintään puolet vähimmäismäärästä
map-legend-reached = Vähimmäismäärä saavutettu
map-table-caption = Tukiilmoitukset jäsenvaltioittain
