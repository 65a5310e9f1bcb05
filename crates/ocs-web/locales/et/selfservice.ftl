# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Teie toetusavaldus
selfservice-secret = Kviitungi salakood
selfservice-secret-once = Seda salakoodi näidatakse ainult praegu ja seda ei salvestata meie serverisse. Koos avalduse tunnusega saate kontrollida, kas teie avaldust arvestatakse, või selle tagasi võtta, kuni kogumine kestab. Salvestage kood või laadige kviitung alla.
selfservice-download = Laadi kviitung alla tekstifailina
selfservice-link = Kontrollige või võtke avaldus tagasi
selfservice-intro = Sisestage avalduse tunnus ja kviitungil olev salakood.
selfservice-check = Kontrolli minu avaldust
selfservice-withdraw = Võta minu avaldus tagasi
selfservice-withdraw-note = Tagasivõtmine kustutab teie toetusavalduse. Kuni kogumine kestab, võite uuesti allkirjastada.
selfservice-withdraw-closed = Kogumine on lõppenud: avaldusi saab kontrollida, kuid enam mitte tagasi võtta.
selfservice-duplicates = Iga isikut arvestatakse üks kord. Varem teise kviitungiga tehtud avaldus jääb kehtima ja selle saab tagasi võtta ainult tema oma kviitungiga.
selfservice-counted = Teie toetusavaldus on registreeritud ja seda arvestatakse.
selfservice-withdrawn = Teie toetusavaldus on tagasi võetud ja kustutatud. Seda enam ei arvestata.
selfservice-file-initiative = Algatus
selfservice-file-howto = Avalduse kontrollimiseks või tagasivõtmiseks avage see leht ning sisestage tunnus ja salakood:
error-SLF-001 = Sellele tunnusele ja salakoodile ei vasta ükski arvestatud avaldus. Kontrollige mõlemat.
error-SLF-002 = Kogumine on lõppenud: avaldusi ei saa enam tagasi võtta.
