# OpenOCS — svenskt användargränssnitt (offentlig webbplats).

site-name = OpenOCS
site-tagline = Insamling online av stödförklaringar för europeiska medborgarinitiativ
skip-to-content = Hoppa till huvudinnehållet
language-name = svenska
language-label = Språk
language-nav = Välj språk
footer-text = OpenOCS, fri programvara under EUPL-1.2.

index-title = Medborgarinitiativ som samlar in stöd här
index-empty = Webbplatsen har ännu inga initiativ.
original-language-note = Den här texten visas på initiativets originalspråk ({ $language }) eftersom ingen översättning till ditt språk har lämnats.

initiative-registration-number = Kommissionens registreringsnummer
initiative-registration-date = Registreringsdatum
initiative-subject = Ämne
initiative-objectives = Huvudsakliga mål
initiative-organisers = Organisatörer
initiative-register = Sida i kommissionens register
initiative-website = Initiativets webbplats
initiative-period = Insamlingsperiod
initiative-period-value = { $start } till { $end }
initiative-status = Status
status-draft = Under förberedelse, insamlingen har inte börjat
status-collecting = Stödförklaringar samlas in
status-paused = Insamlingen är tillfälligt avbruten
status-closed = Insamlingen är avslutad
role-representative = företrädare
role-substitute = ersättare
role-member = medlem
privacy-heading = Dataskydd
privacy-organisers-heading = Meddelande från organisatörerna
privacy-statement-heading = Integritetsmeddelande
privacy-security = Dina uppgifter krypteras innan de lagras; webbplatsen själv kan inte läsa dem.
privacy-controller-group = Personuppgiftsansvarig: organisatörsgruppen för detta initiativ, företrädd av { $representative }. Kontakt: { $contact }
privacy-controller-entity = Personuppgiftsansvarig: { $entity }, den juridiska person som organisatörsgruppen har bildat. Kontakt: { $contact }
privacy-dpo = Dataskyddsombud: { $dpo }
privacy-no-dpo = Organisatörerna har inte utsett något dataskyddsombud.
privacy-dpa-link = Medlemsstaternas dataskyddsmyndigheter (Europeiska dataskyddsstyrelsens förteckning)
privacy-withdrawal = Du kan återkalla din stödförklaring med id-numret och den hemliga koden på ditt kvitto fram till insamlingsperiodens slut ({ $end }). Om organisatörerna drar tillbaka initiativet förstörs förklaringarna inom en månad.
certificate-heading = Intyg för systemet för insamling online
certificate-pending = Intyget från den behöriga nationella myndigheten publiceras här innan insamlingen börjar.

progress-heading = Stöd hittills
progress-total = { $count } av { $threshold } stödförklaringar
progress-states = { $reached ->
    [one] { $reached } av { $needed } medlemsstater har nått sitt minimiantal
   *[other] { $reached } av { $needed } medlemsstater har nått sitt minimiantal
}
progress-bar-label = Framsteg mot en miljon stödförklaringar
progress-updated = Siffror per { $time }, räknade enbart på lagrade stödförklaringar.
progress-none = Ingen stödförklaring har räknats ännu.
progress-col-country = Medlemsstat
progress-col-count = Stödförklaringar
progress-col-minimum = Minimiantal
progress-col-reached = Minimiantal uppnått
progress-yes = ja
progress-no = ännu inte

choose-heading = Stöd detta initiativ
choose-intro = Vilka uppgifter du ska lämna beror på ditt medborgarskap. Medborgare räknas i den medlemsstat där de är medborgare, oavsett var de bor.
choose-label = Ditt medborgarskap
choose-placeholder = Välj medborgarskap
choose-submit = Fortsätt

sign-for-nationality = Formulär för medborgare i { $country }
sign-change-nationality = Byt medborgarskap
sign-part-a-intro = Uppgifter som krävs ({ $country }): dina namn, din adress och ditt födelsedatum.
sign-part-b-intro = Uppgifter som krävs ({ $country }): dina namn och numret på en identitetshandling.
sign-required-note = Alla fält som är markerade som obligatoriska måste fyllas i.
sign-required = obligatoriskt
sign-optional = frivilligt
sign-declaration-heading = Försäkran
sign-consent = Jag stöder medborgarinitiativet { $title } ({ $number }) och gör försäkran ovan.
sign-confirm = Jag har kontrollerat de uppgifter som markerats ovan och de är korrekta så som de är ifyllda.
sign-confirm-hint = Vissa nummer följer inte det vanliga formatet. Om ditt är rätt, kryssa i rutan och skicka formuläret igen.
sign-submit = Skriv under
sign-privacy-note = Dina uppgifter krypteras innan de lagras och kan bara läsas offline av organisatörerna och av de behöriga nationella myndigheterna för kontroll.
sign-proof-working = Vi kontrollerar att du är en människa. Du kan fortsätta fylla i formuläret.
sign-proof-done = Kontrollen är klar. Du kan skicka formuläret.
sign-proof-failed = Den automatiska kontrollen fungerade inte. Du kan ändå skicka formuläret; det tar några sekunder längre.
sign-noscript = Formuläret fungerar även utan JavaScript: fyll i det i lugn och ro och skicka det sedan.
sign-choose-document = Välj en handling
sign-choose-country = Välj ett land
sign-date-hint = Format: ÅÅÅÅ-MM-DD, till exempel 1990-04-25

field-full-first-names = Samtliga förnamn
field-family-names = Efternamn
field-street = Gata
field-street-number = Gatunummer
field-postal-code = Postnummer
field-city = Ort
field-country = Bosättningsland
field-date-of-birth = Födelsedatum
field-id-type = Identitetshandling
field-id-number = Handlingens nummer
field-consent = Försäkran
field-nationality = Medborgarskap

doc-passport = Pass
doc-id-card = Identitetskort
doc-personal-number = Personnummer
doc-personal-id = Personligt identifikationsnummer
doc-national-id-number = Nationellt identifikationsnummer
doc-citizens-card = Medborgarkort
doc-residence-permit = Uppehållstillstånd

error-summary-title = Det finns ett problem med det du har fyllt i
error-title-prefix = Fel
error-code-label = Felkod
error-SIG-001 = Fältet är obligatoriskt.
error-SIG-002 = Fältet ingår inte i formuläret för ditt medborgarskap.
error-SIG-003 = Värdet är för långt.
error-SIG-004 = Värdet innehåller otillåtna tecken.
error-SIG-005 = Numret har inte det vanliga formatet för den här handlingen. Kontrollera det eller bekräfta att det är rätt.
error-SIG-006 = Numret är ogiltigt: kontrollsiffran stämmer inte. Kontrollera om du har skrivit fel.
error-SIG-007 = Ange ett verkligt datum i formatet ÅÅÅÅ-MM-DD.
error-SIG-008 = Födelsedatumet är inte möjligt.
error-SIG-009 = Du måste ha uppnått den lägsta ålder som gäller i din medlemsstat för att stödja ett medborgarinitiativ.
error-SIG-010 = Välj medborgarskap i en av EU:s medlemsstater.
error-SIG-011 = Den här typen av handling godtas inte för ditt medborgarskap.
error-SIG-012 = Välj ett bosättningsland i listan.
error-SIG-013 = Du måste godta försäkran för att stödja initiativet.
error-SIG-014 = Postnumret har inte det vanliga formatet. Kontrollera det eller bekräfta att det är rätt.
error-SIG-015 = Numret är kanske inte giltigt. Kontrollera det eller bekräfta att det är rätt.
error-SIG-016 = Numret är inte giltigt: födelsedatumet i det finns inte. Kontrollera att det inte innehåller skrivfel.
error-SIG-020 = Kontrollen av att du är en människa saknas. Skicka formuläret igen.
error-SIG-021 = Kontrollen av att du är en människa har gått ut eller redan använts. Skicka formuläret igen.
error-SIG-022 = Formuläret skickades för snabbt. Vänta några sekunder och skicka det igen.
error-SIG-030 = Initiativet samlar inte in stödförklaringar just nu.
error-SIG-031 = Det finns inget initiativ på den här adressen.
error-SIG-040 = Väldigt många skriver under just nu. Dina uppgifter finns kvar: skicka formuläret igen om några sekunder.
error-SIG-041 = För många stödförklaringar har skickats från ditt nätverk. Försök igen senare.
error-REQ-001 = Begäran kunde inte läsas.
error-REQ-002 = Begäran är för stor.
error-REQ-003 = Begäran har fel innehållstyp.
error-REQ-500 = Något gick fel hos oss. Inget har sparats. Försök igen.

receipt-title = Tack för ditt stöd
receipt-recorded = Din stödförklaring har tagits emot och lagrats i krypterad form.
receipt-once = Varje person räknas en gång. Om du redan hade stött initiativet gäller din tidigare stödförklaring och den här räknades inte en gång till.
receipt-id = Stödförklaringens id
receipt-time = Tidpunkt för underskriften
receipt-keep = Spara detta id. Det är referensen till din stödförklaring.
receipt-back = Tillbaka till initiativet
receipt-count-now = Den offentliga räkningen omfattar redan din försäkran: webbplatsen publicerar den direkt.
receipt-count-batched = Den offentliga räkningen kommer att omfatta din försäkran efter nästa publicering. Den publiceras högst en gång var { $minutes }:e min, när antalet nya försäkringar har nått { $batch }, annars vid dagens slut, så att den inte avslöjar vem som har skrivit under.

error-page-title = Något gick fel
error-back-home = Till startsidan
error-request-id = Begärans id
not-found-title = Sidan hittades inte
not-found-text = Det finns ingenting på den här adressen.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Demonstration: stödförklaringar skickas inte till någon myndighet.
initiative-storage-country = Stödförklaringarna lagras i: { $country }
