# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Sealbhóirí na n-eochracha faighteoirí
key-holders-intro = Tá na ráitis tacaíochta séalaithe leis na heochracha poiblí seo. Ní shroicheann an scriosadh a leatha príobháideacha: scriosann gach sealbhóir a leath féin, agus taifeadann tusa a dheimhniú anseo.
key-holders-certificate = Deimhniú scriosta
key-holders-no-certificate = Níl aon scriosadh taifeadta fós.
key-holders-confirmed = Scriosanna deimhnithe
key-holders-not-confirmed = Níl scriosadh na heochrach príobháidí deimhnithe fós.
key-holders-holder = Ainm an tsealbhóra a scrios an eochair phríobháideach
key-holders-confirm = Taifead an deimhniú
key-holders-recorded = Taifeadta: scrios an sealbhóir an eochair phríobháideach { $key }.
key-holders-role-organisers = Eagraithe
key-holders-role-authority = Údarás inniúil: { $country }
key-holders-error-key-010 = Ní eochair faighteora de chuid an tionscnaimh seo í an eochair seo.
key-holders-error-key-011 = Tá ainm shealbhóir na heochrach (1 go 200 carachtar) riachtanach.
