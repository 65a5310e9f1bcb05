# The map of the member states (issue 17, item 11).
map-title = Karte der Mitgliedstaaten
map-link = Karte: Fortschritt je Mitgliedstaat
map-label = Karte der 27 Mitgliedstaaten, jeder nach dem erreichten Anteil seiner Mindestzahl an Unterzeichnern eingefärbt. Die Tabelle enthält dieselben Zahlen.
map-state = { $country }: { $count } von { $minimum } ({ $percent } % der Mindestzahl)
map-legend-none = Noch keine Bekundung
map-legend-started = Unter der Hälfte der Mindestzahl
map-legend-half = Mindestens die Hälfte der Mindestzahl
map-legend-reached = Mindestzahl erreicht
map-table-caption = Unterstützungsbekundungen je Mitgliedstaat
