# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Piekļuve šai adresei nav atļauta.
error-REQ-404 = { not-found-text }
error-REQ-405 = Šī adrese nepieņem šāda veida pieprasījumu.
error-REQ-503 = { console-error-storage }
error-CON-004 = Šim kontam nav atļauts to darīt.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Līdzparaksts nav no liecinieka, ko šis žurnāls pieņem, vai tas nav derīgs.
error-LOG-002 = Līdzparakstītais kontrolpunkts nav žurnāla jaunākais; ielādējiet to vēlreiz.
