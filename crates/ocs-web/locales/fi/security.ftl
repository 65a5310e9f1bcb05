# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Tämä lomake lähetettiin toiselta verkkosivustolta, joten sitä ei hyväksytty. Avaa lomake tällä sivustolla ja lähetä se uudelleen.
