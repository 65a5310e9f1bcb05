//! The JSON API under `/api/v1` (documented in `docs/API.md` and `docs/openapi.yaml`).

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ocs_domain::rules::{AnnexPart, FieldKind, FormField};
use ocs_domain::{CountryCode, ErrorCode, RawStatement, Slug};
use ocs_service::catalog::CatalogEntry;
use ocs_service::{HumanProof, SignError};
use serde::{Deserialize, Serialize};

use crate::client::ClientAddr;
use crate::error::WebError;
use crate::extract::{Nationality, PublicInitiative};
use crate::i18n::{Lang, Tr};
use crate::read_cache::{Key, Page, ReadCache};
use crate::routes::mail::MailInput;
use crate::state::WebState;

#[derive(Serialize)]
struct InitiativeSummary<'a> {
    slug: &'a str,
    registration_number: &'a str,
    title: &'a str,
    status: ocs_domain::InitiativeStatus,
    collecting: bool,
    url: String,
}

/// What the API says of a draft: that it exists and does not collect, under which rules
/// and where its data would be stored; nothing of its texts, people or keys (issue 19,
/// finding 16: a draft is not public).
#[derive(Serialize)]
struct DraftDetail<'a> {
    slug: &'a str,
    status: ocs_domain::InitiativeStatus,
    collecting: bool,
    regime: ocs_domain::Regime,
    storage_country: CountryCode,
    collection: CollectionWindow,
    certificate: Option<CertificateSummary>,
}

#[derive(Serialize)]
struct InitiativeDetail<'a> {
    #[serde(flatten)]
    summary: InitiativeSummary<'a>,
    registration_date: String,
    subject: &'a str,
    objectives: &'a str,
    organisers: &'a [ocs_domain::Organiser],
    register_url: &'a str,
    website: Option<&'a str>,
    privacy_notice: &'a str,
    collection_start: jiff::Timestamp,
    collection_end: jiff::Timestamp,
    minimums: BTreeMap<CountryCode, u64>,
    recipient_keys: Vec<String>,
    regime: ocs_domain::Regime,
    storage_country: CountryCode,
    collection: CollectionWindow,
    certificate: Option<CertificateSummary>,
    /// The public tally log's origin and verifier key (ADR 0007), when kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<super::log::LogIdentity>,
}

/// The collection period: first instant and first instant after.
#[derive(Serialize)]
struct CollectionWindow {
    start: jiff::Timestamp,
    end: jiff::Timestamp,
}

/// The competent authority's certificate, once published (Art. 11(3)).
#[derive(Serialize)]
struct CertificateSummary {
    authority: String,
    date: String,
    url: String,
}

fn summary<'a>(web: &WebState, entry: &'a CatalogEntry) -> InitiativeSummary<'a> {
    let initiative = &entry.initiative;
    InitiativeSummary {
        slug: initiative.slug.as_str(),
        registration_number: &initiative.registration_number,
        title: &initiative.title,
        status: web
            .signing()
            .lifecycle()
            .public_status(initiative, web.signing().now()),
        collecting: web
            .signing()
            .lifecycle()
            .statement_mode(initiative, web.signing().now())
            .is_ok(),
        url: format!("/initiatives/{}", initiative.slug),
    }
}

/// `GET /api/v1/initiatives`.
pub async fn list_initiatives(State(web): State<WebState>) -> Response {
    let initiatives = web.signing().listed_initiatives();
    let list: Vec<_> = initiatives
        .iter()
        .map(|entry| summary(&web, entry))
        .collect();
    Json(list).into_response()
}

impl<'a> InitiativeDetail<'a> {
    /// The public description of `entry`.
    fn of(web: &WebState, entry: &'a CatalogEntry) -> Self {
        let initiative = &entry.initiative;
        Self {
            summary: summary(web, entry),
            registration_date: initiative.registration_date.to_string(),
            subject: &initiative.subject,
            objectives: &initiative.objectives,
            organisers: &initiative.organisers,
            register_url: &initiative.register_url,
            website: initiative.website.as_deref(),
            privacy_notice: &initiative.privacy_notice,
            collection_start: initiative.period.start(),
            collection_end: initiative.period.end(),
            minimums: entry.minimums.clone(),
            recipient_keys: entry
                .recipients
                .iter()
                .map(ocs_crypto::RecipientPublicKey::to_text)
                .collect(),
            regime: initiative.regime,
            storage_country: initiative.storage_country,
            collection: CollectionWindow {
                start: initiative.period.start(),
                end: initiative.period.end(),
            },
            certificate: certificate_summary(web, initiative),
            log: super::log::log_identity(web, &initiative.slug),
        }
    }
}

/// The initiative's collection certificate, when it has one and it may be shown.
fn certificate_summary(
    web: &WebState,
    initiative: &ocs_domain::Initiative,
) -> Option<CertificateSummary> {
    web.signing()
        .lifecycle()
        .public_certificate(initiative.id)
        .map(|certificate| CertificateSummary {
            authority: certificate.authority,
            date: certificate.issued_on.to_string(),
            url: format!("/initiatives/{}/certificate.pdf", initiative.slug),
        })
}

/// `GET /api/v1/initiatives/{slug}`.
pub async fn show_initiative(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    entry: Option<PublicInitiative>,
) -> Result<Response, WebError> {
    let Some(PublicInitiative(entry)) = entry else {
        return draft_detail(&web, &slug)
            .ok_or_else(|| WebError::new(ErrorCode::InitiativeNotFound));
    };
    Ok(Json(InitiativeDetail::of(&web, &entry)).into_response())
}

/// The answer for a draft (not public): see [`DraftDetail`]; `None` when there is no such
/// initiative at all.
fn draft_detail(web: &WebState, slug: &str) -> Option<Response> {
    let slug = Slug::parse(slug).ok()?;
    let entry = web.signing().catalog().by_slug(&slug)?;
    let initiative = &entry.initiative;
    let detail = DraftDetail {
        slug: initiative.slug.as_str(),
        status: ocs_domain::InitiativeStatus::Draft,
        collecting: false,
        regime: initiative.regime,
        storage_country: initiative.storage_country,
        collection: CollectionWindow {
            start: initiative.period.start(),
            end: initiative.period.end(),
        },
        certificate: None,
    };
    Some(Json(detail).into_response())
}

#[derive(Serialize)]
struct FormDescription {
    nationality: CountryCode,
    annex_part: &'static str,
    min_age: u8,
    fields: Vec<FieldDescription>,
    register: RegisterData,
    declaration: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    residence_note: Option<String>,
}

/// The register data every form shows (Annex III header; IR 2019/1799 Annex 2(b)–(c)), in
/// the reader's language where the organisers gave a translation (`language` says which).
#[derive(Serialize)]
struct RegisterData {
    registration_number: String,
    registration_date: String,
    register_url: String,
    language: String,
    title: String,
    subject: String,
    objectives: String,
    organisers: Vec<String>,
    contacts: Vec<Contact>,
    collection: CollectionWindow,
}

#[derive(Serialize)]
struct Contact {
    name: String,
    email: Option<String>,
}

fn register_data(initiative: &ocs_domain::Initiative, lang: &str) -> RegisterData {
    let text = initiative.text_in(lang);
    RegisterData {
        registration_number: initiative.registration_number.clone(),
        registration_date: initiative.registration_date.to_string(),
        register_url: initiative.register_url.clone(),
        language: text.language.to_owned(),
        title: text.title.to_owned(),
        subject: text.subject.to_owned(),
        objectives: text.objectives.to_owned(),
        organisers: initiative
            .organisers
            .iter()
            .map(|o| o.name.clone())
            .collect(),
        contacts: initiative
            .organisers
            .iter()
            .filter(|o| o.role != ocs_domain::initiative::OrganiserRole::Member)
            .map(|o| Contact {
                name: o.name.clone(),
                email: o.email.clone(),
            })
            .collect(),
        collection: CollectionWindow {
            start: initiative.period.start(),
            end: initiative.period.end(),
        },
    }
}

#[derive(Serialize)]
struct FieldDescription {
    name: &'static str,
    required: bool,
    kind: &'static str,
    max_length: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    allowed_values: Vec<AllowedValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<String>,
}

#[derive(Serialize)]
struct AllowedValue {
    value: String,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<String>,
}

impl FieldDescription {
    /// The description of one form field, its choices labelled in the request's language.
    fn of(tr: &Tr<'_>, field: &FormField) -> Self {
        Self {
            name: field.key.as_str(),
            required: field.required,
            kind: match field.kind {
                FieldKind::Text => "text",
                FieldKind::Date => "date",
                FieldKind::CountryOfResidence => "country",
                FieldKind::DocumentType => "document_type",
                FieldKind::DocumentNumber => "document_number",
            },
            max_length: field.max_length,
            allowed_values: field
                .choices
                .iter()
                .map(|choice| AllowedValue {
                    value: choice.key.to_string(),
                    label: tr.t(&format!("doc-{}", choice.key.replace('.', "-"))),
                    pattern: choice.pattern.clone(),
                    check: choice.check.map(ToString::to_string),
                })
                .collect(),
            pattern: field.pattern.clone(),
        }
    }
}

/// `GET /api/v1/initiatives/{slug}/forms/{nationality}`: the fields that nationality gives.
pub async fn show_form(
    State(web): State<WebState>,
    PublicInitiative(entry): PublicInitiative,
    Nationality(country): Nationality,
    lang: Lang,
) -> Result<Response, WebError> {
    let tr = Tr::new(web.i18n(), lang);
    let rules = web.signing().rules(country);
    let today = web.signing().now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let fields = rules
        .form_fields()
        .into_iter()
        .map(|field| FieldDescription::of(&tr, &field))
        .collect();
    Ok(Json(FormDescription {
        nationality: country,
        annex_part: match rules.annex_part {
            AnnexPart::A => "A",
            AnnexPart::B => "B",
        },
        min_age: rules.min_age_on(today),
        fields,
        register: register_data(&entry.initiative, tr.lang),
        declaration: crate::official::texts(tr.lang)
            .map(|texts| texts.declaration.clone())
            .unwrap_or_default(),
        residence_note: crate::official::texts(tr.lang)
            .and_then(|texts| texts.residence_note(country))
            .map(str::to_owned),
    })
    .into_response())
}

/// The body of `POST …/statements`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementBody {
    nationality: String,
    fields: BTreeMap<String, String>,
    #[serde(default)]
    consent: bool,
    #[serde(default)]
    confirmed: bool,
    #[serde(default)]
    altcha: Option<String>,
    /// Optional e-mail updates: the box, and the address used only when it is true.
    #[serde(default)]
    mail_updates: bool,
    #[serde(default)]
    mail_address: Option<String>,
}

#[derive(Serialize)]
struct Created {
    statement_id: String,
    /// Shown once: with the identifier, it checks or withdraws the statement.
    receipt_secret: String,
    submitted_at: jiff::Timestamp,
    receipt_url: String,
}

/// `POST /api/v1/initiatives/{slug}/statements`.
pub async fn submit_statement(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    lang: Lang,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, WebError> {
    let tr = Tr::new(web.i18n(), lang);
    let slug = Slug::parse(&slug).map_err(|_| WebError::new(ErrorCode::InitiativeNotFound))?;
    let body = parse_json_body(&headers, body)?;
    let mail_input = MailInput {
        ticked: body.mail_updates && web.mail().is_some(),
        address: body.mail_address.unwrap_or_default(),
    };
    // A bad address is refused before anything is stored.
    let address = mail_input
        .parse()
        .map_err(|errors| WebError::from_sign(&SignError::Invalid(errors)))?;
    let raw = RawStatement {
        nationality: body.nationality,
        fields: body.fields,
        confirmed: body.confirmed,
    };
    let proof = HumanProof {
        altcha: body.altcha,
        form_token: None,
        client,
        language: Some(tr.lang),
    };
    let receipt = web
        .signing()
        .sign(&slug, &raw, body.consent, &proof)
        .await
        .map_err(|error| WebError::from_sign(&error))?;
    after_signing(&web, &tr, &slug, &raw.nationality, client, address);
    Ok(created_response(&web, &slug, &receipt))
}

/// After a stored statement: the burst monitor counts it, and the mail confirmation the
/// signer asked for is queued.
fn after_signing(
    web: &WebState,
    tr: &Tr<'_>,
    slug: &Slug,
    nationality: &str,
    client: std::net::IpAddr,
    address: Option<ocs_domain::EmailAddress>,
) {
    if let Ok(country) = ocs_domain::CountryCode::parse(nationality) {
        web.bursts().record(country, client, web.signing().now());
    }
    if let Some(entry) = web.signing().initiative(slug) {
        crate::routes::mail::queue_after_signing(web, tr, &entry.initiative, address);
    }
}

/// `201 Created` with the receipt, `Location` of the self-service page and the receipt
/// cookie.
fn created_response(web: &WebState, slug: &Slug, receipt: &ocs_service::Receipt) -> Response {
    // The self-service page, where identifier and secret are typed into a POST form: no
    // URL the server emits carries the receipt secret or its token (issue 20, item 4).
    let receipt_url = format!("/initiatives/{slug}/my-statement");
    let created = Created {
        statement_id: receipt.statement_id.to_string(),
        receipt_secret: receipt.secret.to_string(),
        submitted_at: receipt.submitted_at,
        receipt_url: receipt_url.clone(),
    };
    let mut response = (
        StatusCode::CREATED,
        [(header::LOCATION, receipt_url)],
        Json(created),
    )
        .into_response();
    // A browser front-end on the API can then show `/initiatives/{slug}/receipt`.
    crate::receipt_cookie::set(web, &mut response, &receipt.token);
    response
}

fn parse_json_body(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatementBody, WebError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(WebError::new(ErrorCode::UnsupportedMediaType));
    }
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::new(ErrorCode::TooLarge)
        } else {
            WebError::new(ErrorCode::MalformedBody)
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|_| WebError::new(ErrorCode::MalformedBody))
}

#[derive(Serialize)]
struct Counters {
    total: u64,
    by_country: BTreeMap<CountryCode, u64>,
    countries_at_minimum: usize,
    countries_needed: usize,
    threshold_total: u64,
    updated_at: Option<jiff::Timestamp>,
    /// Valid statements per state as the competent authorities certified them (Annex VI),
    /// once recorded; empty before.
    verified: BTreeMap<CountryCode, u64>,
    /// The log checkpoint these figures are the fold of (ADR 0007), when a log is kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<super::log::LogState>,
}

/// `GET /api/v1/initiatives/{slug}/counters`: the published counts (the fold of the tally
/// log at its latest checkpoint), or the exact committed counts when no log is kept.
pub async fn show_counters(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let slug = Slug::parse(&slug).map_err(|_| WebError::new(ErrorCode::InitiativeNotFound))?;
    // Served from the read cache until the next publication (the answer has no language).
    let key = Key::new(Page::Counters, &slug.to_string(), "");
    let stamp = web
        .signing()
        .initiative(&slug)
        .and_then(|entry| ReadCache::stamp(&web, &[entry]));
    if let Some(hit) = stamp.as_ref().and_then(|s| web.read_cache().get(&key, s)) {
        return Ok(hit.respond(&headers));
    }
    let (progress, updated_at, log) = super::log::public_progress(&web, &slug)
        .await
        .map_err(counters_unavailable)?;
    let counters = Counters {
        verified: verified_counts(&web, &slug).await?,
        total: progress.total,
        by_country: progress
            .countries
            .iter()
            .map(|c| (c.country, c.count))
            .collect(),
        countries_at_minimum: progress.countries_at_minimum,
        countries_needed: progress.countries_needed,
        threshold_total: progress.threshold_total,
        updated_at,
        log,
    };
    match (stamp, serde_json::to_vec(&counters)) {
        (Some(stamp), Ok(json)) => Ok(web
            .read_cache()
            .put(key, stamp, "application/json", json)
            .respond(&headers)),
        _ => Ok(Json(counters).into_response()),
    }
}

/// The error answer when the published figures cannot be read.
fn counters_unavailable(error: ocs_service::QueryError) -> WebError {
    match error {
        ocs_service::QueryError::NotFound => WebError::new(ErrorCode::InitiativeNotFound),
        ocs_service::QueryError::Storage(cause) => {
            tracing::error!(%cause, "counters unavailable");
            WebError::new(ErrorCode::Internal)
        }
    }
}

/// The valid statements per member state that the authorities' certificates state; empty
/// when none is recorded or the server runs no destruction job.
async fn verified_counts(
    web: &WebState,
    slug: &Slug,
) -> Result<BTreeMap<CountryCode, u64>, WebError> {
    match (web.destruction(), web.signing().initiative(slug)) {
        (Some(destruction), Some(entry)) => destruction
            .verified(entry.initiative.id)
            .await
            .map_err(|error| {
                tracing::error!(code = %error.code(), %error, "certificates unavailable");
                WebError::new(ErrorCode::Internal)
            }),
        _ => Ok(BTreeMap::new()),
    }
}

/// `GET /api/v1/altcha/challenge`: a fresh single-use proof-of-work challenge.
pub async fn new_challenge(State(web): State<WebState>) -> Response {
    Json(web.signing().challenge()).into_response()
}
