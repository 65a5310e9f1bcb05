# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ezt az űrlapot egy másik webhelyről küldték, ezért nem fogadtuk el. Nyissa meg az űrlapot ezen a webhelyen, és küldje el újra.
