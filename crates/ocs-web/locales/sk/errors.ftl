# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Prístup na túto adresu nie je povolený.
error-REQ-404 = { not-found-text }
error-REQ-405 = Táto adresa neprijíma tento druh požiadavky.
error-REQ-503 = { console-error-storage }
error-CON-004 = Tento účet na to nemá oprávnenie.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Spolupodpis nepochádza od svedka, ktorého tento záznam prijíma, alebo nie je platný.
error-LOG-002 = Spolupodpísaný kontrolný bod nie je najnovším bodom záznamu; stiahnite ho znova.
