# The public tally log on the receipt (issue 17).
receipt-log-title = Reġistru pubbliku tal-għadd
receipt-log-index = Id-dikjarazzjoni tiegħek hija l-entrata { $index } tar-reġistru pubbliku tal-għadd ta’ din l-inizjattiva.
receipt-log-pending = Id-dikjarazzjoni tiegħek se tiżdied mar-reġistru pubbliku tal-għadd ta’ din l-inizjattiva fil-pubblikazzjoni li jmiss.
receipt-log-proof = Niżżel il-prova li d-dikjarazzjoni tiegħek tinsab fir-reġistru
receipt-log-check = Kulħadd jista’ jivverifika din il-prova offline, mingħajr ma jafda dan is-sit, bl-għodda ocs u biċ-ċavetta pubblika tar-reġistru:
# The chart of statements per day (issue 17, item 11).
daily-title = Dikjarazzjonijiet ta’ appoġġ kull jum
daily-chart-label = Grafika bil-bars tad-dikjarazzjonijiet ta’ appoġġ ippubblikati skont il-jum tal-iffirmar (UTC): jiem: { $days }, dikjarazzjonijiet b’kollox: { $total }. It-tabella hawn taħt tagħti ċ-ċifri.
daily-col-date = Jum (UTC)
daily-link = Dikjarazzjonijiet ta’ appoġġ kull jum
