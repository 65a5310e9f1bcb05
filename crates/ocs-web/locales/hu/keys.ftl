# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = A címzetti kulcsok birtokosai
key-holders-intro = A támogató nyilatkozatok ezekkel a nyilvános kulcsokkal vannak lepecsételve. A megsemmisítés nem éri el a titkos felüket: minden birtokos megsemmisíti a sajátját, Ön pedig itt rögzíti a megerősítését.
key-holders-certificate = Megsemmisítési tanúsítvány
key-holders-no-certificate = Még nem rögzítettek megsemmisítést.
key-holders-confirmed = Megerősített megsemmisítések
key-holders-not-confirmed = A titkos kulcs megsemmisítését még nem erősítették meg.
key-holders-holder = A titkos kulcsot megsemmisítő birtokos neve
key-holders-confirm = Megerősítés rögzítése
key-holders-recorded = Rögzítve: a birtokos megsemmisítette a(z) { $key } titkos kulcsot.
key-holders-role-organisers = Szervezők
key-holders-role-authority = Illetékes hatóság: { $country }
key-holders-error-key-010 = Ez a kulcs nem e kezdeményezés címzetti kulcsa.
key-holders-error-key-011 = A kulcsbirtokos neve (1–200 karakter) kötelező.
