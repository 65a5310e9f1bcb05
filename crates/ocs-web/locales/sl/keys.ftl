# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Imetniki ključev prejemnikov
key-holders-intro = Izjave o podpori so zapečatene s temi javnimi ključi. Uničenje ne doseže njihovih zasebnih polovic: vsak imetnik uniči svojo, vi pa tukaj zabeležite njegovo potrditev.
key-holders-certificate = Potrdilo o uničenju
key-holders-no-certificate = Nobeno uničenje še ni zabeleženo.
key-holders-confirmed = Potrjena uničenja
key-holders-not-confirmed = Uničenje zasebnega ključa še ni potrjeno.
key-holders-holder = Ime imetnika, ki je uničil zasebni ključ
key-holders-confirm = Zabeleži potrditev
key-holders-recorded = Zabeleženo: imetnik je uničil zasebni ključ { $key }.
key-holders-role-organisers = Organizatorji
key-holders-role-authority = Pristojni organ: { $country }
key-holders-error-key-010 = Ta ključ ni ključ prejemnika te pobude.
key-holders-error-key-011 = Ime imetnika ključa (od 1 do 200 znakov) je obvezno.
