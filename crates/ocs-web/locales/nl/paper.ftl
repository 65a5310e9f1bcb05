# Paper statements in the console, and the destruction warning.
paper-title = Papieren verklaringen invoeren
paper-intro = Voer op papieren formulieren verzamelde steunbetuigingen een voor een in, zoals ze op het formulier staan. Ze worden gecontroleerd en ontdubbeld zoals onlineverklaringen en gemarkeerd als papier.
paper-nationality = Nationaliteit op het papieren formulier
paper-show-form = Formulier tonen
paper-submit = Papieren verklaring vastleggen
paper-recorded = De papieren verklaring is vastgelegd en meegeteld.
paper-duplicate = Deze persoon wordt al meegeteld (online of op papier). Er is niets opgeslagen; tel dit papieren formulier niet nog eens mee.
paper-count-online = Online
paper-count-paper = Op papier
paper-link = Papieren verklaringen invoeren
retention-warning = Vernietiging van gegevens op { $date }: de verklaringen van dit initiatief worden op die dag vernietigd (resterende dagen: { $days }). Exporteer ze en lever ze daarvoor aan de autoriteiten.
retention-list = Vernietiging op { $date } (resterende dagen: { $days })
eid-duplicate-receipt-note = Een tweede keer ondertekend met dezelfde eID? Dat tweede ontvangstbewijs is niet aan uw verklaring gekoppeld en geeft „niet gevonden”: gebruik het ontvangstbewijs van uw eerste ondertekening. Uw eerste verklaring blijft staan en telt één keer.
