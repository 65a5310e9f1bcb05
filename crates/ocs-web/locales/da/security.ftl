# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Denne formular blev sendt fra et andet websted og blev derfor ikke modtaget. Åbn formularen på dette websted, og send den igen.
error-SEC-002 = Denne formular er udløbet eller blev ikke åbnet på dette websted, så den blev ikke modtaget, og intet blev gemt. Gå tilbage, genindlæs siden, og send formularen igen.
