# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Vaša izjava o podpori
selfservice-secret = Skrivna koda potrdila
selfservice-secret-once = Ta skrivna koda je prikazana samo zdaj in ni shranjena na našem strežniku. Skupaj z identifikatorjem izjave omogoča preverjanje, ali je vaša izjava šteta, ali njen umik, dokler zbiranje poteka. Shranite jo ali prenesite potrdilo.
selfservice-download = Prenesi potrdilo kot besedilno datoteko
selfservice-link = Preverite ali umaknite izjavo
selfservice-intro = Vnesite identifikator izjave in skrivno kodo s potrdila.
selfservice-check = Preveri mojo izjavo
selfservice-withdraw = Umakni mojo izjavo
selfservice-withdraw-note = Umik izbriše vašo izjavo o podpori. Dokler zbiranje poteka, lahko znova podpišete.
selfservice-withdraw-closed = Zbiranje je končano: izjave je mogoče preveriti, ne pa več umakniti.
selfservice-duplicates = Vsaka oseba se šteje enkrat. Prejšnja izjava z drugim potrdilom ostane veljavna in jo je mogoče umakniti samo z njenim potrdilom.
selfservice-counted = Vaša izjava o podpori je zabeležena in šteta.
selfservice-withdrawn = Vaša izjava o podpori je bila umaknjena in izbrisana. Ne šteje se več.
selfservice-file-initiative = Pobuda
selfservice-file-howto = Če želite izjavo preveriti ali umakniti, odprite to stran ter vnesite identifikator in skrivno kodo:
error-SLF-001 = Temu identifikatorju in skrivni kodi ne ustreza nobena šteta izjava. Preverite oba.
error-SLF-002 = Zbiranje je končano: izjav ni več mogoče umakniti.
