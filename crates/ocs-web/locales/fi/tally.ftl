# The public tally log on the receipt (issue 17).
receipt-log-title = Julkinen laskentaloki
receipt-log-index = Tuenilmauksesi on tämän aloitteen julkisen laskentalokin merkintä { $index }.
receipt-log-pending = Tuenilmauksesi lisätään tämän aloitteen julkiseen laskentalokiin seuraavan julkaisun yhteydessä.
receipt-log-proof = Lataa todiste siitä, että tuenilmauksesi on lokissa
receipt-log-check = Kuka tahansa voi tarkistaa todisteen ilman verkkoyhteyttä ja luottamatta tähän sivustoon ocs-työkalulla ja lokin julkisella avaimella:
# The chart of statements per day (issue 17, item 11).
daily-title = Tuenilmaukset päivittäin
daily-chart-label = Pylväskaavio julkaistuista tuenilmauksista allekirjoituspäivittäin (UTC). Päiviä: { $days }; tuenilmauksia yhteensä: { $total }. Alla oleva taulukko antaa luvut.
daily-col-date = Päivä (UTC)
daily-link = Tuenilmaukset päivittäin
