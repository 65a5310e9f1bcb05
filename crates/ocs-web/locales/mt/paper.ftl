# Paper statements in the console, and the destruction warning.
paper-title = Daħħal dikjarazzjonijiet fuq il-karta
paper-intro = Daħħal id-dikjarazzjonijiet ta' appoġġ miġbura fuq formoli tal-karta, waħda waħda, kif miktuba fuq il-formola. Jiġu ċċekkjati u d-duplikati jitneħħew bħad-dikjarazzjonijiet onlajn, u jiġu mmarkati bħala fuq il-karta.
paper-nationality = Nazzjonalità fuq il-formola tal-karta
paper-show-form = Uri l-formola
paper-submit = Irreġistra d-dikjarazzjoni fuq il-karta
paper-recorded = Id-dikjarazzjoni fuq il-karta ġiet irreġistrata u magħduda.
paper-duplicate = Din il-persuna diġà hija magħduda (onlajn jew fuq il-karta). Ma nħażen xejn; terġax tgħodd din il-formola tal-karta.
paper-count-online = Onlajn
paper-count-paper = Fuq il-karta
paper-link = Daħħal dikjarazzjonijiet fuq il-karta
retention-warning = Qerda tad-data fil-{ $date }: id-dikjarazzjonijiet ta' din l-inizjattiva se jinqerdu dakinhar (jiem li fadal: { $days }). Esportahom u wassalhom lill-awtoritajiet qabel dakinhar.
retention-list = Qerda fil-{ $date } (jiem li fadal: { $days })
eid-duplicate-receipt-note = Iffirmajt it-tieni darba bl-istess eID? Dik it-tieni riċevuta mhijiex marbuta mad-dikjarazzjoni tiegħek u twieġeb “ma nstabx”: uża r-riċevuta tal-ewwel firma tiegħek. L-ewwel dikjarazzjoni tiegħek tibqa' u tingħadd darba.
