//! Signer self-service: the receipt file, the "my statement" page (check, withdraw) and its
//! JSON twins under `/api/v1/initiatives/{slug}/receipts/…`.

use std::fmt::Write as _;

use askama::Template;
use axum::Form;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use ocs_domain::{ErrorCode, Slug};
use ocs_service::SelfServiceError;
use serde::{Deserialize, Serialize};

use crate::client::ClientAddr;
use crate::error::{WebError, message_of, render, set_retry_after, status_of};
use crate::extract::RequestId;
use crate::formguard::FormGuard;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

/// `/initiatives/{slug}/my-statement`.
#[derive(Template)]
#[template(path = "my-statement.html")]
pub struct MyStatementPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    slug: String,
    title: String,
    statement_id: String,
    /// `(class, message, code)` of the outcome, if any.
    outcome: Option<(&'static str, String, Option<&'static str>)>,
    withdrawal_open: bool,
    /// eID is offered: explain that a second eID signature's receipt is not linked.
    eid_note: bool,
    csrf: String,
    /// After a successful check: the statement's log index and proof link (issue 17, item 5).
    log: Option<super::log::ReceiptLog>,
}

/// The fields of the self-service form and of the JSON body.
#[derive(Debug, Default, Deserialize)]
pub struct ReceiptForm {
    /// The statement identifier from the receipt.
    #[serde(default)]
    pub statement_id: String,
    /// The receipt secret.
    #[serde(default)]
    pub secret: String,
    /// `check` or `withdraw` (form only).
    #[serde(default)]
    pub action: String,
}

/// `GET /initiatives/{slug}/my-statement`.
pub async fn show_my_statement(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    lang: Lang,
    guard: FormGuard,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    match page(&web, &guard, tr, &slug, String::new(), None) {
        Some(page) => render(StatusCode::OK, &page),
        None => WebError::new(ErrorCode::InitiativeNotFound).into_response(),
    }
}

/// `GET /initiatives/{slug}/my-statement/withdrawn`: where a withdrawal redirects.
pub async fn show_withdrawn(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    lang: Lang,
    guard: FormGuard,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let outcome = Some(("notice success", tr.t("selfservice-withdrawn"), None));
    match page(&web, &guard, tr, &slug, String::new(), outcome) {
        Some(page) => render(StatusCode::OK, &page),
        None => WebError::new(ErrorCode::InitiativeNotFound).into_response(),
    }
}

/// `POST /initiatives/{slug}/my-statement`: check, or withdraw then 303.
pub async fn submit_my_statement(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    lang: Lang,
    ClientAddr(client): ClientAddr,
    request: RequestId,
    guard: FormGuard,
    form: Result<Form<ReceiptForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Ok(parsed) = Slug::parse(&slug) else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    let Ok(Form(form)) = form else {
        return WebError::new(ErrorCode::MalformedBody).into_response();
    };
    let withdraw = form.action == "withdraw";
    let (status, outcome, retry) = match act(&web, &parsed, &form, client).await {
        Ok(()) if withdraw => {
            let to = format!(
                "/initiatives/{parsed}/my-statement/withdrawn?lang={}",
                tr.lang
            );
            return Redirect::to(&to).into_response();
        }
        Ok(()) => (
            StatusCode::OK,
            ("notice success", tr.t("selfservice-counted"), None),
            None,
        ),
        Err(error) => match refused(&tr, &request, &error) {
            Some(refusal) => refusal,
            None => return WebError::new(ErrorCode::InitiativeNotFound).into_response(),
        },
    };
    answer(&web, &guard, tr, &slug, &form, (status, outcome, retry)).await
}

/// The page after a check or a refused action, with the statement's place in the log once
/// the receipt checked, and `Retry-After` under a rate limit.
async fn answer(
    web: &WebState,
    guard: &FormGuard,
    tr: Tr<'_>,
    slug: &str,
    form: &ReceiptForm,
    (status, outcome, retry): (StatusCode, Outcome, Option<jiff::SignedDuration>),
) -> Response {
    let counted = status == StatusCode::OK;
    let statement_id: String = form.statement_id.chars().take(40).collect();
    let Some(mut page) = page(web, guard, tr, slug, statement_id, Some(outcome)) else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    // Only once the receipt checked: its index and the link to the inclusion proof.
    if counted
        && let Ok(parsed) = Slug::parse(slug)
        && let Ok(id) = ocs_domain::StatementId::parse(form.statement_id.trim())
    {
        page.log = super::log::receipt_log(web, tr, &parsed, id).await;
    }
    let mut response = render(status, &page);
    if let Some(wait) = retry {
        set_retry_after(&mut response, wait);
    }
    response
}

/// The form's action: withdraw the statement, or check that it is counted.
async fn act(
    web: &WebState,
    slug: &Slug,
    form: &ReceiptForm,
    client: std::net::IpAddr,
) -> Result<(), SelfServiceError> {
    let service = web.self_service();
    if form.action == "withdraw" {
        service
            .withdraw(slug, &form.statement_id, &form.secret, client)
            .await
    } else {
        service
            .check(slug, &form.statement_id, &form.secret, client)
            .await
    }
}

/// What the page shows for a refused check or withdrawal: status, outcome and the wait of
/// a rate limit; `None` for an unknown initiative (a plain not-found answer).
fn refused(
    tr: &Tr<'_>,
    request: &RequestId,
    error: &SelfServiceError,
) -> Option<(StatusCode, Outcome, Option<jiff::SignedDuration>)> {
    if let SelfServiceError::InitiativeNotFound = error {
        return None;
    }
    if let SelfServiceError::Internal(cause) = error {
        tracing::error!(request = %request.0, %cause, "self-service failed");
    }
    let code = error.code();
    let retry = match error {
        SelfServiceError::RateLimited { retry_after } => Some(*retry_after),
        _ => None,
    };
    Some((
        status_of(code),
        ("notice error", message_of(tr, code), Some(code.as_str())),
        retry,
    ))
}

/// `(class, message, code)` of an outcome shown on the page.
type Outcome = (&'static str, String, Option<&'static str>);

fn page<'a>(
    web: &WebState,
    guard: &FormGuard,
    tr: Tr<'a>,
    slug: &str,
    statement_id: String,
    outcome: Option<(&'static str, String, Option<&'static str>)>,
) -> Option<MyStatementPage<'a>> {
    let slug = Slug::parse(slug).ok()?;
    let entry = web.signing().initiative(&slug)?;
    Some(MyStatementPage {
        tr,
        languages: web.i18n().languages(),
        slug: slug.to_string(),
        title: entry.initiative.title.clone(),
        statement_id,
        outcome,
        withdrawal_open: web.self_service().withdrawal_open(&slug).is_ok(),
        eid_note: web.eid().is_some(),
        csrf: guard.token(web),
        log: None,
    })
}

/// `GET /initiatives/{slug}/receipt.txt`: the receipt of the receipt cookie as a text file.
pub async fn download_receipt(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    lang: Lang,
    headers: HeaderMap,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let token = crate::receipt_cookie::read(&web, &headers).unwrap_or_default();
    let view = Slug::parse(&slug)
        .ok()
        .and_then(|slug| Some((web.signing().receipt(&slug, &token)?, slug)));
    let Some((view, slug)) = view else {
        return WebError::new(ErrorCode::ReceiptNotFound).into_response();
    };
    let text = receipt_text(&web, tr, &slug, &view).await;
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"receipt-{}.txt\"", view.statement_id),
            ),
        ],
        text,
    )
        .into_response()
}

/// The receipt file's text: the initiative, the statement id, time and secret, how to
/// check it, and its place in the tally log when there is one.
async fn receipt_text(
    web: &WebState,
    tr: Tr<'_>,
    slug: &Slug,
    view: &ocs_service::ReceiptView,
) -> String {
    let title = web
        .signing()
        .initiative(slug)
        .map_or_else(String::new, |entry| entry.initiative.title.clone());
    let mut text = String::new();
    for line in [
        tr.t("receipt-title"),
        String::new(),
        format!("{}: {title}", tr.t("selfservice-file-initiative")),
        format!("{}: {}", tr.t("receipt-id"), view.statement_id),
        format!(
            "{}: {}",
            tr.t("receipt-time"),
            view.submitted_at.strftime("%Y-%m-%d %H:%M:%S")
        ),
    ] {
        text.push_str(&line);
        text.push('\n');
    }
    if let Some(secret) = &view.secret {
        let _ = writeln!(text, "{}: {secret}", tr.t("selfservice-secret"));
    }
    text.push('\n');
    text.push_str(&tr.t("selfservice-file-howto"));
    let _ = write!(text, "\n/initiatives/{slug}/my-statement\n");
    if let Some(log) = super::log::receipt_log(web, tr, slug, view.statement_id).await {
        let _ = writeln!(text, "\n{}", log.status);
        if log.index.is_some() {
            let _ = writeln!(text, "{}: {}", tr.t("receipt-log-proof"), log.proof_url);
            let _ = writeln!(text, "{}\n{}", tr.t("receipt-log-check"), log.command);
        }
    }
    text
}

#[derive(Serialize)]
struct ReceiptAnswer {
    status: &'static str,
}

/// `POST /api/v1/initiatives/{slug}/receipts/check`.
pub async fn check_receipt(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, WebError> {
    let (slug, body) = api_input(&slug, &headers, body)?;
    web.self_service()
        .check(&slug, &body.statement_id, &body.secret, client)
        .await
        .map_err(|error| api_error(&error))?;
    Ok(Json(ReceiptAnswer { status: "counted" }).into_response())
}

/// `POST /api/v1/initiatives/{slug}/receipts/withdraw`.
pub async fn withdraw_receipt(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, WebError> {
    let (slug, body) = api_input(&slug, &headers, body)?;
    web.self_service()
        .withdraw(&slug, &body.statement_id, &body.secret, client)
        .await
        .map_err(|error| api_error(&error))?;
    Ok(Json(ReceiptAnswer {
        status: "withdrawn",
    })
    .into_response())
}

pub(crate) fn api_input(
    slug: &str,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(Slug, ReceiptForm), WebError> {
    let slug = Slug::parse(slug).map_err(|_| WebError::new(ErrorCode::InitiativeNotFound))?;
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(WebError::new(ErrorCode::UnsupportedMediaType));
    }
    let bytes = body.map_err(|_| WebError::new(ErrorCode::MalformedBody))?;
    let body: ReceiptForm =
        serde_json::from_slice(&bytes).map_err(|_| WebError::new(ErrorCode::MalformedBody))?;
    Ok((slug, body))
}

pub(crate) fn api_error(error: &SelfServiceError) -> WebError {
    if let SelfServiceError::Internal(cause) = error {
        tracing::error!(%cause, "self-service failed");
    }
    match error {
        SelfServiceError::RateLimited { retry_after } => {
            WebError::new(error.code()).with_retry_after(*retry_after)
        }
        _ => WebError::new(error.code()),
    }
}
