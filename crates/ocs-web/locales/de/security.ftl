# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Dieses Formular wurde von einer anderen Website gesendet und daher nicht angenommen. Öffnen Sie das Formular auf dieser Website und senden Sie es erneut.
