# Paper statements in the console, and the destruction warning.
paper-title = Registrera pappersförklaringar
paper-intro = Registrera stödförklaringar som samlats in på pappersformulär en i taget, så som de står på formuläret. De kontrolleras och dubbletter tas bort som för förklaringar online, och de markeras som papper.
paper-nationality = Medborgarskap på pappersformuläret
paper-show-form = Visa formuläret
paper-submit = Registrera pappersförklaringen
paper-recorded = Pappersförklaringen har registrerats och räknats.
paper-duplicate = Den här personen är redan räknad (online eller på papper). Inget sparades; räkna inte detta pappersformulär igen.
paper-count-online = Online
paper-count-paper = På papper
paper-link = Registrera pappersförklaringar
retention-warning = Radering av uppgifter den { $date }: initiativets förklaringar förstörs den dagen (dagar kvar: { $days }). Exportera dem och lämna dem till myndigheterna före dess.
retention-list = Radering den { $date } (dagar kvar: { $days })
eid-duplicate-receipt-note = Har du skrivit under en andra gång med samma eID? Det andra kvittot är inte kopplat till din förklaring och svarar ”hittades inte”: använd kvittot från din första underskrift. Din första förklaring gäller och räknas en gång.
