# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Uutiset sähköpostitse (vapaaehtoinen)
mail-consent = Kyllä, haluan saada järjestäjiltä sähköpostitse uutisia kansalaisaloitteesta { $title }. Voin peruuttaa tilauksen milloin tahansa.
mail-address = Sähköpostiosoite
mail-address-hint = Käytetään vain, jos valitset yllä olevan ruudun. Se säilytetään erillään tuki-ilmoituksestasi, eikä sitä voi yhdistää siihen.
mail-notice = Sähköpostiosoitteen antaminen on vapaaehtoista ja erillään tuestasi: tuki-ilmoituksesi lasketaan samoin ilman sitä. Lähetämme yhden viestin osoitteen vahvistamiseksi; ilman vahvistusta se poistetaan { $days } päivän kuluttua. Jokaisessa viestissä on linkki tilauksen peruuttamiseen; peruuttaminen poistaa osoitteesi. Kaikki osoitteet poistetaan, kun aloitteen tietojen säilytysaika päättyy.
error-MAIL-001 = Tämä ei ole käyttökelpoinen sähköpostiosoite. Tarkista se tai poista valinta sähköpostiuutisten ruudusta.
error-MAIL-002 = Kirjoita sähköpostiosoitteesi tai poista valinta sähköpostiuutisten ruudusta.
mail-confirm-subject = Vahvista sähköpostiuutisten tilaus: { $title }
mail-confirm-body =
    Sinä (tai joku, joka käytti osoitettasi) pyysit sähköpostiuutisia eurooppalaisesta kansalaisaloitteesta ”{ $title }”.

    Vahvista avaamalla tämä linkki ja painamalla painiketta:
    { $link }

    Jos et pyytänyt tätä, voit jättää viestin huomiotta: ilman vahvistusta osoite poistetaan { $days } päivän kuluttua.

    Tämä pyyntö on erillään kaikista tuki-ilmoituksista; osoitettasi ei ole yhdistetty niihin.
    Peruuta tilaus nyt: { $unsubscribe }
mail-confirm-title = Vahvista sähköpostiuutiset
mail-confirm-text = Vahvista painikkeella, että haluat sähköpostiuutisia tästä aloitteesta.
mail-confirm-button = Vahvista
mail-confirmed-title = Osoite vahvistettu
mail-confirmed-text = Kiitos. Saat uutisia aloitteesta { $title }. Jokaisessa viestissä on linkki tilauksen peruuttamiseen.
mail-confirm-invalid = Tämä vahvistuslinkki ei ole voimassa: se on jo käytetty, vanhentunut tai osoite on poistettu. Mitään ei tallennettu.
mail-unsubscribe-title = Peruuta sähköpostiuutiset
mail-unsubscribe-text = Lopeta uutiset ja poista sähköpostiosoitteesi painamalla painiketta.
mail-unsubscribe-button = Peruuta tilaus
mail-unsubscribed-title = Tilaus peruutettu
mail-unsubscribed-text = Sähköpostiosoitteesi on poistettu. Et saa enää uutisia.
mail-unsubscribe-invalid = Tämä peruutuslinkki ei ole voimassa.
mail-back = Takaisin aloitteisiin
field-mail_address = Sähköpostiosoite

# The console's e-mail updates page (organisers).
mail-console-title = Sähköpostiuutiset
mail-console-subscribers = Vahvistetut osoitteet: { $count }
mail-console-separate = Osoitteet säilytetään erillään tuki-ilmoituksista, eikä niitä voi yhdistää niihin. Vain haltijoidensa vahvistamat osoitteet viedään tiedostoon tai saavat viestejä.
mail-console-export-title = Vie osoitteet
mail-console-export-help = Lataa CSV-tiedoston (sähköpostiosoite, vahvistuspäivä). Vienti kirjataan tarkastuslokiin. Säilytä tiedosto turvallisesti ja poista se, kun et enää tarvitse sitä.
mail-console-export = Lataa CSV-tiedosto
mail-console-send-title = Kirjoita tilaajille
mail-console-subject = Aihe
mail-console-body = Viesti
mail-console-body-hint = Pelkkä teksti. Jokaiseen viestiin lisätään linkki tilauksen peruuttamiseen. Viestit lähetetään taustalla, ja lähetystä yritetään uudelleen, jos sähköpostipalvelin ei ole käytettävissä.
mail-console-confirm = Olen tarkistanut viestin: lähetä se kaikkiin vahvistettuihin osoitteisiin ({ $count }). Tätä ei voi perua.
mail-console-send = Lähetä uutinen
mail-console-queued = Uutinen on lähetysjonossa { $count } osoitteeseen.
mail-console-off = Sähköpostiuutisia ei ole määritetty tällä palvelimella (asetuksissa ei ole osiota [mail]).
mail-console-error-empty-subject = Kirjoita aihe.
mail-console-error-subject-line = Aiheen on oltava yhdellä rivillä.
mail-console-error-subject-long = Aihe on liian pitkä (enintään 200 merkkiä).
mail-console-error-empty-body = Kirjoita viesti.
mail-console-error-body-long = Viesti on liian pitkä (enintään 64 KiB).
mail-console-error-confirm = Valitse ruutu vahvistaaksesi, että olet tarkistanut viestin.
mail-console-link = Sähköpostiuutiset tukijoille
