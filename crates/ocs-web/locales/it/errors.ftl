# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = L’accesso a questo indirizzo non è consentito.
error-REQ-404 = { not-found-text }
error-REQ-405 = Questo indirizzo non accetta questo tipo di richiesta.
error-REQ-503 = { console-error-storage }
error-CON-004 = Questo account non è autorizzato a farlo.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = La cofirma non proviene da un testimone accettato da questo registro, oppure non è valida.
error-LOG-002 = Il checkpoint cofirmato non è l'ultimo del registro; scaricalo di nuovo.
