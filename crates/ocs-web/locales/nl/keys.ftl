# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Houders van de ontvangersleutels
key-holders-intro = De steunbetuigingen zijn verzegeld met deze openbare sleutels. De vernietiging bereikt hun privéhelften niet: elke houder vernietigt de zijne, en u legt hier zijn bevestiging vast.
key-holders-certificate = Vernietigingscertificaat
key-holders-no-certificate = Er is nog geen vernietiging vastgelegd.
key-holders-confirmed = Bevestigde vernietigingen
key-holders-not-confirmed = De vernietiging van de privésleutel is nog niet bevestigd.
key-holders-holder = Naam van de houder die de privésleutel heeft vernietigd
key-holders-confirm = Bevestiging vastleggen
key-holders-recorded = Vastgelegd: de houder heeft de privésleutel { $key } vernietigd.
key-holders-role-organisers = Organisatoren
key-holders-role-authority = Bevoegde autoriteit: { $country }
key-holders-error-key-010 = Deze sleutel is geen ontvangersleutel van dit initiatief.
key-holders-error-key-011 = De naam van de sleutelhouder (1 tot 200 tekens) is verplicht.
