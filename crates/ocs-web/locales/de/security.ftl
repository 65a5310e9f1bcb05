# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Dieses Formular wurde von einer anderen Website gesendet und daher nicht angenommen. Öffnen Sie das Formular auf dieser Website und senden Sie es erneut.
error-SEC-002 = Dieses Formular ist abgelaufen oder wurde nicht auf dieser Website geöffnet. Es wurde daher nicht angenommen, und nichts wurde gespeichert. Gehen Sie zurück, laden Sie die Seite neu und senden Sie das Formular erneut.
