# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Id-detenturi taċ-ċwievet tad-destinatarji
key-holders-intro = Id-dikjarazzjonijiet ta' appoġġ huma ssiġillati b'dawn iċ-ċwievet pubbliċi. Il-qerda ma tilħaqx in-nofsijiet privati tagħhom: kull detentur jeqred tiegħu, u int tirreġistra hawn il-konferma tiegħu.
key-holders-certificate = Ċertifikat tal-qerda
key-holders-no-certificate = Għadha ma ġiet irreġistrata l-ebda qerda.
key-holders-confirmed = Qerdiet ikkonfermati
key-holders-not-confirmed = Il-qerda taċ-ċavetta privata għadha mhijiex ikkonfermata.
key-holders-holder = Isem id-detentur li qered iċ-ċavetta privata
key-holders-confirm = Irreġistra l-konferma
key-holders-recorded = Irreġistrat: id-detentur qered iċ-ċavetta privata { $key }.
key-holders-role-organisers = Organizzaturi
key-holders-role-authority = Awtorità kompetenti: { $country }
key-holders-error-key-010 = Din iċ-ċavetta mhijiex ċavetta ta' destinatarju ta' din l-inizjattiva.
key-holders-error-key-011 = Huwa meħtieġ l-isem tad-detentur taċ-ċavetta (minn 1 sa 200 karattru).
