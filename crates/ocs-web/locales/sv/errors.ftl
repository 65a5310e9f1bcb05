# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Åtkomst till den här adressen är inte tillåten.
error-REQ-404 = { not-found-text }
error-REQ-405 = Den här adressen tar inte emot den här typen av begäran.
error-REQ-503 = { console-error-storage }
error-CON-004 = Det här kontot har inte behörighet att göra detta.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Medsignaturen kommer inte från ett vittne som denna logg godtar, eller så är den ogiltig.
error-LOG-002 = Den medsignerade kontrollpunkten är inte loggens senaste; hämta den igen.
