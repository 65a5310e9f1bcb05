# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Adgang til denne adresse er ikke tilladt.
error-REQ-404 = { not-found-text }
error-REQ-405 = Denne adresse modtager ikke denne type forespørgsel.
error-REQ-503 = { console-error-storage }
error-CON-004 = Denne konto har ikke tilladelse til dette.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Medsignaturen er ikke fra et vidne, som denne log accepterer, eller den er ugyldig.
error-LOG-002 = Det medsignerede kontrolpunkt er ikke loggens seneste; hent det igen.
