# Paper statements in the console, and the destruction warning.
paper-title = Unos papirnatih izjava
paper-intro = Unesite izjave potpore prikupljene na papirnatim obrascima jednu po jednu, kako su napisane na obrascu. Provjeravaju se i uklanjaju se duplikati kao kod internetskih izjava te se označavaju kao papirnate.
paper-nationality = Državljanstvo na papirnatom obrascu
paper-show-form = Prikaži obrazac
paper-submit = Evidentiraj papirnatu izjavu
paper-recorded = Papirnata izjava evidentirana je i uračunana.
paper-duplicate = Ta je osoba već uračunana (na internetu ili na papiru). Ništa nije pohranjeno; ne uračunavajte ponovno ovaj papirnati obrazac.
paper-count-online = Na internetu
paper-count-paper = Na papiru
paper-link = Unos papirnatih izjava
retention-warning = Uništenje podataka { $date }: izjave ove inicijative bit će uništene toga dana (preostalo dana: { $days }). Prije toga ih izvezite i dostavite tijelima.
retention-list = Uništenje { $date } (preostalo dana: { $days })
eid-duplicate-receipt-note = Potpisali ste drugi put istim eID-om? Ta druga potvrda nije povezana s vašom izjavom i daje odgovor „nije pronađeno”: upotrijebite potvrdu svojeg prvog potpisa. Vaša prva izjava ostaje i broji se jednom.
