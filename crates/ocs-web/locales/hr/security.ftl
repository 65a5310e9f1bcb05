# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ovaj je obrazac poslan s drugog web-mjesta pa nije prihvaćen. Otvorite obrazac na ovom web-mjestu i pošaljite ga ponovno.
