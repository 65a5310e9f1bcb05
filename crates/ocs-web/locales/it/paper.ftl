# Paper statements in the console, and the destruction warning.
paper-title = Inserire dichiarazioni cartacee
paper-intro = Inserite una alla volta le dichiarazioni di sostegno raccolte su moduli cartacei, come sono scritte sul modulo. Sono verificate e deduplicate come le dichiarazioni online e contrassegnate come cartacee.
paper-nationality = Cittadinanza indicata sul modulo cartaceo
paper-show-form = Mostra il modulo
paper-submit = Registra la dichiarazione cartacea
paper-recorded = La dichiarazione cartacea è stata registrata e conteggiata.
paper-duplicate = Questa persona è già conteggiata (online o su carta). Non è stato salvato nulla; non conteggiate di nuovo questo modulo cartaceo.
paper-count-online = Online
paper-count-paper = Su carta
paper-link = Inserire dichiarazioni cartacee
retention-warning = Distruzione dei dati il { $date }: le dichiarazioni di questa iniziativa saranno distrutte quel giorno (giorni rimanenti: { $days }). Esportatele e consegnatele alle autorità prima di allora.
retention-list = Distruzione il { $date } (giorni rimanenti: { $days })
eid-duplicate-receipt-note = Avete firmato una seconda volta con la stessa eID? Questa seconda ricevuta non è collegata alla vostra dichiarazione e risponde «non trovata»: usate la ricevuta della prima firma. La prima dichiarazione resta valida ed è conteggiata una volta.
