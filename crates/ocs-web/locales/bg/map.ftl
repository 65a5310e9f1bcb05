# The map of the member states (issue 17, item 11).
map-title = Карта на държавите членки
map-link = Карта: напредък по държави членки
map-label = Карта на 27-те държави членки, всяка оцветена според достигнатия дял от минималния брой подписали. Таблицата дава същите данни.
map-state = { $country }: { $count } от { $minimum } ({ $percent } % от минимума)
map-legend-none = Все още няма изявления
map-legend-started = Под половината от минимума
map-legend-half = Половината от минимума или повече
map-legend-reached = Минимумът е достигнат
map-table-caption = Изявления за подкрепа по държави членки
