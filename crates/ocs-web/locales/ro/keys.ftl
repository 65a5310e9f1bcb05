# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Deținătorii cheilor destinatarilor
key-holders-intro = Declarațiile de susținere sunt sigilate cu aceste chei publice. Distrugerea nu ajunge la jumătățile lor private: fiecare deținător o distruge pe a sa, iar dumneavoastră înregistrați aici confirmarea sa.
key-holders-certificate = Certificat de distrugere
key-holders-no-certificate = Nu a fost încă înregistrată nicio distrugere.
key-holders-confirmed = Distrugeri confirmate
key-holders-not-confirmed = Distrugerea cheii private nu este încă confirmată.
key-holders-holder = Numele deținătorului care a distrus cheia privată
key-holders-confirm = Înregistrați confirmarea
key-holders-recorded = Înregistrat: deținătorul a distrus cheia privată { $key }.
key-holders-role-organisers = Organizatori
key-holders-role-authority = Autoritatea competentă: { $country }
key-holders-error-key-010 = Această cheie nu este o cheie de destinatar a acestei inițiative.
key-holders-error-key-011 = Numele deținătorului cheii (între 1 și 200 de caractere) este obligatoriu.
