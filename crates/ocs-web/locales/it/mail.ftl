# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Aggiornamenti via e-mail (facoltativo)
mail-consent = Sì, desidero ricevere dagli organizzatori aggiornamenti via e-mail sull'iniziativa dei cittadini { $title }. Posso annullare l'iscrizione in qualsiasi momento.
mail-address = Indirizzo e-mail
mail-address-hint = Usato solo se selezioni la casella sopra. È conservato separatamente dalla tua dichiarazione di sostegno e non può esservi collegato.
mail-notice = Fornire il tuo indirizzo e-mail è facoltativo e separato dal tuo sostegno: la tua dichiarazione vale allo stesso modo senza di esso. Ti inviamo un messaggio per confermare l'indirizzo; senza conferma viene cancellato dopo { $days } giorni. Ogni messaggio contiene un link per annullare l'iscrizione; annullandola il tuo indirizzo viene cancellato. Tutti gli indirizzi sono cancellati al termine del periodo di conservazione dei dati dell'iniziativa.
error-MAIL-001 = Questo indirizzo e-mail non è utilizzabile. Controllalo o deseleziona la casella degli aggiornamenti via e-mail.
error-MAIL-002 = Inserisci il tuo indirizzo e-mail o deseleziona la casella degli aggiornamenti via e-mail.
mail-confirm-subject = Conferma i tuoi aggiornamenti via e-mail: { $title }
mail-confirm-body =
    Tu (o qualcuno che usa il tuo indirizzo) hai chiesto aggiornamenti via e-mail sull'iniziativa dei cittadini europei «{ $title }».

    Per confermare, apri questo link e premi il pulsante:
    { $link }

    Se non l'hai chiesto, ignora questo messaggio: senza conferma l'indirizzo viene cancellato dopo { $days } giorni.

    Questa richiesta è separata da qualsiasi dichiarazione di sostegno; il tuo indirizzo non vi è collegato.
    Annulla ora l'iscrizione: { $unsubscribe }
mail-confirm-title = Conferma gli aggiornamenti via e-mail
mail-confirm-text = Premi il pulsante per confermare che desideri ricevere aggiornamenti via e-mail su questa iniziativa.
mail-confirm-button = Conferma
mail-confirmed-title = Indirizzo confermato
mail-confirmed-text = Grazie. Riceverai aggiornamenti su { $title }. Ogni messaggio contiene un link per annullare l'iscrizione.
mail-confirm-invalid = Questo link di conferma non è valido: è già stato usato, è scaduto o l'indirizzo è stato rimosso. Non è stato salvato nulla.
mail-unsubscribe-title = Annulla l'iscrizione agli aggiornamenti via e-mail
mail-unsubscribe-text = Premi il pulsante per interrompere gli aggiornamenti e cancellare il tuo indirizzo e-mail.
mail-unsubscribe-button = Annulla l'iscrizione
mail-unsubscribed-title = Iscrizione annullata
mail-unsubscribed-text = Il tuo indirizzo e-mail è stato cancellato. Non riceverai altri aggiornamenti.
mail-unsubscribe-invalid = Questo link per annullare l'iscrizione non è valido.
mail-back = Torna alle iniziative
field-mail_address = Indirizzo e-mail
