//! Paper statements in the console: the organisers of an initiative (not its observers) type
//! in statements collected on paper forms, with the same per-nationality Annex III form,
//! validation and de-duplication as the public sign page. One call into
//! `SigningService::enter_paper`, which audits the entry (no signer data) before it writes.
//! A person already counted (online or on paper) is told to the organisers (`PAP-001`).
//!
//! Also the console's warning before an initiative's data is destroyed
//! (`destruction_warning`), shown on the dashboard and the initiatives list.

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use ocs_domain::rules::AnnexPart;
use ocs_domain::{CountryCode, ErrorCode, FieldErrors, RawStatement};
use ocs_service::{PaperOutcome, SignError};
use serde::Deserialize;

use crate::error::{message_of, render, set_retry_after};
use crate::i18n::{Lang, Tr};
use crate::routes::console::{Checked, Chrome, HasToken, Manager, Refusal, thousands};
use crate::state::WebState;
use crate::views::{
    FieldView, SummaryItem, country_name, form_fields, member_states, residence_choices, summary,
};

/// The paper-statement routes (method and path pattern), for the application's route list.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/console/initiatives/{slug}/paper"),
    ("POST", "/console/initiatives/{slug}/paper"),
];

/// The paper-statement routes, merged into the application router next to the console's.
pub fn router(state: &WebState) -> Router<WebState> {
    Router::new()
        .route(
            "/console/initiatives/{slug}/paper",
            get(show_paper).post(submit_paper),
        )
        .with_state(state.clone())
}

/// The code shown when the person is already counted.
pub const DUPLICATE_CODE: ocs_domain::ErrorCode = ocs_domain::ErrorCode::PaperDuplicate;

#[derive(Template)]
#[template(path = "console/paper.html")]
struct PaperPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    slug: String,
    title: String,
    online: String,
    paper: String,
    total: String,
    nationalities: Vec<(&'static str, String, bool)>,
    chosen: Option<Chosen>,
    summary: Vec<SummaryItem>,
    notice: Option<String>,
    problem: Option<(String, String)>,
}

/// The form of the chosen nationality.
struct Chosen {
    code: &'static str,
    heading: String,
    intro: String,
    fields: Vec<FieldView>,
    show_confirm: bool,
}

/// Query of the paper page: the nationality of the form, and the outcome of the last entry.
#[derive(Deserialize, Default)]
pub struct PaperQuery {
    #[serde(default)]
    nationality: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

/// The posted form: the token, the nationality, `confirmed`, and the Annex III fields.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct PaperForm(Vec<(String, String)>);

impl PaperForm {
    fn control(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl HasToken for PaperForm {
    fn token(&self) -> &str {
        self.control("form_token").unwrap_or_default()
    }
}

impl PaperForm {
    /// The statement typed in, for `country`: every field but the form's own controls.
    fn statement(&self, country: CountryCode) -> RawStatement {
        RawStatement {
            nationality: country.as_str().to_owned(),
            fields: self
                .0
                .iter()
                .filter(|(k, _)| !CONTROLS.contains(&k.as_str()))
                .cloned()
                .collect(),
            confirmed: self.control("confirmed").is_some(),
        }
    }
}

/// The form's own controls; everything else is a statement field.
const CONTROLS: [&str; 4] = ["form_token", "nationality", "confirmed", "lang"];

/// What the page shows besides the counts.
struct Shown<'a> {
    country: Option<CountryCode>,
    values: &'a BTreeMap<String, String>,
    errors: &'a FieldErrors,
    notice: Option<String>,
    problem: Option<(String, String)>,
}

async fn paper_page(
    web: &WebState,
    tr: Tr<'_>,
    manager: &Manager,
    status: StatusCode,
    shown: &Shown<'_>,
) -> Response {
    let entry = &manager.entry;
    let slug = &entry.initiative.slug;
    let (Ok((progress, _)), Ok(paper)) = (
        web.signing().progress(slug).await,
        web.signing().paper_counts(slug).await,
    ) else {
        return Refusal::Internal.into_response();
    };
    let paper: u64 = paper.values().sum();
    let chosen = shown
        .country
        .map(|country| chosen_form(web, &tr, country, shown));
    let page = PaperPage {
        languages: web.i18n().languages(),
        chrome: Chrome::of(&manager.session),
        slug: slug.to_string(),
        title: entry.initiative.title.clone(),
        online: thousands(progress.total.saturating_sub(paper)),
        paper: thousands(paper),
        total: thousands(progress.total),
        nationalities: nationalities(&tr, shown.country),
        chosen,
        summary: summary(&tr, shown.errors),
        notice: shown.notice.clone(),
        problem: shown.problem.clone(),
        tr,
    };
    render(status, &page)
}

/// The form of the chosen nationality, with the input and messages of `shown`.
fn chosen_form(web: &WebState, tr: &Tr<'_>, country: CountryCode, shown: &Shown<'_>) -> Chosen {
    let rules = web.signing().rules(country);
    let name = country_name(tr, country);
    let intro_key = match rules.annex_part {
        AnnexPart::A => "sign-part-a-intro",
        AnnexPart::B => "sign-part-b-intro",
    };
    let residence = residence_choices(tr);
    let mut fields = form_fields(
        tr,
        &rules.form_fields(),
        shown.values,
        shown.errors,
        &residence,
    );
    for field in &mut fields {
        // The organisers type other people's data: the browser must not fill it in.
        field.autocomplete = "off";
    }
    Chosen {
        code: country.as_str(),
        heading: tr.t_with("sign-for-nationality", &[("country", name.clone())]),
        intro: tr.t_with(intro_key, &[("country", name)]),
        fields,
        show_confirm: shown.errors.iter().any(|e| e.code.is_confirmable()),
    }
}

/// The nationality chooser's options: code, name, and whether it is the chosen one.
fn nationalities(tr: &Tr<'_>, chosen: Option<CountryCode>) -> Vec<(&'static str, String, bool)> {
    member_states(tr)
        .into_iter()
        .map(|(code, name)| (code, name, chosen.is_some_and(|c| c.as_str() == code)))
        .collect()
}

/// `GET /console/initiatives/{slug}/paper[?nationality=XX]`: the nationality chooser, and the
/// form of the chosen nationality.
async fn show_paper(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    Query(query): Query<PaperQuery>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let country = query
        .nationality
        .as_deref()
        .and_then(|n| CountryCode::parse(n).ok());
    let notice = match query.done.as_deref() {
        Some("recorded") => Some(tr.t("paper-recorded")),
        _ => None,
    };
    let shown = Shown {
        country,
        values: &BTreeMap::new(),
        errors: &FieldErrors::new(),
        notice,
        problem: None,
    };
    paper_page(&web, tr, &manager, StatusCode::OK, &shown).await
}

/// `POST /console/initiatives/{slug}/paper`: records one paper statement; 303 back to an
/// empty form of the same nationality, or the form again with the input kept and a message
/// per field (422), or the duplicate notice (`PAP-001`, 409) with the input kept.
async fn submit_paper(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    Checked(form): Checked<PaperForm>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(lifecycle) = web.lifecycle() else {
        return Refusal::NotFound.into_response();
    };
    let Some(country) = form
        .control("nationality")
        .and_then(|n| CountryCode::parse(n).ok())
    else {
        return unknown_nationality(&web, tr, &manager).await;
    };
    let raw = form.statement(country);
    let audit = lifecycle.audit_sink();
    let result = web
        .signing()
        .enter_paper(manager.right, &manager.session.0.actor, &audit, &raw)
        .await;
    if let Ok(PaperOutcome::Recorded(_)) = &result {
        return recorded(&manager, country, &tr);
    }
    let none = FieldErrors::new();
    let (status, errors, problem) = not_recorded(&tr, &result, &none);
    let shown = Shown {
        country: Some(country),
        values: &raw.fields,
        errors,
        notice: None,
        problem,
    };
    let mut response = paper_page(&web, tr, &manager, status, &shown).await;
    if let Err(SignError::Busy { retry_after }) = result {
        set_retry_after(&mut response, retry_after);
    }
    response
}

/// 303 to an empty form of the same nationality, with the "recorded" notice.
fn recorded(manager: &Manager, country: CountryCode, tr: &Tr<'_>) -> Response {
    Redirect::to(&format!(
        "/console/initiatives/{}/paper?nationality={country}&done=recorded&lang={}",
        manager.entry.initiative.slug, tr.lang
    ))
    .into_response()
}

/// The form again after an unknown nationality (422).
async fn unknown_nationality(web: &WebState, tr: Tr<'_>, manager: &Manager) -> Response {
    let code = ErrorCode::UnknownNationality;
    let shown = Shown {
        country: None,
        values: &BTreeMap::new(),
        errors: &FieldErrors::new(),
        notice: None,
        problem: Some((message_of(&tr, code), code.as_str().to_owned())),
    };
    paper_page(web, tr, manager, StatusCode::UNPROCESSABLE_ENTITY, &shown).await
}

/// Status, field messages and problem line of a paper statement that was not recorded.
fn not_recorded<'e>(
    tr: &Tr<'_>,
    result: &'e Result<PaperOutcome, SignError>,
    none: &'e FieldErrors,
) -> (StatusCode, &'e FieldErrors, Option<(String, String)>) {
    match result {
        Ok(PaperOutcome::Duplicate) => (
            StatusCode::CONFLICT,
            none,
            Some((tr.t("paper-duplicate"), DUPLICATE_CODE.to_string())),
        ),
        Err(SignError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
        Ok(PaperOutcome::Recorded(_)) => (StatusCode::OK, none, None),
        Err(error) => {
            if let SignError::Internal(cause) = error {
                tracing::error!(%cause, "recording a paper statement failed");
            }
            let code = error.code();
            (
                crate::error::status_of(code),
                none,
                Some((message_of(tr, code), code.as_str().to_owned())),
            )
        }
    }
}

/// The localised warning (message `key`, with `$date` and `$days`) when `initiative`'s data
/// is to be destroyed within `ocs_service::retention::WARNING_DAYS` days; `None` otherwise
/// or when the server runs no destruction job.
pub(crate) async fn destruction_warning(
    web: &WebState,
    tr: &Tr<'_>,
    initiative: ocs_domain::InitiativeId,
    key: &str,
) -> Option<String> {
    let (due, days) = web.destruction()?.warning(initiative).await?;
    Some(tr.t_with(
        key,
        &[
            ("date", crate::l10n::date(tr.lang, due)),
            ("days", days.to_string()),
        ],
    ))
}
