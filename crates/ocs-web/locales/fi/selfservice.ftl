# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Tukiilmoituksesi
selfservice-secret = Kuitin salainen koodi
selfservice-secret-once = Tämä salainen koodi näytetään vain nyt, eikä sitä tallenneta palvelimellemme. Ilmoituksen tunnisteen kanssa voit tarkistaa, että ilmoituksesi lasketaan, tai peruuttaa sen keräyksen ollessa käynnissä. Tallenna koodi tai lataa kuitti.
selfservice-download = Lataa kuitti tekstitiedostona
selfservice-link = Tarkista tai peruuta ilmoituksesi
selfservice-intro = Anna ilmoituksen tunniste ja kuitin salainen koodi.
selfservice-check = Tarkista ilmoitukseni
selfservice-withdraw = Peruuta ilmoitukseni
selfservice-withdraw-note = Peruuttaminen poistaa tukiilmoituksesi. Voit allekirjoittaa uudelleen keräyksen ollessa käynnissä.
selfservice-withdraw-closed = Keräys on päättynyt: ilmoituksia voi tarkistaa mutta ei enää peruuttaa.
selfservice-duplicates = Jokainen henkilö lasketaan kerran. Aiemmin toisella kuitilla tehty ilmoitus on voimassa, ja sen voi peruuttaa vain sen omalla kuitilla.
selfservice-counted = Tukiilmoituksesi on kirjattu ja se lasketaan.
selfservice-withdrawn = Tukiilmoituksesi on peruutettu ja poistettu. Sitä ei enää lasketa.
selfservice-file-initiative = Kansalaisaloite
selfservice-file-howto = Tarkista tai peruuta ilmoituksesi avaamalla tämä sivu ja antamalla tunniste ja salainen koodi:
error-SLF-001 = Tähän tunnisteeseen ja salaiseen koodiin ei vastaa yksikään laskettu ilmoitus. Tarkista molemmat.
error-SLF-002 = Keräys on päättynyt: ilmoituksia ei voi enää peruuttaa.
