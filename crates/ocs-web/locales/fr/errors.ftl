# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = L’accès à cette adresse n’est pas autorisé.
error-REQ-404 = { not-found-text }
error-REQ-405 = Cette adresse n’accepte pas ce type de requête.
error-REQ-503 = { console-error-storage }
error-CON-004 = Ce compte n’est pas autorisé à effectuer cette action.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = La cosignature ne provient pas d'un témoin accepté par ce journal, ou elle n'est pas valide.
error-LOG-002 = Le point de contrôle cosigné n'est pas le dernier du journal ; récupérez-le à nouveau.
