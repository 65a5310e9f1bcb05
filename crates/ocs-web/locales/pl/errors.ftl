# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Dostęp do tego adresu jest niedozwolony.
error-REQ-404 = { not-found-text }
error-REQ-405 = Ten adres nie przyjmuje tego rodzaju żądania.
error-REQ-503 = { console-error-storage }
error-CON-004 = To konto nie ma uprawnień do wykonania tej czynności.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Współpodpis nie pochodzi od świadka akceptowanego przez ten rejestr lub jest nieprawidłowy.
error-LOG-002 = Współpodpisany punkt kontrolny nie jest najnowszym punktem rejestru; pobierz go ponownie.
