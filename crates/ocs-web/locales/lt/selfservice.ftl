# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Jūsų pritarimo pareiškimas
selfservice-secret = Patvirtinimo slaptas kodas
selfservice-secret-once = Šis slaptas kodas rodomas tik dabar ir nesaugomas mūsų serveryje. Kartu su pareiškimo identifikatoriumi jis leidžia patikrinti, ar jūsų pareiškimas įskaitytas, arba jį atšaukti, kol vyksta rinkimas. Išsaugokite jį arba atsisiųskite patvirtinimą.
selfservice-download = Atsisiųsti patvirtinimą kaip tekstinį failą
selfservice-link = Patikrinti arba atšaukti pareiškimą
selfservice-intro = Įveskite pareiškimo identifikatorių ir patvirtinimo slaptą kodą.
selfservice-check = Patikrinti mano pareiškimą
selfservice-withdraw = Atšaukti mano pareiškimą
selfservice-withdraw-note = Atšaukus jūsų pritarimo pareiškimas ištrinamas. Kol vyksta rinkimas, galite pasirašyti iš naujo.
selfservice-withdraw-closed = Rinkimas baigtas: pareiškimus galima patikrinti, bet nebegalima atšaukti.
selfservice-duplicates = Kiekvienas asmuo skaičiuojamas vieną kartą. Anksčiau su kitu patvirtinimu pateiktas pareiškimas lieka galioti ir gali būti atšauktas tik su jo paties patvirtinimu.
selfservice-counted = Jūsų pritarimo pareiškimas užregistruotas ir įskaitytas.
selfservice-withdrawn = Jūsų pritarimo pareiškimas atšauktas ir ištrintas. Jis nebeįskaitomas.
selfservice-file-initiative = Iniciatyva
selfservice-file-howto = Norėdami patikrinti arba atšaukti pareiškimą, atidarykite šį puslapį ir įveskite identifikatorių bei slaptą kodą:
error-SLF-001 = Šį identifikatorių ir slaptą kodą atitinkančio įskaityto pareiškimo nėra. Patikrinkite abu.
error-SLF-002 = Rinkimas baigtas: pareiškimų nebegalima atšaukti.
