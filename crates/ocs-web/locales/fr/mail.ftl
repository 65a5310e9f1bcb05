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
