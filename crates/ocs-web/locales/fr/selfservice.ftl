# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Votre déclaration de soutien
selfservice-secret = Code secret du reçu
selfservice-secret-once = Ce code secret n'est affiché que maintenant et n'est pas conservé sur notre serveur. Avec l'identifiant de la déclaration, il vous permet de vérifier que votre déclaration est comptée, ou de la retirer tant que la collecte est ouverte. Enregistrez-le ou téléchargez le reçu.
selfservice-download = Télécharger le reçu en fichier texte
selfservice-link = Vérifier ou retirer votre déclaration
selfservice-intro = Saisissez l'identifiant de la déclaration et le code secret figurant sur votre reçu.
selfservice-check = Vérifier ma déclaration
selfservice-withdraw = Retirer ma déclaration
selfservice-withdraw-note = Le retrait supprime votre déclaration de soutien. Vous pourrez signer à nouveau tant que la collecte est ouverte.
selfservice-withdraw-closed = La collecte est close : les déclarations peuvent être vérifiées mais plus retirées.
selfservice-duplicates = Chaque personne est comptée une fois. Une déclaration faite auparavant avec un autre reçu reste valable et ne peut être retirée qu'avec son propre reçu.
selfservice-counted = Votre déclaration de soutien est enregistrée et comptée.
selfservice-withdrawn = Votre déclaration de soutien a été retirée et supprimée. Elle n'est plus comptée.
selfservice-file-initiative = Initiative
selfservice-file-howto = Pour vérifier ou retirer votre déclaration, ouvrez cette page et saisissez l'identifiant et le code secret :
error-SLF-001 = Aucune déclaration comptée ne correspond à cet identifiant et à ce code secret. Vérifiez-les.
error-SLF-002 = La collecte est close : les déclarations ne peuvent plus être retirées.
