# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Tämä lomake lähetettiin toiselta verkkosivustolta, joten sitä ei hyväksytty. Avaa lomake tällä sivustolla ja lähetä se uudelleen.
error-SEC-002 = Tämä lomake on vanhentunut tai sitä ei avattu tällä sivustolla, joten sitä ei hyväksytty eikä mitään tallennettu. Palaa takaisin, lataa sivu uudelleen ja lähetä lomake uudelleen.
