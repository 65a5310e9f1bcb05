# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Pristup ovoj adresi nije dopušten.
error-REQ-404 = { not-found-text }
error-REQ-405 = Ova adresa ne prihvaća ovu vrstu zahtjeva.
error-REQ-503 = { console-error-storage }
error-CON-004 = Ovaj račun nema dopuštenje za to.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Supotpis nije od svjedoka kojeg ovaj zapisnik prihvaća ili nije valjan.
error-LOG-002 = Supotpisana kontrolna točka nije najnovija u zapisniku; ponovno je preuzmite.
