# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ten formularz został wysłany z innej witryny, dlatego nie został przyjęty. Otwórz formularz w tej witrynie i wyślij go ponownie.
