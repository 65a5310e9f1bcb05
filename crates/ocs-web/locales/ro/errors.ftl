# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Accesul la această adresă nu este permis.
error-REQ-404 = { not-found-text }
error-REQ-405 = Această adresă nu acceptă acest tip de cerere.
error-REQ-503 = { console-error-storage }
error-CON-004 = Acest cont nu are permisiunea de a face acest lucru.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Cosemnătura nu provine de la un martor acceptat de acest registru sau nu este validă.
error-LOG-002 = Punctul de control cosemnat nu este cel mai recent al registrului; descărcați-l din nou.
