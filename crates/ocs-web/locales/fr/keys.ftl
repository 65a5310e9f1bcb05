# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Détenteurs des clés destinataires
key-holders-intro = Les déclarations de soutien sont scellées avec ces clés publiques. La destruction n'atteint pas leurs moitiés privées : chaque détenteur détruit la sienne, et vous enregistrez ici sa confirmation.
key-holders-certificate = Certificat de destruction
key-holders-no-certificate = Aucune destruction n'a encore été enregistrée.
key-holders-confirmed = Destructions confirmées
key-holders-not-confirmed = La destruction de la clé privée n'est pas encore confirmée.
key-holders-holder = Nom du détenteur qui a détruit la clé privée
key-holders-confirm = Enregistrer la confirmation
key-holders-recorded = Enregistré : le détenteur a détruit la clé privée { $key }.
key-holders-role-organisers = Organisateurs
key-holders-role-authority = Autorité compétente : { $country }
key-holders-error-key-010 = Cette clé n'est pas une clé destinataire de cette initiative.
key-holders-error-key-011 = Le nom du détenteur de la clé (1 à 200 caractères) est obligatoire.
