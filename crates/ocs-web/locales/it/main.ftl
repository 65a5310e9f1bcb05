# OpenOCS — interfaccia in italiano (sito pubblico).

site-name = OpenOCS
site-tagline = Raccolta online di dichiarazioni di sostegno alle iniziative dei cittadini europei
skip-to-content = Vai al contenuto principale
language-name = italiano
language-label = Lingua
language-nav = Scegli una lingua
footer-text = OpenOCS, software libero con licenza EUPL-1.2.

index-title = Iniziative dei cittadini in raccolta su questo sito
index-empty = Questo sito non ospita ancora alcuna iniziativa.
original-language-note = Questo testo è mostrato nella lingua originale dell'iniziativa ({ $language }) perché non è stata fornita una traduzione nella tua lingua.

initiative-registration-number = Numero di registrazione della Commissione
initiative-registration-date = Data di registrazione
initiative-subject = Oggetto
initiative-objectives = Obiettivi principali
initiative-organisers = Organizzatori
initiative-register = Pagina nel registro della Commissione
initiative-website = Sito web dell'iniziativa
initiative-period = Periodo di raccolta
initiative-period-value = dal { $start } al { $end }
initiative-status = Stato
status-draft = In preparazione, raccolta non ancora aperta
status-collecting = Raccolta di dichiarazioni di sostegno in corso
status-paused = Raccolta sospesa
status-closed = Raccolta chiusa
role-representative = rappresentante
role-substitute = supplente
role-member = membro
privacy-heading = Protezione dei dati
privacy-organisers-heading = Informativa degli organizzatori
privacy-statement-heading = Informativa sulla privacy
privacy-security = I tuoi dati sono cifrati prima di essere conservati; questo sito non è in grado di leggerli.
privacy-controller-group = Titolare del trattamento: il gruppo di organizzatori di questa iniziativa, rappresentato da { $representative }. Contatto: { $contact }
privacy-controller-entity = Titolare del trattamento: { $entity }, la persona giuridica costituita dal gruppo di organizzatori. Contatto: { $contact }
privacy-dpo = Responsabile della protezione dei dati: { $dpo }
privacy-no-dpo = Gli organizzatori non hanno designato un responsabile della protezione dei dati.
privacy-dpa-link = Autorità di protezione dei dati degli Stati membri (elenco del Comitato europeo per la protezione dei dati)
privacy-withdrawal = Puoi ritirare la tua dichiarazione di sostegno con l'identificativo e il codice segreto della ricevuta fino alla fine del periodo di raccolta ({ $end }). Se gli organizzatori ritirano l'iniziativa, le dichiarazioni sono distrutte entro un mese.
certificate-heading = Certificato del sistema di raccolta online
certificate-pending = Il certificato rilasciato dall'autorità nazionale competente è pubblicato qui prima dell'apertura della raccolta.

progress-heading = Sostegno raccolto finora
progress-total = { $count } dichiarazioni di sostegno su { $threshold }
progress-states = { $reached ->
    [one] { $reached } Stato membro su { $needed } ha raggiunto la soglia minima
   *[other] { $reached } Stati membri su { $needed } hanno raggiunto la soglia minima
}
progress-bar-label = Avanzamento verso un milione di dichiarazioni di sostegno
progress-updated = Dati aggiornati al { $time }, contando solo le dichiarazioni conservate.
progress-none = Non è stata ancora contata alcuna dichiarazione di sostegno.
progress-col-country = Stato membro
progress-col-count = Dichiarazioni
progress-col-minimum = Soglia minima
progress-col-reached = Soglia raggiunta
progress-yes = sì
progress-no = non ancora

choose-heading = Sostieni questa iniziativa
choose-intro = I dati da fornire dipendono dalla tua cittadinanza. I cittadini sono contati nello Stato membro di cui hanno la cittadinanza, ovunque vivano.
choose-label = La tua cittadinanza
choose-placeholder = Scegli la tua cittadinanza
choose-submit = Continua

sign-for-nationality = Modulo per i cittadini di: { $country }
sign-change-nationality = Cambia cittadinanza
sign-part-a-intro = Dati richiesti ({ $country }): i tuoi nomi, il tuo indirizzo e la tua data di nascita.
sign-part-b-intro = Dati richiesti ({ $country }): i tuoi nomi e il numero di un documento d'identità.
sign-required-note = Tutti i campi indicati come obbligatori devono essere compilati.
sign-required = obbligatorio
sign-optional = facoltativo
sign-declaration-heading = Dichiarazione
sign-consent = Sostengo l'iniziativa dei cittadini { $title } ({ $number }) e rilascio la dichiarazione di cui sopra.
sign-confirm = Ho controllato i dati segnalati sopra e sono corretti così come inseriti.
sign-confirm-hint = Alcuni numeri non seguono il formato consueto. Se il tuo è corretto, seleziona questa casella e invia di nuovo il modulo.
sign-submit = Firma
sign-privacy-note = I tuoi dati sono cifrati prima di essere conservati e possono essere letti solo offline dagli organizzatori e dalle autorità nazionali competenti per la verifica.
sign-proof-working = Stiamo verificando che tu sia una persona. Puoi continuare a compilare il modulo.
sign-proof-done = Verifica completata. Puoi inviare il modulo.
sign-proof-failed = La verifica automatica non ha funzionato. Puoi comunque inviare il modulo; ci vorranno alcuni secondi in più.
sign-noscript = Il modulo funziona anche senza JavaScript: compilalo con calma e poi invialo.
sign-choose-document = Scegli un documento
sign-choose-country = Scegli un paese
sign-date-hint = Formato: AAAA-MM-GG, ad esempio 1990-04-25

field-full-first-names = Nomi completi
field-family-names = Cognomi
field-street = Via
field-street-number = Numero civico
field-postal-code = Codice postale
field-city = Località
field-country = Paese di residenza
field-date-of-birth = Data di nascita
field-id-type = Documento d'identità
field-id-number = Numero del documento
field-consent = Dichiarazione
field-nationality = Cittadinanza

doc-passport = Passaporto
doc-id-card = Carta d'identità
doc-personal-number = Numero personale
doc-personal-id = Numero di identificazione personale
doc-national-id-number = Numero di identificazione nazionale
doc-citizens-card = Carta del cittadino
doc-residence-permit = Permesso di soggiorno

error-summary-title = C'è un problema con i dati inseriti
error-title-prefix = Errore
error-code-label = Codice di errore
error-SIG-001 = Questo campo è obbligatorio.
error-SIG-002 = Questo campo non fa parte del modulo per la tua cittadinanza.
error-SIG-003 = Questo valore è troppo lungo.
error-SIG-004 = Questo valore contiene caratteri non ammessi.
error-SIG-005 = Questo numero non ha il formato consueto per questo documento. Controllalo o conferma che è corretto.
error-SIG-006 = Questo numero non è valido: la cifra di controllo non corrisponde. Controlla che non ci siano errori di battitura.
error-SIG-007 = Inserisci una data reale nel formato AAAA-MM-GG.
error-SIG-008 = Questa data di nascita non è possibile.
error-SIG-009 = Devi aver raggiunto l'età minima prevista nel tuo Stato membro per sostenere un'iniziativa dei cittadini.
error-SIG-010 = Scegli la cittadinanza di uno Stato membro dell'UE.
error-SIG-011 = Questo tipo di documento non è accettato per la tua cittadinanza.
error-SIG-012 = Scegli un paese di residenza dall'elenco.
error-SIG-013 = Per sostenere l'iniziativa devi accettare la dichiarazione.
error-SIG-014 = Questo codice postale non ha il formato consueto. Controllalo o conferma che è corretto.
error-SIG-015 = Questo numero potrebbe non essere valido. Controllalo o conferma che è corretto.
error-SIG-016 = Questo numero non è valido: la data di nascita che contiene non esiste. Controlla che non ci siano errori di battitura.
error-SIG-020 = Manca la verifica che tu sia una persona. Invia di nuovo il modulo.
error-SIG-021 = La verifica che tu sia una persona è scaduta o è già stata usata. Invia di nuovo il modulo.
error-SIG-022 = Il modulo è stato inviato troppo in fretta. Attendi qualche secondo e invialo di nuovo.
error-SIG-030 = Al momento questa iniziativa non raccoglie dichiarazioni di sostegno.
error-SIG-031 = Non esiste alcuna iniziativa a questo indirizzo.
error-SIG-040 = In questo momento molte persone stanno firmando. I tuoi dati sono conservati: invia di nuovo il modulo tra qualche secondo.
error-SIG-041 = Dalla tua rete sono state inviate troppe dichiarazioni. Riprova più tardi.
error-REQ-001 = Non è stato possibile leggere la richiesta.
error-REQ-002 = La richiesta è troppo grande.
error-REQ-003 = La richiesta ha un tipo di contenuto errato.
error-REQ-500 = Si è verificato un errore da parte nostra. Non è stato conservato nulla. Riprova.

receipt-title = Grazie per il tuo sostegno
receipt-recorded = La tua dichiarazione di sostegno è stata ricevuta e conservata in forma cifrata.
receipt-once = Ogni persona è contata una sola volta. Se avevi già sostenuto questa iniziativa, la tua dichiarazione precedente resta valida e questa non è stata contata di nuovo.
receipt-id = Identificativo della dichiarazione
receipt-time = Ora della firma
receipt-keep = Conserva questo identificativo. È il riferimento della tua dichiarazione.
receipt-back = Torna all'iniziativa
receipt-count-now = Il conteggio pubblico include già la sua dichiarazione: questo sito lo pubblica immediatamente.
receipt-count-batched = Il conteggio pubblico includerà la sua dichiarazione dopo la prossima pubblicazione. Viene pubblicato al massimo una volta ogni { $minutes } min, quando il numero di nuove dichiarazioni raggiunge { $batch }, oppure alla fine della giornata, affinché non riveli chi ha firmato.

error-page-title = Si è verificato un errore
error-back-home = Vai alla pagina iniziale
error-request-id = Identificativo della richiesta
not-found-title = Pagina non trovata
not-found-text = A questo indirizzo non c'è nulla.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Dimostrazione: le dichiarazioni di sostegno non vengono inviate ad alcuna autorità.
initiative-storage-country = Le dichiarazioni di sostegno sono conservate in: { $country }
