# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Novedades por correo electrónico (opcional)
mail-consent = Sí, deseo recibir de los organizadores novedades por correo electrónico sobre la iniciativa ciudadana { $title }. Puedo darme de baja en cualquier momento.
mail-address = Dirección de correo electrónico
mail-address-hint = Solo se utiliza si marca la casilla anterior. Se guarda separada de su declaración de apoyo y no puede vincularse con ella.
mail-notice = Facilitar su dirección de correo electrónico es opcional e independiente de su apoyo: su declaración cuenta igual sin ella. Le enviamos un mensaje para confirmar la dirección; sin confirmación, se suprime al cabo de { $days } días. Cada mensaje incluye un enlace para darse de baja; al darse de baja se suprime su dirección. Todas las direcciones se suprimen cuando termina el período de conservación de datos de la iniciativa.
error-MAIL-001 = Esta dirección de correo electrónico no es utilizable. Compruébela o desmarque la casilla de novedades por correo electrónico.
error-MAIL-002 = Introduzca su dirección de correo electrónico o desmarque la casilla de novedades por correo electrónico.
mail-confirm-subject = Confirme sus novedades por correo electrónico: { $title }
mail-confirm-body =
    Usted (o alguien que utiliza su dirección) ha solicitado novedades por correo electrónico sobre la iniciativa ciudadana europea «{ $title }».

    Para confirmar, abra este enlace y pulse el botón:
    { $link }

    Si no lo ha solicitado, ignore este mensaje: sin confirmación, la dirección se suprime al cabo de { $days } días.

    Esta solicitud es independiente de cualquier declaración de apoyo; su dirección no está vinculada a ella.
    Darse de baja ahora: { $unsubscribe }
mail-confirm-title = Confirmar novedades por correo electrónico
mail-confirm-text = Pulse el botón para confirmar que desea recibir novedades por correo electrónico sobre esta iniciativa.
mail-confirm-button = Confirmar
mail-confirmed-title = Dirección confirmada
mail-confirmed-text = Gracias. Recibirá novedades sobre { $title }. Cada mensaje incluye un enlace para darse de baja.
mail-confirm-invalid = Este enlace de confirmación no es válido: ya se utilizó, ha caducado o la dirección se ha suprimido. No se ha guardado nada.
mail-unsubscribe-title = Darse de baja de las novedades por correo electrónico
mail-unsubscribe-text = Pulse el botón para dejar de recibir novedades y suprimir su dirección de correo electrónico.
mail-unsubscribe-button = Darse de baja
mail-unsubscribed-title = Baja realizada
mail-unsubscribed-text = Su dirección de correo electrónico se ha suprimido. No recibirá más novedades.
mail-unsubscribe-invalid = Este enlace para darse de baja no es válido.
mail-back = Volver a las iniciativas
field-mail_address = Dirección de correo electrónico

# The console's e-mail updates page (organisers).
mail-console-title = Novedades por correo electrónico
mail-console-subscribers = Direcciones confirmadas: { $count }
mail-console-separate = Las direcciones se guardan separadas de las declaraciones de apoyo y no pueden vincularse con ellas. Solo se exportan o reciben mensajes las direcciones confirmadas por sus titulares.
mail-console-export-title = Exportar las direcciones
mail-console-export-help = Descarga un archivo CSV (dirección de correo electrónico, fecha de confirmación). La exportación queda anotada en el registro de auditoría. Guarde el archivo de forma segura y suprímalo cuando ya no lo necesite.
mail-console-export = Descargar el archivo CSV
mail-console-send-title = Escribir a los suscriptores
mail-console-subject = Asunto
mail-console-body = Mensaje
mail-console-body-hint = Texto sin formato. A cada mensaje se le añade un enlace para darse de baja. Los mensajes se envían en segundo plano y el envío se reintenta si el servidor de correo no está disponible.
mail-console-confirm = He comprobado el mensaje: enviarlo a todas las direcciones confirmadas ({ $count }). Esta acción no se puede deshacer.
mail-console-send = Enviar la novedad
mail-console-queued = La novedad se ha puesto en cola para { $count } direcciones.
mail-console-off = Las novedades por correo electrónico no están configuradas en este servidor (no hay sección [mail] en la configuración).
mail-console-error-empty-subject = Introduzca un asunto.
mail-console-error-subject-line = El asunto debe ocupar una sola línea.
mail-console-error-subject-long = El asunto es demasiado largo (200 caracteres como máximo).
mail-console-error-empty-body = Introduzca el mensaje.
mail-console-error-body-long = El mensaje es demasiado largo (64 KiB como máximo).
mail-console-error-confirm = Marque la casilla para confirmar que ha comprobado el mensaje.
mail-console-link = Novedades por correo electrónico a los firmantes
