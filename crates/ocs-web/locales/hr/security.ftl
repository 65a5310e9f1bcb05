# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ovaj je obrazac poslan s drugog web-mjesta pa nije prihvaćen. Otvorite obrazac na ovom web-mjestu i pošaljite ga ponovno.
error-SEC-002 = Ovaj je obrazac istekao ili nije otvoren na ovoj stranici, pa nije prihvaćen i ništa nije spremljeno. Vratite se, ponovno učitajte stranicu i ponovno pošaljite obrazac.
