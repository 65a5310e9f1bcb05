# The map of the member states (issue 17, item 11).
map-title = Mapa dos Estados-Membros
map-link = Mapa: progresso por Estado-Membro
map-label = Mapa dos 27 Estados-Membros, cada um colorido segundo a parte atingida do seu número mínimo de signatários. A tabela apresenta os mesmos números.
map-state = { $country }: { $count } de { $minimum } ({ $percent } % do mínimo)
map-legend-none = Ainda nenhuma declaração
map-legend-started = Menos de metade do mínimo
map-legend-half = Metade do mínimo ou mais
map-legend-reached = Mínimo atingido
map-table-caption = Declarações de apoio por Estado-Membro
