# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ce formulaire a été envoyé depuis un autre site web ; il n'a donc pas été accepté. Ouvrez le formulaire sur ce site et envoyez-le à nouveau.
