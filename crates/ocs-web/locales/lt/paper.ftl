# Paper statements in the console, and the destruction warning.
paper-title = Popierinių pareiškimų įvedimas
paper-intro = Įveskite popierinėse formose surinktus paramos pareiškimus po vieną, taip, kaip jie įrašyti formoje. Jie tikrinami ir pasikartojantys šalinami kaip ir internetiniai pareiškimai, ir pažymimi kaip popieriniai.
paper-nationality = Pilietybė popierinėje formoje
paper-show-form = Rodyti formą
paper-submit = Įrašyti popierinį pareiškimą
paper-recorded = Popierinis pareiškimas įrašytas ir įskaičiuotas.
paper-duplicate = Šis asmuo jau įskaičiuotas (internetu arba popieriuje). Niekas neišsaugota; neįskaičiuokite šios popierinės formos dar kartą.
paper-count-online = Internetu
paper-count-paper = Popieriuje
paper-link = Popierinių pareiškimų įvedimas
retention-warning = Duomenų sunaikinimas { $date }: šios iniciatyvos pareiškimai bus sunaikinti tą dieną (liko dienų: { $days }). Iki tol juos eksportuokite ir perduokite institucijoms.
retention-list = Sunaikinimas { $date } (liko dienų: { $days })
eid-duplicate-receipt-note = Pasirašėte antrą kartą su ta pačia eID? Šis antrasis kvitas nesusietas su jūsų pareiškimu ir atsako „nerasta“: naudokite pirmojo pasirašymo kvitą. Jūsų pirmasis pareiškimas galioja ir įskaičiuojamas vieną kartą.
