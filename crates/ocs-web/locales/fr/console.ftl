# Organiser console and initiative lifecycle (public parts first).
console-test-marker = MODE TEST : cette initiative est en cours d’essai. Les déclarations faites maintenant sont des déclarations de test ; elles ne sont transmises à aucune autorité et sont effacées avant l’ouverture de la collecte.
console-certificate-published = Certificat délivré par { $authority } le { $date }.
console-certificate-download = Télécharger le certificat (PDF)
