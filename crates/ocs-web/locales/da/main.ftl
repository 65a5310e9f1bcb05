# OpenOCS — dansk brugergrænseflade (offentligt websted).

site-name = OpenOCS
site-tagline = Onlineindsamling af støttetilkendegivelser til europæiske borgerinitiativer
skip-to-content = Gå til hovedindholdet
language-name = dansk
language-label = Sprog
language-nav = Vælg sprog
footer-text = OpenOCS, fri software under EUPL-1.2.

index-title = Borgerinitiativer, der indsamler støtte her
index-empty = Der er endnu ingen initiativer på dette websted.
original-language-note = Denne tekst vises på initiativets originalsprog ({ $language }), fordi der ikke er leveret en oversættelse til dit sprog.

initiative-registration-number = Kommissionens registreringsnummer
initiative-registration-date = Registreringsdato
initiative-subject = Emne
initiative-objectives = Hovedformål
initiative-organisers = Organisatorer
initiative-register = Side i Kommissionens register
initiative-website = Initiativets websted
initiative-period = Indsamlingsperiode
initiative-period-value = { $start } til { $end }
initiative-status = Status
status-draft = Under forberedelse, indsamlingen er ikke begyndt
status-collecting = Indsamler støttetilkendegivelser
status-paused = Indsamlingen er afbrudt
status-closed = Indsamlingen er afsluttet
role-representative = repræsentant
role-substitute = stedfortræder
role-member = medlem
privacy-heading = Databeskyttelse
privacy-organisers-heading = Meddelelse fra organisatorerne
privacy-statement-heading = Databeskyttelseserklæring
privacy-security = Dine oplysninger krypteres, før de gemmes; webstedet selv kan ikke læse dem.
privacy-controller-group = Dataansvarlig: organisatorgruppen bag dette initiativ, repræsenteret af { $representative }. Kontakt: { $contact }
privacy-controller-entity = Dataansvarlig: { $entity }, den juridiske enhed, som organisatorgruppen har oprettet. Kontakt: { $contact }
privacy-dpo = Databeskyttelsesrådgiver: { $dpo }
privacy-no-dpo = Organisatorerne har ikke udpeget en databeskyttelsesrådgiver.
privacy-dpa-link = Medlemsstaternes databeskyttelsesmyndigheder (Det Europæiske Databeskyttelsesråds liste)
privacy-withdrawal = Du kan trække din støttetilkendegivelse tilbage med id'et og koden fra din kvittering, indtil indsamlingsperioden slutter ({ $end }). Hvis organisatorerne trækker initiativet tilbage, destrueres tilkendegivelserne inden for en måned.
certificate-heading = Certifikat for onlineindsamlingssystemet
certificate-pending = Certifikatet fra den kompetente nationale myndighed offentliggøres her, før indsamlingen begynder.

progress-heading = Støtte indtil nu
progress-total = { $count } af { $threshold } støttetilkendegivelser
progress-states = { $reached ->
    [one] { $reached } af { $needed } medlemsstater har nået sit minimum
   *[other] { $reached } af { $needed } medlemsstater har nået deres minimum
}
progress-bar-label = Fremskridt mod en million støttetilkendegivelser
progress-updated = Tal pr. { $time }, kun optalt ud fra gemte støttetilkendegivelser.
progress-none = Der er endnu ikke talt nogen støttetilkendegivelser.
progress-col-country = Medlemsstat
progress-col-count = Tilkendegivelser
progress-col-minimum = Minimum
progress-col-reached = Minimum nået
progress-yes = ja
progress-no = endnu ikke

choose-heading = Støt dette initiativ
choose-intro = Hvilke oplysninger du skal give, afhænger af dit statsborgerskab. Borgere tælles med i den medlemsstat, hvor de er statsborgere, uanset hvor de bor.
choose-label = Dit statsborgerskab
choose-placeholder = Vælg dit statsborgerskab
choose-submit = Fortsæt

sign-for-nationality = Formular for statsborgere i { $country }
sign-change-nationality = Skift statsborgerskab
sign-part-a-intro = Påkrævede oplysninger ({ $country }): dine navne, din adresse og din fødselsdato.
sign-part-b-intro = Påkrævede oplysninger ({ $country }): dine navne og nummeret på et identitetsdokument.
sign-required-note = Alle felter, der er markeret som obligatoriske, skal udfyldes.
sign-required = obligatorisk
sign-optional = valgfrit
sign-declaration-heading = Erklæring
sign-consent = Jeg støtter borgerinitiativet { $title } ({ $number }) og afgiver ovenstående erklæring.
sign-confirm = Jeg har kontrolleret de oplysninger, der er markeret ovenfor, og de er korrekte, som de er indtastet.
sign-confirm-hint = Nogle numre følger ikke det sædvanlige format. Hvis dit er rigtigt, så sæt kryds her og send formularen igen.
sign-submit = Skriv under
sign-privacy-note = Dine oplysninger krypteres, før de gemmes, og kan kun læses offline af organisatorerne og af de kompetente nationale myndigheder med henblik på kontrol.
sign-proof-working = Vi kontrollerer, at du er et menneske. Du kan fortsætte med at udfylde formularen.
sign-proof-done = Kontrollen er færdig. Du kan sende formularen.
sign-proof-failed = Den automatiske kontrol virkede ikke. Du kan stadig sende formularen; det tager nogle sekunder længere.
sign-noscript = Formularen virker også uden JavaScript: udfyld den i ro og mag, og send den derefter.
sign-choose-document = Vælg et dokument
sign-choose-country = Vælg et land
sign-date-hint = Format: ÅÅÅÅ-MM-DD, for eksempel 1990-04-25

field-full-first-names = Alle fornavne
field-family-names = Efternavne
field-street = Gade
field-street-number = Husnummer
field-postal-code = Postnummer
field-city = By
field-country = Bopælsland
field-date-of-birth = Fødselsdato
field-id-type = Identitetsdokument
field-id-number = Dokumentnummer
field-consent = Erklæring
field-nationality = Statsborgerskab

doc-passport = Pas
doc-id-card = Identitetskort
doc-personal-number = Personnummer
doc-personal-id = Personligt identifikationsnummer
doc-national-id-number = Nationalt identifikationsnummer
doc-citizens-card = Borgerkort
doc-residence-permit = Opholdstilladelse

error-summary-title = Der er et problem med det, du har indtastet
error-title-prefix = Fejl
error-code-label = Fejlkode
error-SIG-001 = Feltet skal udfyldes.
error-SIG-002 = Feltet hører ikke til formularen for dit statsborgerskab.
error-SIG-003 = Værdien er for lang.
error-SIG-004 = Værdien indeholder tegn, der ikke er tilladt.
error-SIG-005 = Nummeret har ikke det sædvanlige format for dette dokument. Kontrollér det, eller bekræft, at det er korrekt.
error-SIG-006 = Nummeret er ugyldigt: kontrolcifferet passer ikke. Kontrollér det for tastefejl.
error-SIG-007 = Angiv en gyldig dato i formatet ÅÅÅÅ-MM-DD.
error-SIG-008 = Denne fødselsdato er ikke mulig.
error-SIG-009 = Du skal have nået den minimumsalder, der gælder i din medlemsstat for at støtte et borgerinitiativ.
error-SIG-010 = Vælg statsborgerskab i en EU-medlemsstat.
error-SIG-011 = Denne dokumenttype accepteres ikke for dit statsborgerskab.
error-SIG-012 = Vælg et bopælsland på listen.
error-SIG-013 = Du skal acceptere erklæringen for at støtte initiativet.
error-SIG-014 = Postnummeret har ikke det sædvanlige format. Kontrollér det, eller bekræft, at det er korrekt.
error-SIG-015 = Nummeret er muligvis ikke gyldigt. Kontrollér det, eller bekræft, at det er korrekt.
error-SIG-016 = Dette nummer er ikke gyldigt: den fødselsdato, det indeholder, findes ikke. Kontrollér det for tastefejl.
error-SIG-020 = Kontrollen af, at du er et menneske, mangler. Send formularen igen.
error-SIG-021 = Kontrollen af, at du er et menneske, er udløbet eller allerede brugt. Send formularen igen.
error-SIG-022 = Formularen blev sendt for hurtigt. Vent et par sekunder, og send den igen.
error-SIG-030 = Initiativet indsamler ikke støttetilkendegivelser i øjeblikket.
error-SIG-031 = Der er intet initiativ på denne adresse.
error-SIG-040 = Rigtig mange skriver under lige nu. Dine oplysninger er gemt: send formularen igen om et par sekunder.
error-SIG-041 = Der er sendt for mange støttetilkendegivelser fra dit netværk. Prøv igen senere.
error-REQ-001 = Forespørgslen kunne ikke læses.
error-REQ-002 = Forespørgslen er for stor.
error-REQ-003 = Forespørgslen har en forkert indholdstype.
error-REQ-500 = Der opstod en fejl hos os. Intet er gemt. Prøv igen.

receipt-title = Tak for din støtte
receipt-recorded = Din støttetilkendegivelse er modtaget og gemt i krypteret form.
receipt-once = Hver person tælles én gang. Hvis du allerede havde støttet initiativet, gælder din tidligere tilkendegivelse, og denne er ikke talt med igen.
receipt-id = Tilkendegivelsens id
receipt-time = Tidspunkt for underskriften
receipt-keep = Gem dette id. Det er referencen til din støttetilkendegivelse.
receipt-back = Tilbage til initiativet
receipt-count-now = Den offentlige optælling omfatter allerede din erklæring: dette websted offentliggør den straks.
receipt-count-batched = Den offentlige optælling vil omfatte din erklæring efter næste offentliggørelse. Den offentliggøres højst én gang hvert { $minutes } min, når antallet af nye erklæringer har nået { $batch }, ellers ved dagens slutning, så den ikke afslører, hvem der har skrevet under.

error-page-title = Noget gik galt
error-back-home = Gå til forsiden
error-request-id = Forespørgslens id
not-found-title = Siden blev ikke fundet
not-found-text = Der er intet på denne adresse.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Demonstration: støttetilkendegivelser sendes ikke til nogen myndighed.
initiative-storage-country = Støttetilkendegivelserne opbevares i: { $country }
