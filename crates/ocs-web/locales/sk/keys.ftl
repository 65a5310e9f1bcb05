# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Držitelia kľúčov príjemcov
key-holders-intro = Vyhlásenia o podpore sú zapečatené týmito verejnými kľúčmi. Zničenie sa ich súkromných polovíc netýka: každý držiteľ zničí tú svoju a vy tu zaznamenáte jeho potvrdenie.
key-holders-certificate = Osvedčenie o zničení
key-holders-no-certificate = Zatiaľ nebolo zaznamenané žiadne zničenie.
key-holders-confirmed = Potvrdené zničenia
key-holders-not-confirmed = Zničenie súkromného kľúča zatiaľ nebolo potvrdené.
key-holders-holder = Meno držiteľa, ktorý súkromný kľúč zničil
key-holders-confirm = Zaznamenať potvrdenie
key-holders-recorded = Zaznamenané: držiteľ zničil súkromný kľúč { $key }.
key-holders-role-organisers = Organizátori
key-holders-role-authority = Príslušný orgán: { $country }
key-holders-error-key-010 = Tento kľúč nie je kľúčom príjemcu tejto iniciatívy.
key-holders-error-key-011 = Meno držiteľa kľúča (1 až 200 znakov) je povinné.
