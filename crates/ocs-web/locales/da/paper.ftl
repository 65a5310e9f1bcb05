# Paper statements in the console, and the destruction warning.
paper-title = Indtast papirerklæringer
paper-intro = Indtast støttetilkendegivelser indsamlet på papirformularer én ad gangen, som de står på formularen. De kontrolleres og dubletkontrolleres som onlineerklæringer og markeres som papir.
paper-nationality = Nationalitet på papirformularen
paper-show-form = Vis formularen
paper-submit = Registrér papirerklæringen
paper-recorded = Papirerklæringen er registreret og talt med.
paper-duplicate = Denne person er allerede talt med (online eller på papir). Intet blev gemt; tæl ikke denne papirformular med igen.
paper-count-online = Online
paper-count-paper = På papir
paper-link = Indtast papirerklæringer
retention-warning = Sletning af data den { $date }: initiativets erklæringer slettes den dag (dage tilbage: { $days }). Eksportér dem og aflevér dem til myndighederne inden da.
retention-list = Sletning den { $date } (dage tilbage: { $days })
eid-duplicate-receipt-note = Har du skrevet under anden gang med samme eID? Den anden kvittering er ikke knyttet til din erklæring og svarer „ikke fundet“: brug kvitteringen fra din første underskrift. Din første erklæring står ved magt og tælles én gang.
