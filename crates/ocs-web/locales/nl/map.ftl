# The map of the member states (issue 17, item 11).
map-title = Kaart van de lidstaten
map-link = Kaart: voortgang per lidstaat
map-label = Kaart van de 27 lidstaten, elk gekleurd naar het bereikte deel van het minimumaantal ondertekenaars. De tabel geeft dezelfde cijfers.
map-state = { $country }: { $count } van { $minimum } ({ $percent } % van het minimum)
map-legend-none = Nog geen verklaring
map-legend-started = Minder dan de helft van het minimum
map-legend-half = De helft van het minimum of meer
map-legend-reached = Minimum bereikt
map-table-caption = Steunbetuigingen per lidstaat
