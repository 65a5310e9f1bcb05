# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Este formulario se envió desde otro sitio web, por lo que no se ha aceptado. Abra el formulario en este sitio y envíelo de nuevo.
error-SEC-002 = Este formulario ha caducado o no se abrió en este sitio, por lo que no se ha aceptado y no se ha guardado nada. Vuelva atrás, recargue la página y envíe el formulario de nuevo.
