//! The console's e-mail updates page under `/console/initiatives/{slug}/mail`: how many
//! confirmed subscribers an initiative has, the CSV export of their addresses, and writing
//! an update to all of them. Organisers of the initiative and host administrators only
//! ([`Manager`]); every `POST` carries the session's form token ([`Checked`]). The use cases
//! (and their audit records) are in `ocs_service::mail`.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ocs_service::mail::{MAX_BODY_BYTES, MAX_SUBJECT_CHARS, MailError, UpdateProblem};
use serde::Deserialize;

use super::console::{Checked, Chrome, HasToken, Manager, Refusal};
use crate::error::render;
use crate::i18n::{Arg, Lang, Tr};
use crate::state::WebState;

/// The routes of this page: method and path pattern (listed by [`super::all_routes`]).
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/console/initiatives/{slug}/mail"),
    ("POST", "/console/initiatives/{slug}/mail/export"),
    ("POST", "/console/initiatives/{slug}/mail/send"),
];

/// The routes, to be merged into the console router.
pub fn router(state: &WebState) -> Router<WebState> {
    Router::new()
        .route("/console/initiatives/{slug}/mail", get(show))
        .route("/console/initiatives/{slug}/mail/export", post(export))
        .route("/console/initiatives/{slug}/mail/send", post(send))
        .with_state(state.clone())
}

#[derive(Template)]
#[template(path = "console/mail.html")]
struct MailPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    slug: String,
    title: String,
    /// `None` when the server has no `[mail]` section.
    subscribers: Option<usize>,
    /// "Confirmed addresses: N".
    subscribers_text: String,
    /// The label of the "I have checked it" box, with the count.
    confirm_text: String,
    subject: String,
    body: String,
    max_subject: usize,
    max_body: usize,
    notice: Option<String>,
    error: Option<String>,
}

impl MailPage<'_> {
    fn status(&self) -> StatusCode {
        if self.error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        }
    }
}

/// The page for `manager`'s initiative, with the current subscriber count.
async fn page<'a>(
    web: &'a WebState,
    tr: Tr<'a>,
    manager: &Manager,
) -> Result<MailPage<'a>, Refusal> {
    let slug = &manager.entry.initiative.slug;
    let subscribers = match web.mail() {
        Some(mail) => Some(mail.subscriber_count(slug).await.map_err(|error| {
            tracing::error!(%error, "mail subscriber count failed");
            Refusal::Internal
        })?),
        None => None,
    };
    let count = [("count", Arg::Number(subscribers.unwrap_or_default() as u64))];
    Ok(MailPage {
        subscribers_text: tr.t_args("mail-console-subscribers", &count),
        confirm_text: tr.t_args("mail-console-confirm", &count),
        tr,
        languages: web.i18n().languages(),
        chrome: Chrome::of(&manager.session),
        slug: slug.to_string(),
        title: manager.entry.initiative.title.clone(),
        subscribers,
        subject: String::new(),
        body: String::new(),
        max_subject: MAX_SUBJECT_CHARS,
        max_body: MAX_BODY_BYTES,
        notice: None,
        error: None,
    })
}

/// `GET /console/initiatives/{slug}/mail`.
async fn show(State(web): State<WebState>, lang: Lang, manager: Manager) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    match page(&web, tr, &manager).await {
        Ok(page) => render(page.status(), &page),
        Err(refusal) => refusal.into_response(),
    }
}

/// A `POST` on a server without e-mail updates: the page saying so, with 409.
async fn mail_off(web: &WebState, lang: Lang, manager: &Manager) -> Response {
    match page(web, Tr::new(web.i18n(), lang), manager).await {
        Ok(page) => render(StatusCode::CONFLICT, &page),
        Err(refusal) => refusal.into_response(),
    }
}

/// A form whose only field is the token.
#[derive(Deserialize)]
pub struct ExportForm {
    form_token: String,
}

impl HasToken for ExportForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/initiatives/{slug}/mail/export`: the confirmed addresses as a CSV
/// download (audited with the count by the service before anything is returned).
async fn export(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    Checked(_form): Checked<ExportForm>,
) -> Response {
    let Some(mail) = web.mail() else {
        return mail_off(&web, lang, &manager).await;
    };
    let slug = &manager.entry.initiative.slug;
    let addresses = match mail
        .export_confirmed(manager.right, manager.session.0.actor.clone())
        .await
    {
        Ok(addresses) => addresses,
        Err(error) => {
            tracing::error!(%error, "mail export failed");
            return Refusal::Internal.into_response();
        }
    };
    let csv = ocs_service::mail::addresses_csv(&addresses);
    let disposition = format!(
        "attachment; filename=\"{slug}-subscribers-{}.csv\"",
        web.signing().now().strftime("%Y-%m-%d")
    );
    let mut response = (StatusCode::OK, csv).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The update form.
#[derive(Deserialize)]
pub struct SendForm {
    form_token: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    /// The "I have checked it" box: sending cannot be undone.
    #[serde(default)]
    confirm: Option<String>,
}

impl HasToken for SendForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// The code of an update sent without ticking the "I have checked it" box.
const UNCONFIRMED: ocs_domain::ErrorCode = ocs_domain::ErrorCode::MailUnconfirmed;

/// The localised message of a refused update.
fn problem_message(tr: &Tr<'_>, problem: UpdateProblem) -> String {
    let key = match problem {
        UpdateProblem::EmptySubject => "mail-console-error-empty-subject",
        UpdateProblem::SubjectNotOneLine => "mail-console-error-subject-line",
        UpdateProblem::SubjectTooLong => "mail-console-error-subject-long",
        UpdateProblem::EmptyBody => "mail-console-error-empty-body",
        UpdateProblem::BodyTooLong => "mail-console-error-body-long",
    };
    format!("{}: {}", problem.code(), tr.t(key))
}

/// `POST /console/initiatives/{slug}/mail/send`: queues the update to every confirmed
/// subscriber (the outbox worker sends it with retries; each message has its own
/// unsubscribe link). A refused update keeps what was typed.
async fn send(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    Checked(form): Checked<SendForm>,
) -> Response {
    let Some(mail) = web.mail() else {
        return mail_off(&web, lang, &manager).await;
    };
    let tr = Tr::new(web.i18n(), lang);
    // Browsers send line breaks in a textarea as CRLF; the message uses LF.
    let body = form.body.replace("\r\n", "\n");
    let outcome = if form.confirm.as_deref() == Some("yes") {
        Some(
            mail.send_update(
                manager.right,
                &form.subject,
                &body,
                manager.session.0.actor.clone(),
            )
            .await,
        )
    } else {
        None
    };
    let mut page = match page(&web, tr, &manager).await {
        Ok(page) => page,
        Err(refusal) => return refusal.into_response(),
    };
    if outcome_shown(&mut page, outcome).is_err() {
        return Refusal::Internal.into_response();
    }
    if page.error.is_some() {
        page.subject = form.subject;
        page.body = body;
    }
    render(page.status(), &page)
}

/// Shows the outcome of a send on the page: the count queued, or why nothing was (no
/// confirmation, a refused update). `Err` when queueing failed for another reason (logged).
fn outcome_shown(
    page: &mut MailPage<'_>,
    outcome: Option<Result<usize, MailError>>,
) -> Result<(), ()> {
    match outcome {
        None => {
            page.error = Some(format!(
                "{UNCONFIRMED}: {}",
                page.tr.t("mail-console-error-confirm")
            ));
        }
        Some(Ok(count)) => {
            page.notice = Some(
                page.tr
                    .t_with("mail-console-queued", &[("count", count.to_string())]),
            );
        }
        Some(Err(MailError::BadUpdate(problem))) => {
            page.error = Some(problem_message(&page.tr, problem));
        }
        Some(Err(error)) => {
            tracing::error!(%error, "queueing an update failed");
            return Err(());
        }
    }
    Ok(())
}
