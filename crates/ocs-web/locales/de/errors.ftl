# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Der Zugriff auf diese Adresse ist nicht erlaubt.
error-REQ-404 = { not-found-text }
error-REQ-405 = Diese Adresse nimmt diese Art von Anfrage nicht an.
error-REQ-503 = { console-error-storage }
error-CON-004 = Dieses Konto darf das nicht tun.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Die Kosignatur stammt nicht von einem Zeugen, den dieses Protokoll annimmt, oder sie ist ungültig.
error-LOG-002 = Der kosignierte Checkpoint ist nicht der neueste des Protokolls; rufen Sie ihn erneut ab.
