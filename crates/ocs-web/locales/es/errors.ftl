# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = No se permite el acceso a esta dirección.
error-REQ-404 = { not-found-text }
error-REQ-405 = Esta dirección no acepta este tipo de solicitud.
error-REQ-503 = { console-error-storage }
error-CON-004 = Esta cuenta no tiene permiso para hacer esto.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = La cofirma no procede de un testigo que este registro acepte, o no es válida.
error-LOG-002 = El punto de control cofirmado no es el último del registro; vuelva a obtenerlo.
