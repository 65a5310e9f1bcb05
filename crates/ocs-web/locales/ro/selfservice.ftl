# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Declarația dumneavoastră de susținere
selfservice-secret = Codul secret al confirmării
selfservice-secret-once = Acest cod secret este afișat doar acum și nu este păstrat pe serverul nostru. Împreună cu identificatorul declarației, vă permite să verificați că declarația este numărată sau să o retrageți cât timp colectarea este deschisă. Salvați-l sau descărcați confirmarea.
selfservice-download = Descărcați confirmarea ca fișier text
selfservice-link = Verificați sau retrageți declarația
selfservice-intro = Introduceți identificatorul declarației și codul secret din confirmare.
selfservice-check = Verifică declarația mea
selfservice-withdraw = Retrage declarația mea
selfservice-withdraw-note = Retragerea șterge declarația dumneavoastră de susținere. Puteți semna din nou cât timp colectarea este deschisă.
selfservice-withdraw-closed = Colectarea s-a încheiat: declarațiile pot fi verificate, dar nu mai pot fi retrase.
selfservice-duplicates = Fiecare persoană este numărată o singură dată. O declarație făcută anterior cu altă confirmare rămâne valabilă și poate fi retrasă doar cu propria confirmare.
selfservice-counted = Declarația dumneavoastră de susținere este înregistrată și numărată.
selfservice-withdrawn = Declarația dumneavoastră de susținere a fost retrasă și ștearsă. Nu mai este numărată.
selfservice-file-initiative = Inițiativa
selfservice-file-howto = Pentru a verifica sau retrage declarația, deschideți această pagină și introduceți identificatorul și codul secret:
error-SLF-001 = Nicio declarație numărată nu corespunde acestui identificator și cod secret. Verificați-le pe amândouă.
error-SLF-002 = Colectarea s-a încheiat: declarațiile nu mai pot fi retrase.
