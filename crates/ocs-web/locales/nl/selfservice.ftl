# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Uw steunbetuiging
selfservice-secret = Geheime code van het ontvangstbewijs
selfservice-secret-once = Deze geheime code wordt alleen nu getoond en niet op onze server bewaard. Met het kenmerk van de betuiging kunt u nagaan of uw betuiging wordt meegeteld, of haar intrekken zolang de inzameling loopt. Bewaar de code of download het ontvangstbewijs.
selfservice-download = Ontvangstbewijs downloaden als tekstbestand
selfservice-link = Uw betuiging controleren of intrekken
selfservice-intro = Vul het kenmerk van de betuiging en de geheime code van uw ontvangstbewijs in.
selfservice-check = Mijn betuiging controleren
selfservice-withdraw = Mijn betuiging intrekken
selfservice-withdraw-note = Intrekken wist uw steunbetuiging. U kunt later opnieuw tekenen zolang de inzameling loopt.
selfservice-withdraw-closed = De inzameling is gesloten: betuigingen kunnen worden gecontroleerd maar niet meer ingetrokken.
selfservice-duplicates = Iedereen wordt één keer geteld. Een eerdere betuiging met een ander ontvangstbewijs blijft staan en kan alleen met haar eigen ontvangstbewijs worden ingetrokken.
selfservice-counted = Uw steunbetuiging is geregistreerd en wordt meegeteld.
selfservice-withdrawn = Uw steunbetuiging is ingetrokken en gewist. Zij wordt niet meer meegeteld.
selfservice-file-initiative = Initiatief
selfservice-file-howto = Open deze pagina en vul het kenmerk en de geheime code in om uw betuiging te controleren of in te trekken:
error-SLF-001 = Geen meegetelde betuiging past bij dit kenmerk en deze geheime code. Controleer beide op typefouten.
error-SLF-002 = De inzameling is gesloten: betuigingen kunnen niet meer worden ingetrokken.
