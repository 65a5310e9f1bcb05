# The public tally log on the receipt (issue 17).
receipt-log-title = Registo público da contagem
receipt-log-index = A sua declaração é a entrada { $index } do registo público da contagem desta iniciativa.
receipt-log-pending = A sua declaração será acrescentada ao registo público da contagem desta iniciativa na próxima publicação.
receipt-log-proof = Descarregar a prova de que a sua declaração consta do registo
receipt-log-check = Qualquer pessoa pode verificar esta prova sem ligação, sem confiar neste sítio, com a ferramenta ocs e a chave pública do registo:
# The chart of statements per day (issue 17, item 11).
daily-title = Declarações de apoio por dia
daily-chart-label = Gráfico de barras das declarações de apoio publicadas por dia de assinatura (UTC). Dias: { $days }; declarações no total: { $total }. A tabela abaixo indica os números.
daily-col-date = Dia (UTC)
daily-link = Declarações de apoio por dia
