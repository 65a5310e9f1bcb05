# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Inhaber der Empfängerschlüssel
key-holders-intro = Die Unterstützungsbekundungen sind mit diesen öffentlichen Schlüsseln versiegelt. Die Vernichtung erreicht ihre privaten Hälften nicht: Jeder Inhaber vernichtet seine, und Sie erfassen hier seine Bestätigung.
key-holders-certificate = Vernichtungsbescheinigung
key-holders-no-certificate = Es wurde noch keine Vernichtung erfasst.
key-holders-confirmed = Bestätigte Vernichtungen
key-holders-not-confirmed = Die Vernichtung des privaten Schlüssels ist noch nicht bestätigt.
key-holders-holder = Name des Inhabers, der den privaten Schlüssel vernichtet hat
key-holders-confirm = Bestätigung erfassen
key-holders-recorded = Erfasst: Der Inhaber hat den privaten Schlüssel { $key } vernichtet.
key-holders-role-organisers = Organisatoren
key-holders-role-authority = Zuständige Behörde: { $country }
key-holders-error-key-010 = Dieser Schlüssel ist kein Empfängerschlüssel dieser Initiative.
key-holders-error-key-011 = Der Name des Schlüsselinhabers (1 bis 200 Zeichen) ist erforderlich.
