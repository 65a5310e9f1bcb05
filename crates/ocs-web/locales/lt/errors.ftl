# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Prieiga prie šio adreso neleidžiama.
error-REQ-404 = { not-found-text }
error-REQ-405 = Šiuo adresu tokios rūšies užklausos nepriimamos.
error-REQ-503 = { console-error-storage }
error-CON-004 = Ši paskyra neturi teisės to daryti.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Bendraparašis nėra liudytojo, kurį priima šis žurnalas, arba jis negalioja.
error-LOG-002 = Bendrai pasirašytas kontrolinis taškas nėra naujausias žurnalo taškas; atsisiųskite jį iš naujo.
