# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Formuläret skickades från en annan webbplats och togs därför inte emot. Öppna formuläret på den här webbplatsen och skicka det igen.
