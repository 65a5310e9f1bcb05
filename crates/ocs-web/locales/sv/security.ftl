# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Formuläret skickades från en annan webbplats och togs därför inte emot. Öppna formuläret på den här webbplatsen och skicka det igen.
error-SEC-002 = Formuläret har gått ut eller öppnades inte på den här webbplatsen, så det togs inte emot och inget sparades. Gå tillbaka, ladda om sidan och skicka formuläret igen.
