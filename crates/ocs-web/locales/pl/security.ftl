# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ten formularz został wysłany z innej witryny, dlatego nie został przyjęty. Otwórz formularz w tej witrynie i wyślij go ponownie.
error-SEC-002 = Ten formularz wygasł lub nie został otwarty w tym serwisie, dlatego nie został przyjęty i nic nie zapisano. Wróć, odśwież stronę i wyślij formularz ponownie.
