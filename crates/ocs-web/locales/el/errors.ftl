# Error codes every page, the API and the console answer with (crates/ocs-web/src/error.rs).
error-REQ-403 = Η πρόσβαση σε αυτή τη διεύθυνση δεν επιτρέπεται.
error-REQ-404 = { not-found-text }
error-REQ-405 = Αυτή η διεύθυνση δεν δέχεται αυτό το είδος αιτήματος.
error-REQ-503 = { console-error-storage }
error-CON-004 = Αυτός ο λογαριασμός δεν επιτρέπεται να το κάνει αυτό.
error-CON-006 = { error-SEC-002 }
error-CON-500 = { console-error-storage }
error-LOG-001 = Η συνυπογραφή δεν προέρχεται από μάρτυρα που δέχεται αυτό το μητρώο ή δεν είναι έγκυρη.
error-LOG-002 = Το συνυπογεγραμμένο σημείο ελέγχου δεν είναι το πιο πρόσφατο του μητρώου· ανακτήστε το ξανά.
