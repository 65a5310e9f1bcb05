# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Indehavere af modtagernøglerne
key-holders-intro = Støttetilkendegivelserne er forseglet med disse offentlige nøgler. Tilintetgørelsen når ikke deres private halvdele: hver indehaver tilintetgør sin, og du registrerer her vedkommendes bekræftelse.
key-holders-certificate = Tilintetgørelsesattest
key-holders-no-certificate = Der er endnu ikke registreret nogen tilintetgørelse.
key-holders-confirmed = Bekræftede tilintetgørelser
key-holders-not-confirmed = Tilintetgørelsen af den private nøgle er endnu ikke bekræftet.
key-holders-holder = Navn på indehaveren, der tilintetgjorde den private nøgle
key-holders-confirm = Registrér bekræftelsen
key-holders-recorded = Registreret: indehaveren tilintetgjorde den private nøgle { $key }.
key-holders-role-organisers = Organisatorer
key-holders-role-authority = Kompetent myndighed: { $country }
key-holders-error-key-010 = Denne nøgle er ikke en modtagernøgle for dette initiativ.
key-holders-error-key-011 = Nøgleindehaverens navn (1 til 200 tegn) er påkrævet.
