# Paper statements in the console, and the destruction warning.
paper-title = Vnos papirnatih izjav
paper-intro = Izjave o podpori, zbrane na papirnatih obrazcih, vnesite eno za drugo, kot so zapisane na obrazcu. Preverijo se in odstranijo se dvojniki kot pri spletnih izjavah, označijo pa se kot papirnate.
paper-nationality = Državljanstvo na papirnatem obrazcu
paper-show-form = Prikaži obrazec
paper-submit = Zabeleži papirnato izjavo
paper-recorded = Papirnata izjava je zabeležena in šteta.
paper-duplicate = Ta oseba je že šteta (na spletu ali na papirju). Nič ni bilo shranjeno; tega papirnatega obrazca ne štejte znova.
paper-count-online = Na spletu
paper-count-paper = Na papirju
paper-link = Vnos papirnatih izjav
retention-warning = Uničenje podatkov dne { $date }: izjave te pobude bodo ta dan uničene (preostali dnevi: { $days }). Pred tem jih izvozite in predajte organom.
retention-list = Uničenje dne { $date } (preostali dnevi: { $days })
eid-duplicate-receipt-note = Ste se drugič podpisali z isto eID? To drugo potrdilo ni povezano z vašo izjavo in vrne odgovor »ni najdeno«: uporabite potrdilo prvega podpisa. Vaša prva izjava velja in se šteje enkrat.
