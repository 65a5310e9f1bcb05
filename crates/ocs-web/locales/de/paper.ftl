# Paper statements in the console, and the destruction warning.
paper-title = Papiererklärungen erfassen
paper-intro = Erfassen Sie auf Papierformularen gesammelte Unterstützungsbekundungen einzeln, so wie sie auf dem Formular stehen. Sie werden wie Online-Erklärungen geprüft und auf Dubletten abgeglichen und als Papier gekennzeichnet.
paper-nationality = Staatsangehörigkeit auf dem Papierformular
paper-show-form = Formular anzeigen
paper-submit = Papiererklärung erfassen
paper-recorded = Die Papiererklärung wurde erfasst und gezählt.
paper-duplicate = Diese Person wird bereits gezählt (online oder auf Papier). Nichts wurde gespeichert; zählen Sie dieses Papierformular nicht noch einmal.
paper-count-online = Online
paper-count-paper = Auf Papier
paper-link = Papiererklärungen erfassen
retention-warning = Datenvernichtung am { $date }: Die Erklärungen dieser Initiative werden an diesem Tag vernichtet (verbleibende Tage: { $days }). Exportieren Sie sie vorher und übermitteln Sie sie den Behörden.
retention-list = Vernichtung am { $date } (verbleibende Tage: { $days })
eid-duplicate-receipt-note = Ein zweites Mal mit derselben eID unterzeichnet? Diese zweite Bestätigung ist nicht mit Ihrer Erklärung verknüpft und ergibt „nicht gefunden“: Verwenden Sie die Bestätigung Ihrer ersten Unterzeichnung. Ihre erste Erklärung bleibt bestehen und wird einmal gezählt.
