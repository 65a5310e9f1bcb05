# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Actualités par e-mail (facultatif)
mail-consent = Oui, je souhaite recevoir des organisateurs des actualités par e-mail sur l'initiative citoyenne { $title }. Je peux me désabonner à tout moment.
mail-address = Adresse e-mail
mail-address-hint = Utilisée uniquement si vous cochez la case ci-dessus. Elle est conservée séparément de votre déclaration de soutien et ne peut pas y être reliée.
mail-notice = Donner votre adresse e-mail est facultatif et distinct de votre soutien : votre déclaration compte de la même façon sans elle. Nous vous envoyons un message pour confirmer l'adresse ; sans confirmation, elle est supprimée après { $days } jours. Chaque message contient un lien de désabonnement ; vous désabonner supprime votre adresse. Toutes les adresses sont supprimées à la fin de la période de conservation des données de l'initiative.
error-MAIL-001 = Cette adresse e-mail n'est pas utilisable. Vérifiez-la ou décochez la case des actualités par e-mail.
error-MAIL-002 = Saisissez votre adresse e-mail ou décochez la case des actualités par e-mail.
mail-confirm-subject = Veuillez confirmer vos actualités par e-mail : { $title }
mail-confirm-body =
    Vous (ou quelqu'un utilisant votre adresse) avez demandé des actualités par e-mail sur l'initiative citoyenne européenne « { $title } ».

    Pour confirmer, ouvrez ce lien et appuyez sur le bouton :
    { $link }

    Si vous n'avez rien demandé, ignorez ce message : sans confirmation, l'adresse est supprimée après { $days } jours.

    Cette demande est distincte de toute déclaration de soutien ; votre adresse n'y est pas liée.
    Se désabonner maintenant : { $unsubscribe }
mail-confirm-title = Confirmer les actualités par e-mail
mail-confirm-text = Appuyez sur le bouton pour confirmer que vous souhaitez recevoir des actualités par e-mail sur cette initiative.
mail-confirm-button = Confirmer
mail-confirmed-title = Adresse confirmée
mail-confirmed-text = Merci. Vous recevrez des actualités sur { $title }. Chaque message contient un lien de désabonnement.
mail-confirm-invalid = Ce lien de confirmation n'est pas valable : il a déjà été utilisé, il a expiré ou l'adresse a été supprimée. Rien n'a été enregistré.
mail-unsubscribe-title = Se désabonner des actualités par e-mail
mail-unsubscribe-text = Appuyez sur le bouton pour arrêter les actualités et supprimer votre adresse e-mail.
mail-unsubscribe-button = Se désabonner
mail-unsubscribed-title = Désabonnement effectué
mail-unsubscribed-text = Votre adresse e-mail a été supprimée. Vous ne recevrez plus d'actualités.
mail-unsubscribe-invalid = Ce lien de désabonnement n'est pas valable.
mail-back = Retour aux initiatives
field-mail_address = Adresse e-mail

# The console's e-mail updates page (organisers).
mail-console-title = Actualités par e-mail
mail-console-subscribers = Adresses confirmées : { $count }
mail-console-separate = Les adresses sont conservées séparément des déclarations de soutien et ne peuvent pas y être reliées. Seules les adresses confirmées par leurs titulaires sont exportées ou reçoivent des messages.
mail-console-export-title = Exporter les adresses
mail-console-export-help = Télécharge un fichier CSV (adresse e-mail, date de confirmation). L'export est consigné dans le journal d'audit. Conservez le fichier en lieu sûr et supprimez-le dès que vous n'en avez plus besoin.
mail-console-export = Télécharger le fichier CSV
mail-console-send-title = Écrire aux abonnés
mail-console-subject = Objet
mail-console-body = Message
mail-console-body-hint = Texte brut. Un lien de désabonnement est ajouté à chaque message. Les messages sont envoyés en arrière-plan ; l'envoi est retenté si le serveur de messagerie est indisponible.
mail-console-confirm = J'ai vérifié le message : l'envoyer à toutes les adresses confirmées ({ $count }). Cette action est irréversible.
mail-console-send = Envoyer l'actualité
mail-console-queued = L'actualité a été mise en file d'attente pour { $count } adresses.
mail-console-off = Les actualités par e-mail ne sont pas configurées sur ce serveur (aucune section [mail] dans la configuration).
mail-console-error-empty-subject = Saisissez un objet.
mail-console-error-subject-line = L'objet doit tenir sur une seule ligne.
mail-console-error-subject-long = L'objet est trop long (200 caractères au maximum).
mail-console-error-empty-body = Saisissez le message.
mail-console-error-body-long = Le message est trop long (64 KiB au maximum).
mail-console-error-confirm = Cochez la case pour confirmer que vous avez vérifié le message.
mail-console-link = Actualités par e-mail aux signataires
