# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Dostop do tega naslova ni dovoljen.
error-REQ-404 = { not-found-text }
error-REQ-405 = Ta naslov ne sprejema te vrste zahteve.
error-REQ-503 = { console-error-storage }
error-CON-004 = Ta račun nima dovoljenja za to dejanje.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Sopodpis ni od priče, ki jo ta dnevnik sprejema, ali ni veljaven.
error-LOG-002 = Sopodpisana kontrolna točka ni najnovejša v dnevniku; ponovno jo prenesite.
