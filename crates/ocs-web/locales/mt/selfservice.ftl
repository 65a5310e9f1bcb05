# Signer self-service: receipt secret, check and withdrawal (docs/SELF-SERVICE.md).
selfservice-title = Id-dikjarazzjoni ta' appoġġ tiegħek
selfservice-secret = Il-kodiċi sigriet tal-irċevuta
selfservice-secret-once = Dan il-kodiċi sigriet jintwera biss issa u ma jinżammx fuq is-server tagħna. Flimkien mal-identifikatur tad-dikjarazzjoni, jippermettilek tiċċekkja li d-dikjarazzjoni tiegħek qed tingħadd, jew tirtiraha sakemm il-ġabra tkun miftuħa. Salvah jew niżżel l-irċevuta.
selfservice-download = Niżżel l-irċevuta bħala fajl tat-test
selfservice-link = Iċċekkja jew irtira d-dikjarazzjoni tiegħek
selfservice-intro = Daħħal l-identifikatur tad-dikjarazzjoni u l-kodiċi sigriet mill-irċevuta tiegħek.
selfservice-check = Iċċekkja d-dikjarazzjoni tiegħi
selfservice-withdraw = Irtira d-dikjarazzjoni tiegħi
selfservice-withdraw-note = L-irtirar iħassar id-dikjarazzjoni ta' appoġġ tiegħek. Tista' tiffirma mill-ġdid sakemm il-ġabra tkun miftuħa.
selfservice-withdraw-closed = Il-ġabra għalqet: id-dikjarazzjonijiet jistgħu jiġu ċċekkjati iżda mhux irtirati aktar.
selfservice-duplicates = Kull persuna tingħadd darba. Dikjarazzjoni magħmula qabel b'irċevuta oħra tibqa' valida u tista' tiġi rtirata biss bl-irċevuta tagħha stess.
selfservice-counted = Id-dikjarazzjoni ta' appoġġ tiegħek hija rreġistrata u qed tingħadd.
selfservice-withdrawn = Id-dikjarazzjoni ta' appoġġ tiegħek ġiet irtirata u mħassra. Ma għadhiex tingħadd.
selfservice-file-initiative = Inizjattiva
selfservice-file-howto = Biex tiċċekkja jew tirtira d-dikjarazzjoni tiegħek, iftaħ din il-paġna u daħħal l-identifikatur u l-kodiċi sigriet:
error-SLF-001 = Ebda dikjarazzjoni magħduda ma taqbel ma' dan l-identifikatur u dan il-kodiċi sigriet. Iċċekkja t-tnejn.
error-SLF-002 = Il-ġabra għalqet: id-dikjarazzjonijiet ma jistgħux jiġu rtirati aktar.
