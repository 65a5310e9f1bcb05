# The map of the member states (issue 17, item 11).
map-title = Χάρτης των κρατών μελών
map-link = Χάρτης: πρόοδος ανά κράτος μέλος
map-label = Χάρτης των 27 κρατών μελών, το καθένα χρωματισμένο ανάλογα με το ποσοστό του ελάχιστου αριθμού υπογραφόντων που έχει επιτευχθεί. Ο πίνακας δίνει τα ίδια στοιχεία.
map-state = { $country }: { $count } από { $minimum } ({ $percent } % του ελάχιστου)
map-legend-none = Καμία δήλωση ακόμη
map-legend-started = Κάτω από το μισό του ελάχιστου
map-legend-half = Το μισό του ελάχιστου ή περισσότερο
map-legend-reached = Το ελάχιστο επιτεύχθηκε
map-table-caption = Δηλώσεις υποστήριξης ανά κράτος μέλος
