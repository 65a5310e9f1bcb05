# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ši forma buvo išsiųsta iš kitos svetainės, todėl nebuvo priimta. Atidarykite formą šioje svetainėje ir išsiųskite ją dar kartą.
error-SEC-002 = Ši forma nebegalioja arba buvo atverta ne šioje svetainėje, todėl ji nepriimta ir niekas neišsaugota. Grįžkite atgal, iš naujo įkelkite puslapį ir vėl pateikite formą.
