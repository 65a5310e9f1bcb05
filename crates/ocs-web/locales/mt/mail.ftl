# Optional e-mail updates (docs/MAIL.md); keys as in ../en/mail.ftl.

mail-heading = Aġġornamenti bl-email (fakultattiv)
mail-consent = Iva, nixtieq nirċievi mill-organizzaturi aġġornamenti bl-email dwar l-inizjattiva taċ-ċittadini { $title }. Nista' nneħħi l-abbonament fi kwalunkwe ħin.
mail-address = Indirizz tal-email
mail-address-hint = Jintuża biss jekk tagħżel il-kaxxa ta' hawn fuq. Jinżamm separat mid-dikjarazzjoni ta' appoġġ tiegħek u ma jistax jintrabat magħha.
mail-notice = L-għoti tal-indirizz tal-email huwa fakultattiv u separat mill-appoġġ tiegħek: id-dikjarazzjoni tiegħek tgħodd l-istess mingħajru. Nibagħtulek messaġġ wieħed biex tikkonferma l-indirizz; mingħajr konferma jitħassar wara { $days } ijiem. Kull messaġġ fih link biex tneħħi l-abbonament; meta tneħħih l-indirizz tiegħek jitħassar. L-indirizzi kollha jitħassru meta jintemm il-perjodu taż-żamma tad-data tal-inizjattiva.
error-MAIL-001 = Dan mhuwiex indirizz tal-email li jista' jintuża. Iċċekkjah jew neħħi l-marka mill-kaxxa tal-aġġornamenti bl-email.
error-MAIL-002 = Daħħal l-indirizz tal-email tiegħek jew neħħi l-marka mill-kaxxa tal-aġġornamenti bl-email.
mail-confirm-subject = Jekk jogħġbok ikkonferma l-aġġornamenti bl-email: { $title }
mail-confirm-body =
    Int (jew xi ħadd li uża l-indirizz tiegħek) tlabt aġġornamenti bl-email dwar l-inizjattiva taċ-ċittadini Ewropej "{ $title }".

    Biex tikkonferma, iftaħ dan il-link u agħfas il-buttuna:
    { $link }

    Jekk ma tlabtx dan, injora dan il-messaġġ: mingħajr konferma l-indirizz jitħassar wara { $days } ijiem.

    Din it-talba hija separata minn kwalunkwe dikjarazzjoni ta' appoġġ; l-indirizz tiegħek mhuwiex marbut magħha.
    Neħħi l-abbonament issa: { $unsubscribe }
mail-confirm-title = Ikkonferma l-aġġornamenti bl-email
mail-confirm-text = Agħfas il-buttuna biex tikkonferma li trid aġġornamenti bl-email dwar din l-inizjattiva.
mail-confirm-button = Ikkonferma
mail-confirmed-title = Indirizz ikkonfermat
mail-confirmed-text = Grazzi. Se tirċievi aġġornamenti dwar { $title }. Kull messaġġ fih link biex tneħħi l-abbonament.
mail-confirm-invalid = Dan il-link ta' konferma mhuwiex validu: diġà ntuża, skada jew l-indirizz tneħħa. Ma ġie ssejvjat xejn.
mail-unsubscribe-title = Neħħi l-abbonament mill-aġġornamenti bl-email
mail-unsubscribe-text = Agħfas il-buttuna biex twaqqaf l-aġġornamenti u tħassar l-indirizz tal-email tiegħek.
mail-unsubscribe-button = Neħħi l-abbonament
mail-unsubscribed-title = L-abbonament tneħħa
mail-unsubscribed-text = L-indirizz tal-email tiegħek tħassar. Mhux se tirċievi aktar aġġornamenti.
mail-unsubscribe-invalid = Dan il-link biex tneħħi l-abbonament mhuwiex validu.
mail-back = Lura għall-inizjattivi
field-mail_address = Indirizz tal-email

# The console's e-mail updates page (organisers).
mail-console-title = Aġġornamenti bl-email
mail-console-subscribers = Indirizzi kkonfermati: { $count }
mail-console-separate = L-indirizzi jinżammu separati mid-dikjarazzjonijiet ta' appoġġ u ma jistgħux jintrabtu magħhom. Jiġu esportati jew jirċievu messaġġi biss l-indirizzi li s-sidien tagħhom ikkonfermawhom.
mail-console-export-title = Esporta l-indirizzi
mail-console-export-help = Iniżżel fajl CSV (indirizz tal-email, data tal-konferma). L-esportazzjoni tiġi rreġistrata fir-reġistru tal-awditjar. Żomm il-fajl f'post sigur u ħassru meta ma jkollokx aktar bżonnu.
mail-console-export = Niżżel il-fajl CSV
mail-console-send-title = Ikteb lill-abbonati
mail-console-subject = Suġġett
mail-console-body = Messaġġ
mail-console-body-hint = Test sempliċi. Ma' kull messaġġ jiżdied link biex jitneħħa l-abbonament. Il-messaġġi jintbagħtu fl-isfond, u jekk is-server tal-email ma jkunx disponibbli, jerġgħu jiġu ppruvati.
mail-console-confirm = Iċċekkjajt il-messaġġ: ibagħtu lill-indirizzi kkonfermati kollha ({ $count }). Dan ma jistax jitreġġa' lura.
mail-console-send = Ibgħat l-aġġornament
mail-console-queued = L-aġġornament tqiegħed fil-kju biex jintbagħat. Numru ta' indirizzi: { $count }.
mail-console-off = L-aġġornamenti bl-email mhumiex konfigurati f'dan is-server (m'hemmx taqsima [mail] fil-konfigurazzjoni).
mail-console-error-empty-subject = Daħħal suġġett.
mail-console-error-subject-line = Is-suġġett irid ikun f'linja waħda.
mail-console-error-subject-long = Is-suġġett huwa twil wisq (mhux aktar minn 200 karattru).
mail-console-error-empty-body = Daħħal il-messaġġ.
mail-console-error-body-long = Il-messaġġ huwa twil wisq (mhux aktar minn 64 KiB).
mail-console-error-confirm = Immarka l-kaxxa biex tikkonferma li ċċekkjajt il-messaġġ.
mail-console-link = Aġġornamenti bl-email lis-sostenituri
