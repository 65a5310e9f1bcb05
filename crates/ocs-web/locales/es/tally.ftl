# The public tally log on the receipt (issue 17).
receipt-log-title = Registro público del recuento
receipt-log-index = Su declaración es la entrada { $index } del registro público del recuento de esta iniciativa.
receipt-log-pending = Su declaración se añadirá al registro público del recuento de esta iniciativa en su próxima publicación.
receipt-log-proof = Descargar la prueba de que su declaración figura en el registro
receipt-log-check = Cualquier persona puede comprobar esta prueba sin conexión, sin fiarse de este sitio, con la herramienta ocs y la clave pública del registro:
# The chart of statements per day (issue 17, item 11).
daily-title = Declaraciones de apoyo por día
daily-chart-label = Gráfico de barras de las declaraciones de apoyo publicadas por día de firma (UTC). Días: { $days }; declaraciones en total: { $total }. La tabla siguiente da las cifras.
daily-col-date = Día (UTC)
daily-link = Declaraciones de apoyo por día
