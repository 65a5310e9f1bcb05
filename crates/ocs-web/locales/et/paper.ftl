# Paper statements in the console, and the destruction warning.
paper-title = Paberil toetusavalduste sisestamine
paper-intro = Sisestage paberil kogutud toetusavaldused ükshaaval, nii nagu need on vormil. Neid kontrollitakse ja korduvad kõrvaldatakse nagu veebiavaldustel ning need märgitakse paberil esitatuks.
paper-nationality = Kodakondsus paberil vormil
paper-show-form = Näita vormi
paper-submit = Salvesta paberil avaldus
paper-recorded = Paberil avaldus salvestati ja arvati kokkuvõttesse.
paper-duplicate = See isik on juba arvesse võetud (veebis või paberil). Midagi ei salvestatud; ärge arvestage seda paberivormi uuesti.
paper-count-online = Veebis
paper-count-paper = Paberil
paper-link = Paberil toetusavalduste sisestamine
retention-warning = Andmete hävitamine { $date }: selle algatuse toetusavaldused hävitatakse sel päeval (päevi jäänud: { $days }). Eksportige need ja edastage ametiasutustele enne seda.
retention-list = Hävitamine { $date } (päevi jäänud: { $days })
eid-duplicate-receipt-note = Kas allkirjastasite teist korda sama eID-ga? See teine kinnitus ei ole teie avaldusega seotud ja vastab „ei leitud“: kasutage oma esimese allkirja kinnitust. Teie esimene avaldus jääb kehtima ja see arvestatakse üks kord.
