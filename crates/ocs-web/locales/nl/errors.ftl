# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Toegang tot dit adres is niet toegestaan.
error-REQ-404 = { not-found-text }
error-REQ-405 = Dit adres aanvaardt dit soort verzoek niet.
error-REQ-503 = { console-error-storage }
error-CON-004 = Dit account mag dit niet doen.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = De medeondertekening is niet van een getuige die dit logboek aanvaardt, of ze is ongeldig.
error-LOG-002 = Het medeondertekende controlepunt is niet het nieuwste van het logboek; haal het opnieuw op.
