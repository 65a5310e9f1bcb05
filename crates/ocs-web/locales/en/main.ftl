# OpenOCS — English user interface (public site).
# Each message id is the same in every language; the test suite checks completeness and
# placeholders. Country names, dates and numbers come from CLDR (src/cldr.rs), not from here.

site-name = OpenOCS
site-tagline = Online collection of statements of support for citizens' initiatives
skip-to-content = Skip to main content
language-name = English
language-label = Language
language-nav = Choose a language
footer-text = OpenOCS, free software under the EUPL-1.2.

index-title = Citizens' initiatives collecting here
index-empty = No initiative is hosted on this site yet.
original-language-note = This text is shown in the original language of the initiative ({ $language }) because no translation into your language was provided.

initiative-registration-number = Commission registration number
initiative-registration-date = Date of registration
initiative-subject = Subject matter
initiative-objectives = Main objectives
initiative-organisers = Organisers
initiative-register = Page in the Commission register
initiative-website = Website of the initiative
initiative-period = Collection period
initiative-period-value = { $start } to { $end }
initiative-status = Status
status-draft = In preparation, not collecting yet
status-collecting = Collecting statements of support
status-paused = Collection paused
status-closed = Collection closed
role-representative = representative
role-substitute = substitute
role-member = member
privacy-heading = Privacy notice
privacy-organisers-heading = Notice from the organisers
privacy-statement-heading = Privacy statement
privacy-security = Your data are encrypted before they are stored; this website itself cannot read them.
privacy-controller-group = Controller: the group of organisers of this initiative, represented by { $representative }. Contact: { $contact }
privacy-controller-entity = Controller: { $entity }, the legal entity created by the group of organisers. Contact: { $contact }
privacy-dpo = Data protection officer: { $dpo }
privacy-no-dpo = The organisers have not named a data protection officer.
privacy-dpa-link = Data protection authorities of the member states (list of the European Data Protection Board)
privacy-withdrawal = You can withdraw your statement of support with the identifier and secret on your receipt until the collection period ends ({ $end }). If the organisers withdraw the initiative, the statements are destroyed within one month.
certificate-heading = Certificate of the online collection system
certificate-pending = The certificate issued by the competent national authority is published here before collection opens.

progress-heading = Support so far
progress-total = { $count } of { $threshold } statements of support
progress-states = { $reached ->
    [one] { $reached } of { $needed } member states has reached its minimum
   *[other] { $reached } of { $needed } member states have reached their minimum
}
progress-bar-label = Progress towards one million statements of support
progress-updated = Figures as of { $time }, counted from stored statements only.
progress-none = No statement of support has been counted yet.
progress-col-country = Member state
progress-col-count = Statements
progress-col-minimum = Minimum
progress-col-reached = Minimum reached
progress-yes = yes
progress-no = not yet

choose-heading = Support this initiative
choose-intro = The information you must give depends on your nationality. Citizens are counted in their member state of nationality, wherever they live.
choose-label = Your nationality
choose-placeholder = Choose your nationality
choose-submit = Continue

sign-for-nationality = Form for citizens of { $country }
sign-change-nationality = Change nationality
sign-part-a-intro = { $country } asks for your names, your address and your date of birth.
sign-part-b-intro = { $country } asks for your names and the number of one identity document.
sign-required-note = All fields marked required must be filled in.
sign-required = required
sign-optional = optional
sign-declaration-heading = Declaration
sign-consent = I support the citizens' initiative { $title } ({ $number }) and make the declaration above.
sign-confirm = I have checked the details marked above and they are correct as entered.
sign-confirm-hint = Some numbers do not follow the usual format. If yours is right, tick this box and send the form again.
sign-submit = Sign
sign-privacy-note = Your data are encrypted before they are stored and can only be read by the organisers offline and by the competent national authorities for verification.
sign-proof-working = Checking that you are a person. You can keep filling in the form.
sign-proof-done = Check complete. You can send the form.
sign-proof-failed = The automatic check did not work. You can still send the form; it will take a few seconds longer.
sign-noscript = Without JavaScript the form still works: take your time filling it in, then send it.
sign-choose-document = Choose a document
sign-choose-country = Choose a country
sign-date-hint = Format: YYYY-MM-DD, for example 1990-04-25

field-full-first-names = Full first names
field-family-names = Family names
field-street = Street
field-street-number = Street number
field-postal-code = Postal code
field-city = City
field-country = Country of residence
field-date-of-birth = Date of birth
field-id-type = Identity document
field-id-number = Document number
field-consent = Declaration
field-nationality = Nationality

doc-passport = Passport
doc-id-card = Identity card
doc-personal-number = Personal number
doc-personal-id = Personal identification number
doc-national-id-number = National identification number
doc-citizens-card = Citizen card
doc-residence-permit = Residence permit

error-summary-title = There is a problem with what you entered
error-title-prefix = Error
error-code-label = Error code
error-SIG-001 = This field is required.
error-SIG-002 = This field is not part of the form for your nationality.
error-SIG-003 = This value is too long.
error-SIG-004 = This value contains characters that are not allowed.
error-SIG-005 = This number does not have the usual format for this document. Check it, or confirm that it is correct.
error-SIG-006 = This number is not valid: its check digit does not match. Check it for typing errors.
error-SIG-007 = Enter a real date in the form YYYY-MM-DD.
error-SIG-008 = This date of birth is not possible.
error-SIG-009 = You must have reached the minimum age to support a citizens' initiative in your member state.
error-SIG-010 = Choose the nationality of an EU member state.
error-SIG-011 = This document type is not accepted for your nationality.
error-SIG-012 = Choose a country of residence from the list.
error-SIG-013 = You must accept the declaration to support the initiative.
error-SIG-014 = This postal code does not have the usual format. Check it, or confirm that it is correct.
error-SIG-015 = This number may not be valid. Check it, or confirm that it is correct.
error-SIG-016 = This number is not valid: the date of birth it contains does not exist. Check it for typing errors.
error-SIG-020 = The check that you are a person is missing. Send the form again.
error-SIG-021 = The check that you are a person has expired or was already used. Send the form again.
error-SIG-022 = The form was sent too quickly. Wait a few seconds and send it again.
error-SIG-030 = This initiative is not collecting statements of support at the moment.
error-SIG-031 = There is no initiative at this address.
error-SIG-040 = Many people are signing right now. Your details are kept: please send the form again in a few seconds.
error-SIG-041 = Too many statements were sent from your network. Please try again later.
error-REQ-001 = The request could not be read.
error-REQ-002 = The request is too large.
error-REQ-003 = The request has the wrong content type.
error-REQ-500 = Something went wrong on our side. Nothing was stored. Please try again.

receipt-title = Thank you for your support
receipt-recorded = Your statement of support has been received and stored in encrypted form.
receipt-once = Each person is counted once. If you had already supported this initiative, your earlier statement stands and this one was not counted again.
receipt-id = Statement identifier
receipt-time = Time of signing
receipt-keep = Keep this identifier. It is the reference of your statement.
receipt-back = Back to the initiative
receipt-count-now = The public count already includes your statement: this site publishes it at once.
receipt-count-batched = The public count will include your statement after its next publication. It is published at most once every { $minutes } min, when the number of new statements has reached { $batch }, or else at the end of the day, so that the count does not reveal who has signed.

error-page-title = Something went wrong
error-back-home = Go to the start page
error-request-id = Request identifier
not-found-title = Page not found
not-found-text = There is nothing at this address.
# Shown on every page of a site started with `ocs demo`.
demo-banner = Demonstration: statements are not sent to any authority.
initiative-storage-country = The statements of support are stored in: { $country }
