# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Naujienos el. paštu (neprivaloma)
mail-consent = Taip, noriu iš organizatorių gauti naujienas el. paštu apie piliečių iniciatyvą { $title }. Bet kada galiu atsisakyti.
mail-address = El. pašto adresas
mail-address-hint = Naudojamas tik pažymėjus langelį aukščiau. Jis saugomas atskirai nuo jūsų pritarimo pareiškimo ir negali būti su juo susietas.
mail-notice = El. pašto adreso nurodymas yra neprivalomas ir atskirtas nuo jūsų pritarimo: jūsų pareiškimas skaičiuojamas taip pat ir be jo. Atsiųsime vieną pranešimą adresui patvirtinti; nepatvirtintas jis ištrinamas po { $days } d. Kiekviename pranešime yra nuoroda atsisakyti; atsisakius jūsų adresas ištrinamas. Visi adresai ištrinami pasibaigus iniciatyvos duomenų saugojimo laikotarpiui.
error-MAIL-001 = Tai nėra tinkamas el. pašto adresas. Patikrinkite jį arba nuimkite žymę nuo naujienų el. paštu langelio.
error-MAIL-002 = Įveskite savo el. pašto adresą arba nuimkite žymę nuo naujienų el. paštu langelio.
mail-confirm-subject = Patvirtinkite naujienų el. paštu prenumeratą: { $title }
mail-confirm-body =
    Jūs (ar kas nors, pasinaudojęs jūsų adresu) paprašėte naujienų el. paštu apie Europos piliečių iniciatyvą „{ $title }“.

    Norėdami patvirtinti, atidarykite šią nuorodą ir paspauskite mygtuką:
    { $link }

    Jei to neprašėte, nekreipkite dėmesio į šį pranešimą: nepatvirtintas adresas ištrinamas po { $days } d.

    Šis prašymas atskirtas nuo bet kokio pritarimo pareiškimo; jūsų adresas su juo nesusietas.
    Atsisakyti dabar: { $unsubscribe }
mail-confirm-title = Naujienų el. paštu patvirtinimas
mail-confirm-text = Paspauskite mygtuką, kad patvirtintumėte, jog norite gauti naujienas el. paštu apie šią iniciatyvą.
mail-confirm-button = Patvirtinti
mail-confirmed-title = Adresas patvirtintas
mail-confirmed-text = Ačiū. Gausite naujienas apie { $title }. Kiekviename pranešime yra nuoroda atsisakyti.
mail-confirm-invalid = Ši patvirtinimo nuoroda negalioja: ji jau panaudota, baigė galioti arba adresas pašalintas. Niekas neišsaugota.
mail-unsubscribe-title = Naujienų el. paštu atsisakymas
mail-unsubscribe-text = Paspauskite mygtuką, kad nutrauktumėte naujienas ir ištrintumėte savo el. pašto adresą.
mail-unsubscribe-button = Atsisakyti
mail-unsubscribed-title = Atsisakyta
mail-unsubscribed-text = Jūsų el. pašto adresas ištrintas. Daugiau naujienų negausite.
mail-unsubscribe-invalid = Ši atsisakymo nuoroda negalioja.
mail-back = Atgal į iniciatyvas
field-mail_address = El. pašto adresas

# The console's e-mail updates page (organisers).
mail-console-title = Naujienos el. paštu
mail-console-subscribers = Patvirtinti adresai: { $count }
mail-console-separate = Adresai saugomi atskirai nuo pritarimo pareiškimų ir negali būti su jais susieti. Eksportuojami tik tie adresai, kuriuos patvirtino jų savininkai, ir tik jiems siunčiami pranešimai.
mail-console-export-title = Adresų eksportavimas
mail-console-export-help = Atsisiunčiamas CSV failas (el. pašto adresas, patvirtinimo data). Eksportavimas įrašomas į audito žurnalą. Failą saugokite patikimai ir ištrinkite, kai jo nebereikės.
mail-console-export = Atsisiųsti CSV failą
mail-console-send-title = Rašyti prenumeratoriams
mail-console-subject = Tema
mail-console-body = Pranešimas
mail-console-body-hint = Paprastas tekstas. Prie kiekvieno pranešimo pridedama nuoroda atsisakyti. Pranešimai siunčiami fone, o jei pašto serveris nepasiekiamas, siuntimas kartojamas.
mail-console-confirm = Pranešimą patikrinau: siųsti jį visais patvirtintais adresais ({ $count }). Šio veiksmo atšaukti negalima.
mail-console-send = Siųsti naujieną
mail-console-queued = Naujiena įtraukta į siuntimo eilę. Adresų skaičius: { $count }.
mail-console-off = Naujienos el. paštu šiame serveryje nesukonfigūruotos (konfigūracijoje nėra skyriaus [mail]).
mail-console-error-empty-subject = Įveskite temą.
mail-console-error-subject-line = Tema turi būti vienoje eilutėje.
mail-console-error-subject-long = Tema per ilga (ne daugiau kaip 200 simbolių).
mail-console-error-empty-body = Įveskite pranešimą.
mail-console-error-body-long = Pranešimas per ilgas (ne daugiau kaip 64 KiB).
mail-console-error-confirm = Pažymėkite langelį ir patvirtinkite, kad patikrinote pranešimą.
mail-console-link = Naujienos el. paštu rėmėjams
