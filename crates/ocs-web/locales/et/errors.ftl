# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Juurdepääs sellele aadressile ei ole lubatud.
error-REQ-404 = { not-found-text }
error-REQ-405 = See aadress ei võta seda liiki päringut vastu.
error-REQ-503 = { console-error-storage }
error-CON-004 = Sellel kontol ei ole selleks õigust.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Kaasallkiri ei ole selle logi poolt aktsepteeritud tunnistajalt või see ei kehti.
error-LOG-002 = Kaasallkirjastatud kontrollpunkt ei ole logi uusim; laadige see uuesti alla.
