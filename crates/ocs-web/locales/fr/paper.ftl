# Paper statements in the console, and the destruction warning.
paper-title = Saisir des déclarations papier
paper-intro = Saisissez une par une les déclarations de soutien recueillies sur des formulaires papier, telles qu'elles figurent sur le formulaire. Elles sont vérifiées et dédoublonnées comme les déclarations en ligne, et marquées comme papier.
paper-nationality = Nationalité indiquée sur le formulaire papier
paper-show-form = Afficher le formulaire
paper-submit = Enregistrer la déclaration papier
paper-recorded = La déclaration papier a été enregistrée et comptée.
paper-duplicate = Cette personne est déjà comptée (en ligne ou sur papier). Rien n'a été enregistré ; ne comptez pas ce formulaire papier une seconde fois.
paper-count-online = En ligne
paper-count-paper = Sur papier
paper-link = Saisir des déclarations papier
retention-warning = Destruction des données le { $date } : les déclarations de cette initiative seront détruites ce jour-là (jours restants : { $days }). Exportez-les et remettez-les aux autorités avant cette date.
retention-list = Destruction le { $date } (jours restants : { $days })
eid-duplicate-receipt-note = Vous avez signé une seconde fois avec la même eID ? Ce second récépissé n'est pas lié à votre déclaration et répond « introuvable » : utilisez le récépissé de votre première signature. Votre première déclaration reste valable et est comptée une fois.
