# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Pääsy tähän osoitteeseen ei ole sallittu.
error-REQ-404 = { not-found-text }
error-REQ-405 = Tämä osoite ei ota vastaan tämänlaista pyyntöä.
error-REQ-503 = { console-error-storage }
error-CON-004 = Tällä tilillä ei ole oikeutta tehdä tätä.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Rinnakkaisallekirjoitus ei ole tämän lokin hyväksymältä todistajalta, tai se ei ole kelvollinen.
error-LOG-002 = Rinnakkaisallekirjoitettu tarkistuspiste ei ole lokin uusin; hae se uudelleen.
