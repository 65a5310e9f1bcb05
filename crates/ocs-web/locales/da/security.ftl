# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Denne formular blev sendt fra et andet websted og blev derfor ikke modtaget. Åbn formularen på dette websted, og send den igen.
