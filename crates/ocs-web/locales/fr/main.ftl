# OpenOCS — interface en français (site public).

site-name = OpenOCS
site-tagline = Collecte en ligne de déclarations de soutien aux initiatives citoyennes européennes
skip-to-content = Aller au contenu principal
language-name = français
language-label = Langue
language-nav = Choisir une langue
footer-text = OpenOCS, logiciel libre sous licence EUPL-1.2.

index-title = Initiatives citoyennes en cours de collecte sur ce site
index-empty = Aucune initiative n’est encore hébergée sur ce site.
original-language-note = Ce texte est affiché dans la langue originale de l’initiative ({ $language }), car aucune traduction dans votre langue n’a été fournie.

initiative-registration-number = Numéro d’enregistrement de la Commission
initiative-registration-date = Date d’enregistrement
initiative-subject = Objet
initiative-objectives = Principaux objectifs
initiative-organisers = Organisateurs
initiative-register = Page dans le registre de la Commission
initiative-website = Site internet de l’initiative
initiative-period = Période de collecte
initiative-period-value = du { $start } au { $end }
initiative-status = État
status-draft = En préparation, collecte non ouverte
status-collecting = Collecte de déclarations de soutien en cours
status-paused = Collecte suspendue
status-closed = Collecte terminée
role-representative = représentant(e)
role-substitute = suppléant(e)
role-member = membre
privacy-heading = Protection des données
privacy-organisers-heading = Avis des organisateurs
privacy-statement-heading = Déclaration relative à la protection de la vie privée
privacy-security = Vos données sont chiffrées avant d’être enregistrées ; ce site lui-même ne peut pas les lire.
privacy-controller-group = Responsable du traitement : le groupe d'organisateurs de cette initiative, représenté par { $representative }. Contact : { $contact }
privacy-controller-entity = Responsable du traitement : { $entity }, la personne morale créée par le groupe d'organisateurs. Contact : { $contact }
privacy-dpo = Délégué à la protection des données : { $dpo }
privacy-no-dpo = Les organisateurs n'ont pas désigné de délégué à la protection des données.
privacy-dpa-link = Autorités de protection des données des États membres (liste du comité européen de la protection des données)
privacy-withdrawal = Vous pouvez retirer votre déclaration de soutien avec l'identifiant et le code secret de votre accusé de réception jusqu'à la fin de la période de collecte ({ $end }). Si les organisateurs retirent l'initiative, les déclarations sont détruites dans un délai d'un mois.
certificate-heading = Certificat du système de collecte en ligne
certificate-pending = Le certificat délivré par l’autorité nationale compétente est publié ici avant l’ouverture de la collecte.

progress-heading = Soutien recueilli jusqu’à présent
progress-total = { $count } déclarations de soutien sur { $threshold }
progress-states = { $reached ->
    [one] { $reached } État membre sur { $needed } a atteint son seuil minimal
   *[other] { $reached } États membres sur { $needed } ont atteint leur seuil minimal
}
progress-bar-label = Progression vers un million de déclarations de soutien
progress-updated = Chiffres au { $time }, comptés uniquement à partir des déclarations enregistrées.
progress-none = Aucune déclaration de soutien n’a encore été comptée.
progress-col-country = État membre
progress-col-count = Déclarations
progress-col-minimum = Seuil minimal
progress-col-reached = Seuil atteint
progress-yes = oui
progress-no = pas encore

choose-heading = Soutenir cette initiative
choose-intro = Les informations à fournir dépendent de votre nationalité. Les citoyens sont comptés dans l’État membre dont ils ont la nationalité, où qu’ils résident.
choose-label = Votre nationalité
choose-placeholder = Choisissez votre nationalité
choose-submit = Continuer

sign-for-nationality = Formulaire pour les ressortissants de l’État suivant : { $country }
sign-change-nationality = Changer de nationalité
sign-part-a-intro = Informations demandées ({ $country }) : vos noms, votre adresse et votre date de naissance.
sign-part-b-intro = Informations demandées ({ $country }) : vos noms et le numéro d’un document d’identité.
sign-required-note = Tous les champs marqués comme obligatoires doivent être remplis.
sign-required = obligatoire
sign-optional = facultatif
sign-declaration-heading = Déclaration
sign-consent = Je soutiens l’initiative citoyenne { $title } ({ $number }) et je fais la déclaration ci-dessus.
sign-confirm = J’ai vérifié les informations signalées ci-dessus et elles sont exactes telles que saisies.
sign-confirm-hint = Certains numéros ne suivent pas le format habituel. Si le vôtre est exact, cochez cette case et envoyez à nouveau le formulaire.
sign-submit = Signer
sign-privacy-note = Vos données sont chiffrées avant d’être enregistrées et ne peuvent être lues que hors ligne par les organisateurs et par les autorités nationales compétentes pour vérification.
sign-proof-working = Nous vérifions que vous êtes une personne. Vous pouvez continuer à remplir le formulaire.
sign-proof-done = Vérification terminée. Vous pouvez envoyer le formulaire.
sign-proof-failed = La vérification automatique n’a pas fonctionné. Vous pouvez tout de même envoyer le formulaire ; cela prendra quelques secondes de plus.
sign-noscript = Sans JavaScript, le formulaire fonctionne aussi : prenez le temps de le remplir, puis envoyez-le.
sign-choose-document = Choisissez un document
sign-choose-country = Choisissez un pays
sign-date-hint = Format : AAAA-MM-JJ, par exemple 1990-04-25

field-full-first-names = Prénoms complets
field-family-names = Noms de famille
field-street = Rue
field-street-number = Numéro
field-postal-code = Code postal
field-city = Localité
field-country = Pays de résidence
field-date-of-birth = Date de naissance
field-id-type = Document d’identité
field-id-number = Numéro du document
field-consent = Déclaration
field-nationality = Nationalité

doc-passport = Passeport
doc-id-card = Carte d’identité
doc-personal-number = Numéro personnel
doc-personal-id = Numéro d’identification personnel
doc-national-id-number = Numéro d’identification national
doc-citizens-card = Carte de citoyen
doc-residence-permit = Titre de séjour

error-summary-title = Il y a un problème dans ce que vous avez saisi
error-title-prefix = Erreur
error-code-label = Code d’erreur
error-SIG-001 = Ce champ est obligatoire.
error-SIG-002 = Ce champ ne fait pas partie du formulaire pour votre nationalité.
error-SIG-003 = Cette valeur est trop longue.
error-SIG-004 = Cette valeur contient des caractères non autorisés.
error-SIG-005 = Ce numéro n’a pas le format habituel pour ce document. Vérifiez-le ou confirmez qu’il est exact.
error-SIG-006 = Ce numéro n’est pas valable : sa clé de contrôle ne correspond pas. Vérifiez qu’il ne contient pas de faute de frappe.
error-SIG-007 = Saisissez une date réelle au format AAAA-MM-JJ.
error-SIG-008 = Cette date de naissance n’est pas possible.
error-SIG-009 = Vous devez avoir atteint l’âge minimal requis dans votre État membre pour soutenir une initiative citoyenne.
error-SIG-010 = Choisissez la nationalité d’un État membre de l’UE.
error-SIG-011 = Ce type de document n’est pas accepté pour votre nationalité.
error-SIG-012 = Choisissez un pays de résidence dans la liste.
error-SIG-013 = Vous devez accepter la déclaration pour soutenir l’initiative.
error-SIG-014 = Ce code postal n’a pas le format habituel. Vérifiez-le ou confirmez qu’il est exact.
error-SIG-015 = Ce numéro n’est peut-être pas valable. Vérifiez-le ou confirmez qu’il est exact.
error-SIG-016 = Ce numéro n'est pas valide : la date de naissance qu'il contient n'existe pas. Vérifiez qu'il ne contient pas de faute de frappe.
error-SIG-020 = La vérification que vous êtes une personne est manquante. Envoyez à nouveau le formulaire.
error-SIG-021 = La vérification que vous êtes une personne a expiré ou a déjà été utilisée. Envoyez à nouveau le formulaire.
error-SIG-022 = Le formulaire a été envoyé trop vite. Attendez quelques secondes et envoyez-le à nouveau.
error-SIG-030 = Cette initiative ne recueille pas de déclarations de soutien pour le moment.
error-SIG-031 = Il n’y a pas d’initiative à cette adresse.
error-SIG-040 = Beaucoup de personnes signent en ce moment. Vos informations sont conservées : veuillez renvoyer le formulaire dans quelques secondes.
error-SIG-041 = Trop de déclarations ont été envoyées depuis votre réseau. Veuillez réessayer plus tard.
error-REQ-001 = La demande n’a pas pu être lue.
error-REQ-002 = La demande est trop volumineuse.
error-REQ-003 = La demande n’a pas le bon type de contenu.
error-REQ-500 = Une erreur s’est produite de notre côté. Rien n’a été enregistré. Veuillez réessayer.

receipt-title = Merci de votre soutien
receipt-recorded = Votre déclaration de soutien a été reçue et enregistrée sous forme chiffrée.
receipt-once = Chaque personne n’est comptée qu’une fois. Si vous aviez déjà soutenu cette initiative, votre déclaration précédente reste valable et celle-ci n’a pas été comptée une seconde fois.
receipt-id = Identifiant de la déclaration
receipt-time = Heure de la signature
receipt-keep = Conservez cet identifiant. C’est la référence de votre déclaration.
receipt-back = Retour à l’initiative
receipt-count-now = Le compteur public inclut déjà votre déclaration : ce site le publie immédiatement.
receipt-count-batched = Le compteur public inclura votre déclaration après sa prochaine publication. Il est publié au plus une fois toutes les { $minutes } min, lorsque le nombre de nouvelles déclarations atteint { $batch }, ou sinon en fin de journée, afin qu’il ne révèle pas qui a signé.

error-page-title = Une erreur s’est produite
error-back-home = Aller à la page d’accueil
error-request-id = Identifiant de la demande
not-found-title = Page introuvable
not-found-text = Il n’y a rien à cette adresse.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Démonstration : les déclarations de soutien ne sont transmises à aucune autorité.
initiative-storage-country = Les déclarations de soutien sont conservées en : { $country }
