# The map of the member states (issue 17, item 11).
map-title = Map of the member states
map-link = Map: progress per member state
map-label = Map of the 27 member states, each shaded by the share of its minimum number of signatories reached. The table gives the same figures.
map-state = { $country }: { $count } of { $minimum } ({ $percent } % of the minimum)
map-legend-none = No statement yet
map-legend-started = Under half of the minimum
map-legend-half = Half of the minimum or more
map-legend-reached = Minimum reached
map-table-caption = Statements of support per member state
