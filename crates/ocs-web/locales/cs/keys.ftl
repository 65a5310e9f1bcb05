# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Držitelé klíčů příjemců
key-holders-intro = Prohlášení o podpoře jsou zapečetěna těmito veřejnými klíči. Zničení se jejich soukromých polovin netýká: každý držitel zničí tu svou a vy zde zaznamenáte jeho potvrzení.
key-holders-certificate = Osvědčení o zničení
key-holders-no-certificate = Zatím nebylo zaznamenáno žádné zničení.
key-holders-confirmed = Potvrzená zničení
key-holders-not-confirmed = Zničení soukromého klíče zatím nebylo potvrzeno.
key-holders-holder = Jméno držitele, který soukromý klíč zničil
key-holders-confirm = Zaznamenat potvrzení
key-holders-recorded = Zaznamenáno: držitel zničil soukromý klíč { $key }.
key-holders-role-organisers = Organizátoři
key-holders-role-authority = Příslušný orgán: { $country }
key-holders-error-key-010 = Tento klíč není klíčem příjemce této iniciativy.
key-holders-error-key-011 = Jméno držitele klíče (1 až 200 znaků) je povinné.
