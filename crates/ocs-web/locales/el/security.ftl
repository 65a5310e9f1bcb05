# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Αυτή η φόρμα στάλθηκε από άλλον ιστότοπο και γι' αυτό δεν έγινε δεκτή. Ανοίξτε τη φόρμα σε αυτόν τον ιστότοπο και στείλτε την ξανά.
