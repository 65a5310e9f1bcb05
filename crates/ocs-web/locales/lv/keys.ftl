# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Adresātu atslēgu turētāji
key-holders-intro = Paziņojumi par atbalstu ir aizzīmogoti ar šīm publiskajām atslēgām. Iznīcināšana neskar to privātās puses: katrs turētājs iznīcina savējo, un jūs šeit reģistrējat viņa apstiprinājumu.
key-holders-certificate = Iznīcināšanas apliecinājums
key-holders-no-certificate = Neviena iznīcināšana vēl nav reģistrēta.
key-holders-confirmed = Apstiprinātās iznīcināšanas
key-holders-not-confirmed = Privātās atslēgas iznīcināšana vēl nav apstiprināta.
key-holders-holder = Tā turētāja vārds, kurš iznīcināja privāto atslēgu
key-holders-confirm = Reģistrēt apstiprinājumu
key-holders-recorded = Reģistrēts: turētājs iznīcināja privāto atslēgu { $key }.
key-holders-role-organisers = Organizatori
key-holders-role-authority = Kompetentā iestāde: { $country }
key-holders-error-key-010 = Šī atslēga nav šīs iniciatīvas adresāta atslēga.
key-holders-error-key-011 = Atslēgas turētāja vārds (no 1 līdz 200 rakstzīmēm) ir obligāts.
