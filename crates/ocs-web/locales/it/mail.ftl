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

# The console's e-mail updates page (organisers).
mail-console-title = Aggiornamenti via e-mail
mail-console-subscribers = Indirizzi confermati: { $count }
mail-console-separate = Gli indirizzi sono conservati separatamente dalle dichiarazioni di sostegno e non possono esservi collegati. Sono esportati o ricevono messaggi solo gli indirizzi confermati dai rispettivi titolari.
mail-console-export-title = Esporta gli indirizzi
mail-console-export-help = Scarica un file CSV (indirizzo e-mail, data di conferma). L'esportazione è annotata nel registro di audit. Conservare il file in modo sicuro e cancellarlo quando non serve più.
mail-console-export = Scarica il file CSV
mail-console-send-title = Scrivi agli iscritti
mail-console-subject = Oggetto
mail-console-body = Messaggio
mail-console-body-hint = Testo semplice. A ogni messaggio viene aggiunto un link per annullare l'iscrizione. I messaggi sono inviati in background; se il server di posta non è disponibile, l'invio viene ripetuto.
mail-console-confirm = Ho controllato il messaggio: inviarlo a tutti gli indirizzi confermati ({ $count }). L'operazione non può essere annullata.
mail-console-send = Invia l'aggiornamento
mail-console-queued = L'aggiornamento è stato messo in coda per { $count } indirizzi.
mail-console-off = Gli aggiornamenti via e-mail non sono configurati su questo server (nessuna sezione [mail] nella configurazione).
mail-console-error-empty-subject = Inserire un oggetto.
mail-console-error-subject-line = L'oggetto deve stare su una sola riga.
mail-console-error-subject-long = L'oggetto è troppo lungo (al massimo 200 caratteri).
mail-console-error-empty-body = Inserire il messaggio.
mail-console-error-body-long = Il messaggio è troppo lungo (al massimo 64 KiB).
mail-console-error-confirm = Selezionare la casella per confermare di aver controllato il messaggio.
mail-console-link = Aggiornamenti via e-mail ai firmatari
