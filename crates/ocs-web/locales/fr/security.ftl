# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ce formulaire a été envoyé depuis un autre site web ; il n'a donc pas été accepté. Ouvrez le formulaire sur ce site et envoyez-le à nouveau.
error-SEC-002 = Ce formulaire a expiré ou n’a pas été ouvert sur ce site ; il n’a donc pas été accepté et rien n’a été enregistré. Revenez en arrière, rechargez la page et envoyez à nouveau le formulaire.
