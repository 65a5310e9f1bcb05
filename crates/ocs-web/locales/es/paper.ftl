# Paper statements in the console, and the destruction warning.
paper-title = Introducir declaraciones en papel
paper-intro = Introduzca una a una las declaraciones de apoyo recogidas en formularios de papel, tal como figuran en el formulario. Se comprueban y se depuran los duplicados como las declaraciones en línea, y se marcan como en papel.
paper-nationality = Nacionalidad en el formulario de papel
paper-show-form = Mostrar el formulario
paper-submit = Registrar la declaración en papel
paper-recorded = La declaración en papel se ha registrado y contabilizado.
paper-duplicate = Esta persona ya está contabilizada (en línea o en papel). No se ha guardado nada; no vuelva a contabilizar este formulario de papel.
paper-count-online = En línea
paper-count-paper = En papel
paper-link = Introducir declaraciones en papel
retention-warning = Destrucción de datos el { $date }: las declaraciones de esta iniciativa se destruirán ese día (días restantes: { $days }). Expórtelas y entréguelas a las autoridades antes de esa fecha.
retention-list = Destrucción el { $date } (días restantes: { $days })
eid-duplicate-receipt-note = ¿Ha firmado una segunda vez con la misma eID? Ese segundo justificante no está vinculado a su declaración y responde «no encontrado»: utilice el justificante de su primera firma. Su primera declaración sigue siendo válida y se cuenta una vez.
