# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Adressaadivõtmete valdajad
key-holders-intro = Toetusavaldused on pitseeritud nende avalike võtmetega. Hävitamine ei ulatu nende privaatpoolteni: iga valdaja hävitab enda oma ja teie registreerite siin tema kinnituse.
key-holders-certificate = Hävitamistõend
key-holders-no-certificate = Ühtegi hävitamist pole veel registreeritud.
key-holders-confirmed = Kinnitatud hävitamised
key-holders-not-confirmed = Privaatvõtme hävitamist pole veel kinnitatud.
key-holders-holder = Privaatvõtme hävitanud valdaja nimi
key-holders-confirm = Registreeri kinnitus
key-holders-recorded = Registreeritud: valdaja hävitas privaatvõtme { $key }.
key-holders-role-organisers = Korraldajad
key-holders-role-authority = Pädev asutus: { $country }
key-holders-error-key-010 = See võti ei ole selle algatuse adressaadivõti.
key-holders-error-key-011 = Võtmevaldaja nimi (1 kuni 200 tähemärki) on kohustuslik.
