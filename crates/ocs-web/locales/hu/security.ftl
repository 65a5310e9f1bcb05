# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Ezt az űrlapot egy másik webhelyről küldték, ezért nem fogadtuk el. Nyissa meg az űrlapot ezen a webhelyen, és küldje el újra.
error-SEC-002 = Ez az űrlap lejárt, vagy nem ezen a webhelyen nyitották meg, ezért nem fogadtuk el, és semmi sem lett mentve. Lépjen vissza, töltse újra az oldalt, és küldje el újra az űrlapot.
