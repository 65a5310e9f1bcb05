# Organiser console and initiative lifecycle (public parts first).
console-test-marker = ΔΟΚΙΜΑΣΤΙΚΗ ΛΕΙΤΟΥΡΓΙΑ: η πρωτοβουλία αυτή βρίσκεται σε δοκιμή. Οι δηλώσεις που υποβάλλονται τώρα είναι δοκιμαστικές· δεν αποστέλλονται σε καμία αρχή και διαγράφονται πριν από την έναρξη της συλλογής.
console-certificate-published = Πιστοποιητικό που εκδόθηκε από { $authority } στις { $date }.
console-certificate-download = Λήψη του πιστοποιητικού (PDF)
