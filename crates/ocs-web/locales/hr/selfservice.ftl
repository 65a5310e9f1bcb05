# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Vaša izjava o potpori
selfservice-secret = Tajni kod potvrde
selfservice-secret-once = Ovaj tajni kod prikazuje se samo sada i ne pohranjuje se na našem poslužitelju. Uz identifikator izjave omogućuje provjeru je li vaša izjava uračunana ili njezino povlačenje dok prikupljanje traje. Spremite ga ili preuzmite potvrdu.
selfservice-download = Preuzmi potvrdu kao tekstnu datoteku
selfservice-link = Provjerite ili povucite izjavu
selfservice-intro = Unesite identifikator izjave i tajni kod s potvrde.
selfservice-check = Provjeri moju izjavu
selfservice-withdraw = Povuci moju izjavu
selfservice-withdraw-note = Povlačenjem se vaša izjava o potpori briše. Dok prikupljanje traje, možete ponovno potpisati.
selfservice-withdraw-closed = Prikupljanje je završeno: izjave se mogu provjeriti, ali više ne povući.
selfservice-duplicates = Svaka se osoba broji jednom. Ranija izjava s drugom potvrdom ostaje valjana i može se povući samo vlastitom potvrdom.
selfservice-counted = Vaša izjava o potpori zabilježena je i uračunana.
selfservice-withdrawn = Vaša izjava o potpori povučena je i izbrisana. Više se ne broji.
selfservice-file-initiative = Inicijativa
selfservice-file-howto = Za provjeru ili povlačenje izjave otvorite ovu stranicu i unesite identifikator i tajni kod:
error-SLF-001 = Nijedna uračunana izjava ne odgovara ovom identifikatoru i tajnom kodu. Provjerite oboje.
error-SLF-002 = Prikupljanje je završeno: izjave se više ne mogu povući.
