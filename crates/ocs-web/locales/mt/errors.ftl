# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = L-aċċess għal dan l-indirizz mhuwiex permess.
error-REQ-404 = { not-found-text }
error-REQ-405 = Dan l-indirizz ma jaċċettax dan it-tip ta’ talba.
error-REQ-503 = { console-error-storage }
error-CON-004 = Dan il-kont mhuwiex awtorizzat jagħmel dan.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Il-kofirma mhijiex minn xhud li dan ir-reġistru jaċċetta, jew mhijiex valida.
error-LOG-002 = Il-punt ta' kontroll kofirmat mhuwiex l-aħħar wieħed tar-reġistru; erġa' niżżlu.
