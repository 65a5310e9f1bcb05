# Strings of the security layer (cross-origin refusals).
error-SEC-001 = Acest formular a fost trimis de pe alt site web, așa că nu a fost acceptat. Deschideți formularul pe acest site și trimiteți-l din nou.
error-SEC-002 = Acest formular a expirat sau nu a fost deschis pe acest site, așa că nu a fost acceptat și nu s-a salvat nimic. Reveniți, reîncărcați pagina și trimiteți din nou formularul.
