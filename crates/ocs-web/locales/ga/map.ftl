# The map of the member states (issue 17, item 11).
map-title = Léarscáil de na Ballstáit
map-link = Léarscáil: dul chun cinn in aghaidh an Bhallstáit
map-label = Léarscáil de na 27 mBallstát, gach ceann daite de réir na coda dá líon íosta sínitheoirí a baineadh amach. Tugann an tábla na figiúirí céanna.
map-state = { $country }: { $count } as { $minimum } ({ $percent } % den íosmhéid)
map-legend-none = Gan ráiteas fós
map-legend-started = Faoi bhun leath an íosmhéid
map-legend-half = Leath an íosmhéid nó níos mó
map-legend-reached = Íosmhéid bainte amach
map-table-caption = Ráitis tacaíochta in aghaidh an Bhallstáit
