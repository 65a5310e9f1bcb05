# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Přístup na tuto adresu není povolen.
error-REQ-404 = { not-found-text }
error-REQ-405 = Tato adresa tento druh požadavku nepřijímá.
error-REQ-503 = { console-error-storage }
error-CON-004 = Tento účet k tomu nemá oprávnění.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Spolupodpis nepochází od svědka, kterého tento záznam přijímá, nebo není platný.
error-LOG-002 = Spolupodepsaný kontrolní bod není nejnovějším bodem záznamu; stáhněte jej znovu.
