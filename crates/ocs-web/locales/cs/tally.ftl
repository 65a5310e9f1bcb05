# The public tally log on the receipt (issue 17).
receipt-log-title = Veřejný záznam sčítání
receipt-log-index = Vaše prohlášení je položka { $index } ve veřejném záznamu sčítání této iniciativy.
receipt-log-pending = Vaše prohlášení bude při příštím zveřejnění přidáno do veřejného záznamu sčítání této iniciativy.
receipt-log-proof = Stáhnout doklad, že vaše prohlášení je v záznamu
receipt-log-check = Tento doklad může kdokoli ověřit offline, bez nutnosti důvěřovat tomuto webu, pomocí nástroje ocs a veřejného klíče záznamu:
# The chart of statements per day (issue 17, item 11).
daily-title = Prohlášení o podpoře po dnech
daily-chart-label = Sloupcový graf zveřejněných prohlášení o podpoře podle dne podpisu (UTC): dnů: { $days }, prohlášení celkem: { $total }. Čísla uvádí tabulka níže.
daily-col-date = Den (UTC)
daily-link = Prohlášení o podpoře po dnech
