# The public tally log on the receipt (issue 17).
receipt-log-title = Loga poiblí an chomhairimh
receipt-log-index = Is é do ráiteas iontráil { $index } i loga poiblí chomhaireamh an tionscnaimh seo.
receipt-log-pending = Cuirfear do ráiteas le loga poiblí chomhaireamh an tionscnaimh seo leis an gcéad fhoilsiú eile.
receipt-log-proof = Íoslódáil an cruthúnas go bhfuil do ráiteas sa loga
receipt-log-check = Is féidir le duine ar bith an cruthúnas seo a sheiceáil as líne, gan muinín a bheith aige as an suíomh seo, leis an uirlis ocs agus le heochair phoiblí an loga:
# The chart of statements per day (issue 17, item 11).
daily-title = Ráitis tacaíochta in aghaidh an lae
daily-chart-label = Barrachairt de na ráitis tacaíochta foilsithe de réir lá a sínithe (UTC): laethanta: { $days }, ráitis san iomlán: { $total }. Tugann an tábla thíos na figiúirí.
daily-col-date = Lá (UTC)
daily-link = Ráitis tacaíochta in aghaidh an lae
