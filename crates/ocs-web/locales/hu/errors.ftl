# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Ehhez a címhez a hozzáférés nem engedélyezett.
error-REQ-404 = { not-found-text }
error-REQ-405 = Ez a cím nem fogad ilyen típusú kérést.
error-REQ-503 = { console-error-storage }
error-CON-004 = Ennek a fióknak ehhez nincs jogosultsága.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Az ellenjegyzés nem a napló által elfogadott tanútól származik, vagy érvénytelen.
error-LOG-002 = Az ellenjegyzett ellenőrzőpont nem a napló legújabb pontja; töltse le újra.
