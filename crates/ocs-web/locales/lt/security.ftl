# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ši forma buvo išsiųsta iš kitos svetainės, todėl nebuvo priimta. Atidarykite formą šioje svetainėje ir išsiųskite ją dar kartą.
