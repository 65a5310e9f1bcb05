# Paper statements in the console, and the destruction warning.
paper-title = Paperisten ilmoitusten syöttäminen
paper-intro = Syötä paperilomakkeilla kerätyt tuenilmaisut yksi kerrallaan lomakkeelle kirjoitetussa muodossa. Ne tarkistetaan ja kaksoiskappaleet karsitaan kuten verkossa annetuissa, ja ne merkitään paperisiksi.
paper-nationality = Kansalaisuus paperilomakkeella
paper-show-form = Näytä lomake
paper-submit = Tallenna paperinen ilmoitus
paper-recorded = Paperinen ilmoitus tallennettiin ja laskettiin mukaan.
paper-duplicate = Tämä henkilö on jo laskettu mukaan (verkossa tai paperilla). Mitään ei tallennettu; älä laske tätä paperilomaketta uudelleen.
paper-count-online = Verkossa
paper-count-paper = Paperilla
paper-link = Paperisten ilmoitusten syöttäminen
retention-warning = Tietojen hävittäminen { $date }: tämän aloitteen tuenilmaisut hävitetään sinä päivänä (päiviä jäljellä: { $days }). Vie ne ja toimita ne viranomaisille ennen sitä.
retention-list = Hävittäminen { $date } (päiviä jäljellä: { $days })
eid-duplicate-receipt-note = Allekirjoititko toisen kerran samalla eID:llä? Toinen kuitti ei liity ilmoitukseesi, ja siitä tulee vastaus ”ei löytynyt”: käytä ensimmäisen allekirjoituksesi kuittia. Ensimmäinen ilmoituksesi on voimassa ja lasketaan kerran.
