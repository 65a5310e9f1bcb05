# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Nositelji ključeva primatelja
key-holders-intro = Izjave o potpori zapečaćene su ovim javnim ključevima. Uništenje ne doseže njihove privatne polovice: svaki nositelj uništava svoju, a vi ovdje bilježite njegovu potvrdu.
key-holders-certificate = Potvrda o uništenju
key-holders-no-certificate = Još nije zabilježeno nijedno uništenje.
key-holders-confirmed = Potvrđena uništenja
key-holders-not-confirmed = Uništenje privatnog ključa još nije potvrđeno.
key-holders-holder = Ime nositelja koji je uništio privatni ključ
key-holders-confirm = Zabilježi potvrdu
key-holders-recorded = Zabilježeno: nositelj je uništio privatni ključ { $key }.
key-holders-role-organisers = Organizatori
key-holders-role-authority = Nadležno tijelo: { $country }
key-holders-error-key-010 = Ovaj ključ nije ključ primatelja ove inicijative.
key-holders-error-key-011 = Ime nositelja ključa (od 1 do 200 znakova) je obvezno.
