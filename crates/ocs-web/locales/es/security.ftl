# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Este formulario se envió desde otro sitio web, por lo que no se ha aceptado. Abra el formulario en este sitio y envíelo de nuevo.
