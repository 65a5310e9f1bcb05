# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Acest formular a fost trimis de pe alt site web, așa că nu a fost acceptat. Deschideți formularul pe acest site și trimiteți-l din nou.
