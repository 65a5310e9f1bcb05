# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ta obrazec je bil poslan z drugega spletnega mesta, zato ni bil sprejet. Odprite obrazec na tem spletnem mestu in ga pošljite znova.
