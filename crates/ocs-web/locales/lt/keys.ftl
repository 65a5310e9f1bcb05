# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Gavėjų raktų turėtojai
key-holders-intro = Pritarimo pareiškimai užantspauduoti šiais viešaisiais raktais. Sunaikinimas nepasiekia jų privačiųjų dalių: kiekvienas turėtojas sunaikina savąją, o jūs čia užregistruojate jo patvirtinimą.
key-holders-certificate = Sunaikinimo pažymėjimas
key-holders-no-certificate = Dar neužregistruota jokio sunaikinimo.
key-holders-confirmed = Patvirtinti sunaikinimai
key-holders-not-confirmed = Privačiojo rakto sunaikinimas dar nepatvirtintas.
key-holders-holder = Privatųjį raktą sunaikinusio turėtojo vardas
key-holders-confirm = Užregistruoti patvirtinimą
key-holders-recorded = Užregistruota: turėtojas sunaikino privatųjį raktą { $key }.
key-holders-role-organisers = Organizatoriai
key-holders-role-authority = Kompetentinga institucija: { $country }
key-holders-error-key-010 = Šis raktas nėra šios iniciatyvos gavėjo raktas.
key-holders-error-key-011 = Būtina nurodyti rakto turėtojo vardą (nuo 1 iki 200 simbolių).
