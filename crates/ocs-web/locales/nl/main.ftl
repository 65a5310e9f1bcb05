# OpenOCS — Nederlandstalige gebruikersinterface (openbare site).

site-name = OpenOCS
site-tagline = Online verzameling van steunbetuigingen voor Europese burgerinitiatieven
skip-to-content = Naar de hoofdinhoud
language-name = Nederlands
language-label = Taal
language-nav = Kies een taal
footer-text = OpenOCS, vrije software onder de EUPL-1.2.

index-title = Burgerinitiatieven die hier steunbetuigingen verzamelen
index-empty = Op deze site staat nog geen initiatief.
original-language-note = Deze tekst wordt getoond in de oorspronkelijke taal van het initiatief ({ $language }), omdat er geen vertaling in uw taal is verstrekt.

initiative-registration-number = Registratienummer van de Commissie
initiative-registration-date = Datum van registratie
initiative-subject = Onderwerp
initiative-objectives = Belangrijkste doelstellingen
initiative-organisers = Organisatoren
initiative-register = Pagina in het register van de Commissie
initiative-website = Website van het initiatief
initiative-period = Verzamelperiode
initiative-period-value = { $start } tot en met { $end }
initiative-status = Stand van zaken
status-draft = In voorbereiding, nog geen verzameling
status-collecting = Steunbetuigingen worden verzameld
status-paused = Verzameling onderbroken
status-closed = Verzameling afgesloten
role-representative = vertegenwoordiger
role-substitute = plaatsvervanger
role-member = lid
privacy-heading = Privacy
privacy-organisers-heading = Mededeling van de organisatoren
privacy-statement-heading = Privacyverklaring
privacy-security = Uw gegevens worden versleuteld voordat ze worden opgeslagen; deze website zelf kan ze niet lezen.
privacy-controller-group = Verwerkingsverantwoordelijke: de organisatorengroep van dit initiatief, vertegenwoordigd door { $representative }. Contact: { $contact }
privacy-controller-entity = Verwerkingsverantwoordelijke: { $entity }, de door de organisatorengroep opgerichte rechtspersoon. Contact: { $contact }
privacy-dpo = Functionaris voor gegevensbescherming: { $dpo }
privacy-no-dpo = De organisatoren hebben geen functionaris voor gegevensbescherming aangewezen.
privacy-dpa-link = Gegevensbeschermingsautoriteiten van de lidstaten (lijst van het Europees Comité voor gegevensbescherming)
privacy-withdrawal = U kunt uw steunbetuiging met de code en de geheime sleutel op uw ontvangstbewijs intrekken tot het einde van de verzamelperiode ({ $end }). Als de organisatoren het initiatief intrekken, worden de steunbetuigingen binnen een maand vernietigd.
certificate-heading = Certificaat van het onlineverzamelsysteem
certificate-pending = Het certificaat van de bevoegde nationale autoriteit wordt hier gepubliceerd voordat de verzameling begint.

progress-heading = Steun tot nu toe
progress-total = { $count } van de { $threshold } steunbetuigingen
progress-states = { $reached ->
    [one] { $reached } van de { $needed } lidstaten heeft het minimum bereikt
   *[other] { $reached } van de { $needed } lidstaten hebben het minimum bereikt
}
progress-bar-label = Voortgang naar een miljoen steunbetuigingen
progress-updated = Cijfers van { $time }, alleen geteld op basis van opgeslagen steunbetuigingen.
progress-none = Er is nog geen steunbetuiging geteld.
progress-col-country = Lidstaat
progress-col-count = Steunbetuigingen
progress-col-minimum = Minimum
progress-col-reached = Minimum bereikt
progress-yes = ja
progress-no = nog niet

choose-heading = Dit initiatief steunen
choose-intro = Welke gegevens u moet invullen, hangt af van uw nationaliteit. Burgers worden geteld in de lidstaat van hun nationaliteit, waar zij ook wonen.
choose-label = Uw nationaliteit
choose-placeholder = Kies uw nationaliteit
choose-submit = Verder

sign-for-nationality = Formulier voor onderdanen van { $country }
sign-change-nationality = Nationaliteit wijzigen
sign-part-a-intro = Gevraagde gegevens ({ $country }): uw namen, uw adres en uw geboortedatum.
sign-part-b-intro = Gevraagde gegevens ({ $country }): uw namen en het nummer van één identiteitsdocument.
sign-required-note = Alle velden die als verplicht zijn gemarkeerd, moeten worden ingevuld.
sign-required = verplicht
sign-optional = facultatief
sign-declaration-heading = Verklaring
sign-consent = Ik steun het burgerinitiatief { $title } ({ $number }) en leg de bovenstaande verklaring af.
sign-confirm = Ik heb de hierboven gemarkeerde gegevens gecontroleerd en ze zijn juist zoals ingevuld.
sign-confirm-hint = Sommige nummers hebben niet het gebruikelijke formaat. Als het uwe juist is, vink dit vakje aan en verstuur het formulier opnieuw.
sign-submit = Ondertekenen
sign-privacy-note = Uw gegevens worden versleuteld voordat ze worden opgeslagen en kunnen alleen offline worden gelezen door de organisatoren en door de bevoegde nationale autoriteiten voor verificatie.
sign-proof-working = We controleren of u een mens bent. U kunt het formulier verder invullen.
sign-proof-done = Controle voltooid. U kunt het formulier versturen.
sign-proof-failed = De automatische controle is niet gelukt. U kunt het formulier toch versturen; het duurt dan enkele seconden langer.
sign-noscript = Het formulier werkt ook zonder JavaScript: vul het rustig in en verstuur het daarna.
sign-choose-document = Kies een document
sign-choose-country = Kies een land
sign-date-hint = Formaat: JJJJ-MM-DD, bijvoorbeeld 1990-04-25

field-full-first-names = Volledige voornamen
field-family-names = Achternamen
field-street = Straat
field-street-number = Huisnummer
field-postal-code = Postcode
field-city = Woonplaats
field-country = Land van verblijf
field-date-of-birth = Geboortedatum
field-id-type = Identiteitsdocument
field-id-number = Documentnummer
field-consent = Verklaring
field-nationality = Nationaliteit

doc-passport = Paspoort
doc-id-card = Identiteitskaart
doc-personal-number = Persoonlijk nummer
doc-personal-id = Persoonlijk identificatienummer
doc-national-id-number = Nationaal identificatienummer
doc-citizens-card = Burgerkaart
doc-residence-permit = Verblijfsvergunning

error-summary-title = Er is een probleem met wat u hebt ingevuld
error-title-prefix = Fout
error-code-label = Foutcode
error-SIG-001 = Dit veld is verplicht.
error-SIG-002 = Dit veld hoort niet bij het formulier voor uw nationaliteit.
error-SIG-003 = Deze waarde is te lang.
error-SIG-004 = Deze waarde bevat tekens die niet zijn toegestaan.
error-SIG-005 = Dit nummer heeft niet het gebruikelijke formaat voor dit document. Controleer het of bevestig dat het juist is.
error-SIG-006 = Dit nummer is ongeldig: het controlecijfer klopt niet. Controleer het op typefouten.
error-SIG-007 = Vul een bestaande datum in als JJJJ-MM-DD.
error-SIG-008 = Deze geboortedatum is niet mogelijk.
error-SIG-009 = U moet de minimumleeftijd hebben bereikt die in uw lidstaat geldt voor het steunen van een burgerinitiatief.
error-SIG-010 = Kies de nationaliteit van een EU-lidstaat.
error-SIG-011 = Dit soort document wordt voor uw nationaliteit niet aanvaard.
error-SIG-012 = Kies een land van verblijf uit de lijst.
error-SIG-013 = U moet de verklaring aanvaarden om het initiatief te steunen.
error-SIG-014 = Deze postcode heeft niet het gebruikelijke formaat. Controleer hem of bevestig dat hij juist is.
error-SIG-015 = Dit nummer is mogelijk ongeldig. Controleer het of bevestig dat het juist is.
error-SIG-016 = Dit nummer is niet geldig: de geboortedatum die erin staat, bestaat niet. Controleer het op typefouten.
error-SIG-020 = De controle of u een mens bent ontbreekt. Verstuur het formulier opnieuw.
error-SIG-021 = De controle of u een mens bent is verlopen of al gebruikt. Verstuur het formulier opnieuw.
error-SIG-022 = Het formulier is te snel verstuurd. Wacht enkele seconden en verstuur het opnieuw.
error-SIG-030 = Dit initiatief verzamelt op dit moment geen steunbetuigingen.
error-SIG-031 = Op dit adres is geen initiatief.
error-SIG-040 = Er ondertekenen nu heel veel mensen. Uw gegevens zijn bewaard: verstuur het formulier over enkele seconden opnieuw.
error-SIG-041 = Vanuit uw netwerk zijn te veel steunbetuigingen verstuurd. Probeer het later opnieuw.
error-REQ-001 = Het verzoek kon niet worden gelezen.
error-REQ-002 = Het verzoek is te groot.
error-REQ-003 = Het verzoek heeft een verkeerd inhoudstype.
error-REQ-500 = Er is bij ons iets misgegaan. Er is niets opgeslagen. Probeer het opnieuw.

receipt-title = Bedankt voor uw steun
receipt-recorded = Uw steunbetuiging is ontvangen en versleuteld opgeslagen.
receipt-once = Iedereen wordt één keer geteld. Als u dit initiatief al had gesteund, blijft uw eerdere steunbetuiging gelden en is deze niet nog eens geteld.
receipt-id = Kenmerk van de steunbetuiging
receipt-time = Tijdstip van ondertekening
receipt-keep = Bewaar dit kenmerk. Het is de referentie van uw steunbetuiging.
receipt-back = Terug naar het initiatief
receipt-count-now = De openbare telling bevat uw verklaring al: deze website publiceert haar onmiddellijk.
receipt-count-batched = De openbare telling bevat uw verklaring na de volgende publicatie. Zij wordt ten hoogste eens per { $minutes } min gepubliceerd, wanneer het aantal nieuwe verklaringen { $batch } heeft bereikt, of anders aan het einde van de dag, zodat zij niet verraadt wie heeft getekend.

error-page-title = Er is iets misgegaan
error-back-home = Naar de startpagina
error-request-id = Kenmerk van het verzoek
not-found-title = Pagina niet gevonden
not-found-text = Op dit adres staat niets.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Demonstratie: steunbetuigingen worden naar geen enkele autoriteit gestuurd.
initiative-storage-country = De steunbetuigingen worden opgeslagen in: { $country }
