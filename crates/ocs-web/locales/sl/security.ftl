# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ta obrazec je bil poslan z drugega spletnega mesta, zato ni bil sprejet. Odprite obrazec na tem spletnem mestu in ga pošljite znova.
error-SEC-002 = Ta obrazec je potekel ali ni bil odprt na tem spletnem mestu, zato ni bil sprejet in nič ni bilo shranjeno. Vrnite se, znova naložite stran in ponovno pošljite obrazec.
