# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Access to this address is not allowed.
error-REQ-404 = { not-found-text }
error-REQ-405 = This address does not accept this kind of request.
error-REQ-503 = { console-error-storage }
error-CON-004 = This account is not allowed to do this.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = The cosignature is not by a witness this log accepts, or it does not verify.
error-LOG-002 = The cosigned checkpoint is not the log's latest; fetch it again.
