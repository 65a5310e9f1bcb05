//! The public site: initiative list, initiative page, signing form per nationality, receipt.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use ocs_domain::rules::AnnexPart;
use ocs_domain::{CountryCode, ErrorCode, FieldErrors, RawStatement, Slug};
use ocs_service::catalog::CatalogEntry;
use ocs_service::{HumanProof, SignError};
use serde::Deserialize;

use crate::client::ClientAddr;
use crate::error::{WebError, message_of, render, set_retry_after};
use crate::formguard::FormGuard;
use crate::i18n::{Lang, Tr};
use crate::middleware::RequestId;
use crate::read_cache::{Key, Page, ReadCache, Stamp};
use crate::routes::eid::{EidBlock, clear_identity, eid_block, evidence, form_identity};
use crate::routes::mail::{self, MailBoxView, MailInput};
use crate::state::WebState;
use crate::views::{
    FieldView, InitiativeView, ProgressView, SummaryItem, country_name, form_fields, member_states,
    residence_choices, summary,
};

/// `/` — the hosted initiatives.
#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    initiatives: Vec<InitiativeView>,
}

/// `/initiatives/{slug}`.
#[derive(Template)]
#[template(path = "initiative.html")]
pub struct InitiativePage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    slug: String,
    initiative: InitiativeView,
    progress: ProgressView,
    nationalities: Vec<(&'static str, String)>,
}

/// `/initiatives/{slug}/sign` without a nationality.
#[derive(Template)]
#[template(path = "choose.html")]
pub struct ChoosePage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    slug: String,
    initiative: InitiativeView,
    nationalities: Vec<(&'static str, String)>,
}

/// `/initiatives/{slug}/sign/{nationality}`.
#[derive(Template)]
#[template(path = "sign.html")]
pub struct SignPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    heading: String,
    initiative: InitiativeView,
    for_nationality: String,
    intro: String,
    action: String,
    form_token: String,
    csrf: String,
    /// The proof-of-work challenge as JSON, embedded so the browser solves it without a
    /// request of its own: a signer needs the page GET and the POST only (issue 21, item 3).
    /// Single-use like one from `/api/v1/altcha/challenge`.
    challenge: String,
    fields: Vec<FieldView>,
    summary: Vec<SummaryItem>,
    notice: Option<(String, &'static str)>,
    consent: bool,
    consent_label: String,
    consent_error: Option<(String, &'static str)>,
    show_confirm: bool,
    mail: Option<MailBoxView>,
    eid: EidBlock,
    /// The Annex III declaration in the reader's language (the eID variant after an eID
    /// login), exactly as in `ocs_domain`'s official texts.
    declaration: String,
    /// The note for Germans living abroad, on the German form.
    residence_note: Option<String>,
}

/// `/initiatives/{slug}/receipt`.
#[derive(Template)]
#[template(path = "receipt.html")]
pub struct ReceiptPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    slug: String,
    initiative: InitiativeView,
    statement_id: String,
    submitted_at: String,
    submitted_at_iso: String,
    secret: Option<String>,
    file_url: String,
    /// When the public count will include the statement (issue 19, item 1).
    count_note: String,
    /// The statement's place in the public tally log and how to check it.
    log: Option<super::log::ReceiptLog>,
}

pub(crate) fn lookup(web: &WebState, slug: &str) -> Option<std::sync::Arc<CatalogEntry>> {
    Slug::parse(slug)
        .ok()
        .and_then(|slug| web.signing().public_initiative(&slug))
}

/// `GET /`: served from [`crate::read_cache`] until the next publication.
pub async fn show_index(State(web): State<WebState>, lang: Lang, headers: HeaderMap) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let listed = web.signing().listed_initiatives();
    let key = Key::new(Page::Index, "", tr.lang);
    let stamp = ReadCache::stamp(&web, &listed);
    if let Some(hit) = stamp.as_ref().and_then(|s| web.read_cache().get(&key, s)) {
        return hit.respond(&headers);
    }
    let now = web.signing().now();
    let page = IndexPage {
        tr,
        languages: web.i18n().languages(),
        initiatives: listed
            .iter()
            .map(|e| {
                InitiativeView::new(
                    &tr,
                    &e.initiative,
                    now,
                    web.signing().time_zone(),
                    web.signing().lifecycle(),
                )
                .with_lifecycle(&tr, web.signing().lifecycle(), &e.initiative, now)
            })
            .collect(),
    };
    cached(&web, key, stamp, &page, &headers)
}

/// Renders `page`, files it under `key` when `stamp` allows caching, and answers it.
fn cached<T: Template>(
    web: &WebState,
    key: Key,
    stamp: Option<Stamp>,
    page: &T,
    headers: &HeaderMap,
) -> Response {
    match (stamp, page.render()) {
        (Some(stamp), Ok(html)) => web
            .read_cache()
            .put(key, stamp, "text/html; charset=utf-8", html)
            .respond(headers),
        _ => render(StatusCode::OK, page),
    }
}

/// `GET /initiatives/{slug}`: served from [`crate::read_cache`] until the next publication.
pub async fn show_initiative(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    lang: Lang,
    headers: HeaderMap,
    Extension(request): Extension<RequestId>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(entry) = lookup(&web, &slug) else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    let key = Key::new(
        Page::Initiative,
        &entry.initiative.slug.to_string(),
        tr.lang,
    );
    let stamp = ReadCache::stamp(&web, std::slice::from_ref(&entry));
    if let Some(hit) = stamp.as_ref().and_then(|s| web.read_cache().get(&key, s)) {
        return hit.respond(&headers);
    }
    // Public figures: the published ones when a tally log is kept (ADR 0007).
    let progress = match super::log::public_progress(&web, &entry.initiative.slug).await {
        Ok((progress, updated_at, _)) => (progress, updated_at),
        Err(cause) => {
            tracing::error!(%cause, request = %request.0, "counts unavailable");
            return WebError::new(ErrorCode::Internal).into_response();
        }
    };
    let page = InitiativePage {
        tr,
        languages: web.i18n().languages(),
        slug: entry.initiative.slug.to_string(),
        initiative: InitiativeView::new(
            &tr,
            &entry.initiative,
            web.signing().now(),
            web.signing().time_zone(),
            web.signing().lifecycle(),
        )
        .with_lifecycle(
            &tr,
            web.signing().lifecycle(),
            &entry.initiative,
            web.signing().now(),
        ),
        progress: ProgressView::new(&tr, &progress.0, progress.1, web.signing().time_zone()),
        nationalities: member_states(&tr),
    };
    cached(&web, key, stamp, &page, &headers)
}

/// Query of the nationality chooser.
#[derive(Deserialize)]
pub struct ChooseQuery {
    nationality: Option<String>,
}

/// `GET /initiatives/{slug}/sign[?nationality=XX]`: the chooser, or a redirect to the form.
pub async fn choose_nationality(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    Query(query): Query<ChooseQuery>,
    lang: Lang,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(entry) = lookup(&web, &slug) else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    if let Some(country) = query
        .nationality
        .as_deref()
        .and_then(|n| CountryCode::parse(n).ok())
    {
        let target = format!("/initiatives/{slug}/sign/{country}?lang={}", tr.lang);
        return Redirect::to(&target).into_response();
    }
    let page = ChoosePage {
        tr,
        languages: web.i18n().languages(),
        slug: entry.initiative.slug.to_string(),
        initiative: InitiativeView::new(
            &tr,
            &entry.initiative,
            web.signing().now(),
            web.signing().time_zone(),
            web.signing().lifecycle(),
        ),
        nationalities: member_states(&tr),
    };
    render(StatusCode::OK, &page)
}

/// What a sign page shows besides the form definition.
struct SignState<'a> {
    values: &'a BTreeMap<String, String>,
    errors: &'a FieldErrors,
    consent: bool,
    notice: Option<ErrorCode>,
    mail: &'a MailInput,
    eid: Option<&'a ocs_eid::EidIdentity>,
    eid_failure: Option<ocs_eid::EidFailure>,
}

fn sign_page<'a>(
    web: &'a WebState,
    guard: &FormGuard,
    tr: Tr<'a>,
    entry: &CatalogEntry,
    country: CountryCode,
    state: &SignState<'_>,
) -> SignPage<'a> {
    let rules = web.signing().rules(country);
    let initiative = InitiativeView::new(
        &tr,
        &entry.initiative,
        web.signing().now(),
        web.signing().time_zone(),
        web.signing().lifecycle(),
    )
    .with_lifecycle(
        &tr,
        web.signing().lifecycle(),
        &entry.initiative,
        web.signing().now(),
    );
    let name = country_name(&tr, country);
    let intro_key = match rules.annex_part {
        AnnexPart::A => "sign-part-a-intro",
        AnnexPart::B => "sign-part-b-intro",
    };
    let residence: Vec<(String, String)> = residence_choices(&tr);
    let eid = eid_block(web, &tr, entry, country, state.eid, state.eid_failure);
    // Values an eID provided are shown as the eID states them, whatever was sent.
    let mut values = state.values.clone();
    if let Some(identity) = state.eid {
        values.extend(identity.locked_values(rules));
    }
    let mut fields = form_fields(&tr, &rules.form_fields(), &values, state.errors, &residence);
    for field in &mut fields {
        field.locked = eid.locked.contains(&field.name);
    }
    let mut field_errors = FieldErrors::new();
    for error in state.errors.iter().filter(|e| e.field != "consent") {
        field_errors.push(error.clone());
    }
    let official = crate::official::texts(tr.lang);
    SignPage {
        declaration: official
            .map(|texts| texts.declaration_for(state.eid.is_some()).to_owned())
            .unwrap_or_default(),
        residence_note: official
            .and_then(|texts| texts.residence_note(country))
            .map(str::to_owned),
        heading: tr.t("choose-heading"),
        for_nationality: tr.t_with("sign-for-nationality", &[("country", name.clone())]),
        intro: tr.t_with(intro_key, &[("country", name)]),
        action: format!(
            "/initiatives/{}/sign/{}?lang={}",
            entry.initiative.slug, country, tr.lang
        ),
        form_token: web.signing().form_token(entry.initiative.id),
        csrf: guard.token(web),
        challenge: serde_json::to_string(&web.signing().challenge()).unwrap_or_default(),
        fields,
        summary: summary(&tr, state.errors),
        notice: state
            .notice
            .map(|code| (message_of(&tr, code), code.as_str())),
        consent: state.consent,
        consent_label: tr.t_with(
            "sign-consent",
            &[
                ("title", initiative.title.clone()),
                ("number", entry.initiative.registration_number.clone()),
            ],
        ),
        consent_error: state
            .errors
            .for_field("consent")
            .map(|e| (message_of(&tr, e.code), e.code.as_str())),
        show_confirm: state.errors.iter().any(|e| e.code.is_confirmable()),
        mail: mail::mail_box(web, &tr, &entry.initiative, state.mail, state.errors),
        eid,
        languages: web.i18n().languages(),
        initiative,
        tr,
    }
}

/// Query of the sign page: why the last eID login failed, if it did.
#[derive(Deserialize)]
pub struct SignQuery {
    eid_error: Option<String>,
}

/// `GET /initiatives/{slug}/sign/{nationality}`.
pub async fn show_sign_form(
    State(web): State<WebState>,
    Path((slug, nationality)): Path<(String, String)>,
    Query(query): Query<SignQuery>,
    headers: HeaderMap,
    lang: Lang,
    guard: FormGuard,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(entry) = lookup(&web, &slug) else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    let Ok(country) = CountryCode::parse(&nationality) else {
        return WebError::new(ErrorCode::UnknownNationality).into_response();
    };
    if let Err(reason) = web
        .signing()
        .lifecycle()
        .statement_mode(&entry.initiative, web.signing().now())
    {
        tracing::debug!(%reason, "sign form of an initiative not collecting");
        return WebError::new(ErrorCode::NotCollecting).into_response();
    }
    let empty = BTreeMap::new();
    let identity = form_identity(&web, &headers, &entry, country);
    let state = SignState {
        values: &empty,
        errors: &FieldErrors::new(),
        consent: false,
        notice: None,
        mail: &MailInput::default(),
        eid: identity.as_ref(),
        eid_failure: query
            .eid_error
            .as_deref()
            .and_then(ocs_eid::EidFailure::from_reason),
    };
    render(
        StatusCode::OK,
        &sign_page(&web, &guard, tr, &entry, country, &state),
    )
}

/// Names of the form's own controls; everything else is a statement field.
const CONTROLS: [&str; 8] = [
    "form_token",
    crate::formguard::FIELD,
    "altcha",
    "consent",
    "confirmed",
    "lang",
    mail::BOX_FIELD,
    mail::ADDRESS_FIELD,
];

/// The anti-bot proof of a posted sign form, with the language of the form.
fn proof_of(
    pairs: &[(String, String)],
    client: std::net::IpAddr,
    lang: &'static str,
) -> HumanProof {
    let control = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    HumanProof {
        altcha: control("altcha"),
        form_token: control("form_token"),
        client,
        language: Some(lang),
    }
}

/// `POST /initiatives/{slug}/sign/{nationality}`: 303 to the receipt, or the form again with
/// the input kept and a message per field.
#[expect(clippy::too_many_arguments, reason = "axum extractors, each used once")]
pub async fn submit_sign_form(
    State(web): State<WebState>,
    Path((slug, nationality)): Path<(String, String)>,
    lang: Lang,
    ClientAddr(client): ClientAddr,
    Extension(request): Extension<RequestId>,
    headers: HeaderMap,
    guard: FormGuard,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(entry) = lookup(&web, &slug) else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    let Ok(country) = CountryCode::parse(&nationality) else {
        return WebError::new(ErrorCode::UnknownNationality).into_response();
    };
    let Ok(Form(pairs)) = form else {
        return WebError::new(ErrorCode::MalformedBody).into_response();
    };
    let control = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let fields: BTreeMap<String, String> = pairs
        .iter()
        .filter(|(k, _)| !CONTROLS.contains(&k.as_str()))
        .cloned()
        .collect();
    let consent = control("consent").is_some();
    let raw = RawStatement {
        nationality: country.as_str().to_owned(),
        fields,
        confirmed: control("confirmed").is_some(),
    };
    let proof = proof_of(&pairs, client, tr.lang);
    let mail_input = MailInput {
        ticked: control(mail::BOX_FIELD).is_some(),
        address: control(mail::ADDRESS_FIELD).unwrap_or_default(),
    };
    let identity = form_identity(&web, &headers, &entry, country);
    // A bad address is refused before anything is stored (e-mail updates only).
    let address = match mail_input.parse() {
        Ok(address) => address,
        Err(errors) if web.mail().is_some() => {
            let sent = SignState {
                values: &raw.fields,
                errors: &FieldErrors::new(),
                consent,
                notice: None,
                mail: &mail_input,
                eid: identity.as_ref(),
                eid_failure: None,
            };
            let error = SignError::Invalid(errors);
            return resign_page(&web, &guard, tr, &entry, country, &sent, &error, &request);
        }
        Err(_) => None,
    };
    let slug = &entry.initiative.slug;
    let result = match &identity {
        Some(identity) => {
            let evidence = evidence(&web, identity, country);
            let result = web
                .signing()
                .sign_with_eid(slug, &raw, consent, &proof, &evidence)
                .await;
            if let Err(SignError::Invalid(errors)) = &result
                && errors.iter().any(|e| e.code == ErrorCode::EidMismatch)
                && let Some(eid) = web.eid()
            {
                eid.record_failure(&identity.provider, ocs_eid::EidFailure::Mismatch);
            }
            result
        }
        None => web.signing().sign(slug, &raw, consent, &proof).await,
    };
    let error = match result {
        Ok(receipt) => {
            web.bursts().record(country, client, web.signing().now());
            mail::queue_after_signing(&web, &tr, &entry.initiative, address);
            // The token (and so the receipt secret) goes in a cookie, never in the URL.
            let target = format!("/initiatives/{slug}/receipt?lang={}", tr.lang);
            let mut response = Redirect::to(&target).into_response();
            crate::receipt_cookie::set(&web, &mut response, &receipt.token);
            if identity.is_some() {
                clear_identity(&web, &mut response);
            }
            return response;
        }
        Err(error) => error,
    };
    let values = SignState {
        values: &raw.fields,
        errors: &FieldErrors::new(),
        consent,
        notice: None,
        mail: &mail_input,
        eid: identity.as_ref(),
        eid_failure: None,
    };
    resign_page(&web, &guard, tr, &entry, country, &values, &error, &request)
}

#[expect(
    clippy::too_many_arguments,
    reason = "the page's parts, each used once"
)]
fn resign_page(
    web: &WebState,
    guard: &FormGuard,
    tr: Tr<'_>,
    entry: &CatalogEntry,
    country: CountryCode,
    sent: &SignState<'_>,
    error: &SignError,
    request: &RequestId,
) -> Response {
    let none = FieldErrors::new();
    let (errors, notice, status) = match error {
        SignError::Invalid(errors) => (errors, None, StatusCode::UNPROCESSABLE_ENTITY),
        SignError::InitiativeNotFound | SignError::NotCollecting(_) => {
            return WebError::new(error.code()).into_response();
        }
        SignError::Internal(_) => {
            tracing::error!(request = %request.0, "signing failed inside the server");
            (&none, Some(error.code()), StatusCode::INTERNAL_SERVER_ERROR)
        }
        other => (
            &none,
            Some(other.code()),
            crate::error::status_of(other.code()),
        ),
    };
    let state = SignState {
        values: sent.values,
        errors,
        consent: sent.consent,
        notice,
        mail: sent.mail,
        eid: sent.eid,
        eid_failure: None,
    };
    let mut response = render(status, &sign_page(web, guard, tr, entry, country, &state));
    if let SignError::Busy { retry_after } | SignError::RateLimited { retry_after } = error {
        set_retry_after(&mut response, *retry_after);
    }
    response
}

/// `GET /initiatives/{slug}/receipt`: the receipt of the token in the receipt cookie
/// ([`crate::receipt_cookie`]); not found without one.
pub async fn show_receipt(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    lang: Lang,
    headers: HeaderMap,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(entry) = lookup(&web, &slug) else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    let token = crate::receipt_cookie::read(&web, &headers).unwrap_or_default();
    let Some(view) = web.signing().receipt(&entry.initiative.slug, &token) else {
        return WebError::new(ErrorCode::NotFound).into_response();
    };
    let page = ReceiptPage {
        tr,
        languages: web.i18n().languages(),
        slug: entry.initiative.slug.to_string(),
        initiative: InitiativeView::new(
            &tr,
            &entry.initiative,
            web.signing().now(),
            web.signing().time_zone(),
            web.signing().lifecycle(),
        ),
        statement_id: view.statement_id.to_string(),
        submitted_at: crate::l10n::moment(tr.lang, view.submitted_at, web.signing().time_zone()),
        submitted_at_iso: view.submitted_at.to_string(),
        secret: view.secret.as_ref().map(ToString::to_string),
        file_url: format!(
            "/initiatives/{}/receipt.txt?lang={}",
            entry.initiative.slug, tr.lang
        ),
        count_note: count_note(&web, tr),
        log: super::log::receipt_log(&web, tr, &entry.initiative.slug, view.statement_id).await,
    };
    render(StatusCode::OK, &page)
}

/// When the public figures will include a statement just made: at once without a tally
/// log or under the 0/0 rule (`ocs demo`), else after the next batch (the rule's figures).
fn count_note(web: &WebState, tr: Tr<'_>) -> String {
    match web.tally_log().map(|log| log.rule()) {
        Some(rule) if !rule.at_once() => {
            let minutes = u64::try_from(rule.interval.as_secs() / 60)
                .unwrap_or(0)
                .max(1);
            tr.t_args(
                "receipt-count-batched",
                &[
                    ("minutes", crate::i18n::Arg::from(minutes)),
                    ("batch", crate::i18n::Arg::from(rule.min_batch)),
                ],
            )
        }
        _ => tr.t("receipt-count-now"),
    }
}

/// Fallback for unknown paths: `REQ-404`, rendered by [`crate::error::finish_errors`].
pub async fn not_found() -> Response {
    WebError::new(ErrorCode::NotFound).into_response()
}
