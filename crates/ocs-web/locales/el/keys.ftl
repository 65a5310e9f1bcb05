# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Κάτοχοι των κλειδιών παραληπτών
key-holders-intro = Οι δηλώσεις υποστήριξης είναι σφραγισμένες με αυτά τα δημόσια κλειδιά. Η καταστροφή δεν φτάνει στα ιδιωτικά τους μισά: κάθε κάτοχος καταστρέφει το δικό του και εσείς καταχωρίζετε εδώ την επιβεβαίωσή του.
key-holders-certificate = Πιστοποιητικό καταστροφής
key-holders-no-certificate = Δεν έχει καταχωριστεί ακόμη καμία καταστροφή.
key-holders-confirmed = Επιβεβαιωμένες καταστροφές
key-holders-not-confirmed = Η καταστροφή του ιδιωτικού κλειδιού δεν έχει επιβεβαιωθεί ακόμη.
key-holders-holder = Όνομα του κατόχου που κατέστρεψε το ιδιωτικό κλειδί
key-holders-confirm = Καταχώριση της επιβεβαίωσης
key-holders-recorded = Καταχωρίστηκε: ο κάτοχος κατέστρεψε το ιδιωτικό κλειδί { $key }.
key-holders-role-organisers = Διοργανωτές
key-holders-role-authority = Αρμόδια αρχή: { $country }
key-holders-error-key-010 = Αυτό το κλειδί δεν είναι κλειδί παραλήπτη αυτής της πρωτοβουλίας.
key-holders-error-key-011 = Το όνομα του κατόχου του κλειδιού (1 έως 200 χαρακτήρες) είναι υποχρεωτικό.
