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
