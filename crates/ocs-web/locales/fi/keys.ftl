# The console's page of the recipient key holders' confirmations (routes/console/key_holders.rs).
key-holders-title = Vastaanottaja-avainten haltijat
key-holders-intro = Tuenilmaisut on sinetöity näillä julkisilla avaimilla. Hävittäminen ei ulotu niiden yksityisiin puolikkaisiin: jokainen haltija hävittää omansa, ja sinä kirjaat tähän hänen vahvistuksensa.
key-holders-certificate = Hävittämistodistus
key-holders-no-certificate = Hävittämistä ei ole vielä kirjattu.
key-holders-confirmed = Vahvistetut hävittämiset
key-holders-not-confirmed = Yksityisen avaimen hävittämistä ei ole vielä vahvistettu.
key-holders-holder = Yksityisen avaimen hävittäneen haltijan nimi
key-holders-confirm = Kirjaa vahvistus
key-holders-recorded = Kirjattu: haltija hävitti yksityisen avaimen { $key }.
key-holders-role-organisers = Järjestäjät
key-holders-role-authority = Toimivaltainen viranomainen: { $country }
key-holders-error-key-010 = Tämä avain ei ole tämän aloitteen vastaanottaja-avain.
key-holders-error-key-011 = Avaimen haltijan nimi (1–200 merkkiä) vaaditaan.
