//! Errors as HTTP answers: one error type ([`WebError`]) for every handler, and one layer
//! ([`finish_errors`]) that renders it: one JSON shape for the API, one page for the site, in
//! the reader's language. The cause is logged once where it happens; the answer shows only a
//! code of the registry (`ErrorCode`, docs/ERRORS.md) and its message.

use askama::Template;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use jiff::SignedDuration;
use ocs_domain::ErrorCode;
use ocs_service::SignError;
use serde::Serialize;

use crate::i18n::{Lang, Tr};
use crate::request_id::RequestId;
use crate::state::WebState;

/// One error entry of the API.
#[derive(Debug, Serialize)]
pub struct ApiErrorEntry {
    /// The field it is about (legacy key), or null.
    pub field: Option<String>,
    /// Stable code.
    pub code: &'static str,
    /// Human message in the request's language.
    pub message: String,
}

/// The one error of every handler, extractor and layer: a code of the registry, the form
/// fields it is about (for a refused statement) and when to come back.
///
/// It renders nothing itself. Its response carries it as an extension, and [`finish_errors`]
/// (one layer around the whole application) writes the body once, in the request's language
/// with the request identifier: `{"errors":[…]}` for machine paths (`/api/`, `/log/`,
/// `/healthz`, `/metrics`), the error page everywhere else. An answer of 400 or more that
/// reaches that layer without a code or a rendered body gets the code of its status, so no
/// bare error leaves the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebError {
    code: ErrorCode,
    fields: Vec<(String, ErrorCode)>,
    retry_after: Option<SignedDuration>,
}

/// The HTTP status that goes with a code.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::InitiativeNotFound | ErrorCode::ReceiptNotFound | ErrorCode::NotFound => {
            StatusCode::NOT_FOUND
        }
        ErrorCode::NotCollecting | ErrorCode::WithdrawalClosed | ErrorCode::LogNotLatest => {
            StatusCode::CONFLICT
        }
        ErrorCode::ProofMissing
        | ErrorCode::ProofInvalid
        | ErrorCode::TooFast
        | ErrorCode::CrossOrigin
        | ErrorCode::FormExpired
        | ErrorCode::ConsoleForbidden
        | ErrorCode::ConsoleFormToken
        | ErrorCode::Forbidden
        | ErrorCode::LogNotWitnessed => StatusCode::FORBIDDEN,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Busy | ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::MalformedBody => StatusCode::BAD_REQUEST,
        ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::Internal | ErrorCode::ConsoleStorage => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The code an answer without one gets from its status (axum's own refusals: an unknown
/// method, an unreadable path or form).
pub fn code_of_status(status: StatusCode) -> ErrorCode {
    match status {
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::TooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
        StatusCode::SERVICE_UNAVAILABLE => ErrorCode::Unavailable,
        status if status.is_server_error() => ErrorCode::Internal,
        _ => ErrorCode::MalformedBody,
    }
}

/// The translated message of a code.
pub fn message_of(tr: &Tr<'_>, code: ErrorCode) -> String {
    tr.t(&format!("error-{}", code.as_str()))
}

impl WebError {
    /// A single error without a field.
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            fields: Vec::new(),
            retry_after: None,
        }
    }

    /// The same answer with a `Retry-After`.
    #[must_use]
    pub fn with_retry_after(mut self, wait: SignedDuration) -> Self {
        self.retry_after = Some(wait);
        self
    }

    /// The code (the first field's for a refused form).
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The answer for a refused statement: one entry per field for a form that failed its
    /// checks (422), otherwise the refusal's code, with `Retry-After` when it asks to wait.
    pub fn from_sign(error: &SignError) -> Self {
        match error {
            SignError::Invalid(errors) => Self {
                code: errors
                    .iter()
                    .next()
                    .map_or(ErrorCode::MalformedBody, |e| e.code),
                fields: errors.iter().map(|e| (e.field.clone(), e.code)).collect(),
                retry_after: None,
            },
            SignError::Busy { retry_after } | SignError::RateLimited { retry_after } => {
                Self::new(error.code()).with_retry_after(*retry_after)
            }
            other => Self::new(other.code()),
        }
    }

    fn status(&self) -> StatusCode {
        if self.fields.is_empty() {
            status_of(self.code)
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        }
    }

    /// The JSON body: one entry per field, or the code alone.
    fn entries(&self, tr: &Tr<'_>) -> Vec<ApiErrorEntry> {
        if self.fields.is_empty() {
            return vec![ApiErrorEntry {
                field: None,
                code: self.code.as_str(),
                message: message_of(tr, self.code),
            }];
        }
        self.fields
            .iter()
            .map(|(field, code)| ApiErrorEntry {
                field: Some(field.clone()),
                code: code.as_str(),
                message: message_of(tr, *code),
            })
            .collect()
    }

    /// The finished answer: JSON or the error page, in `tr`'s language.
    fn render(&self, tr: Tr<'_>, json: bool, request_id: &str) -> Response {
        if json {
            #[derive(Serialize)]
            struct Body {
                errors: Vec<ApiErrorEntry>,
            }
            return (
                self.status(),
                Json(Body {
                    errors: self.entries(&tr),
                }),
            )
                .into_response();
        }
        let not_found = matches!(
            self.code,
            ErrorCode::InitiativeNotFound | ErrorCode::NotFound
        );
        let page = ErrorPage {
            tr,
            languages: tr.languages(),
            title: tr.t(if not_found {
                "not-found-title"
            } else {
                "error-page-title"
            }),
            message: message_of(&tr, self.code),
            code: Some(self.code.as_str()),
            request_id: request_id.to_owned(),
        };
        render(self.status(), &page)
    }
}

impl From<ErrorCode> for WebError {
    fn from(code: ErrorCode) -> Self {
        Self::new(code)
    }
}

/// Adds `Retry-After` in whole seconds (at least 1).
pub fn set_retry_after(response: &mut Response, wait: SignedDuration) {
    let seconds = wait.as_secs().max(1);
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
}

/// The error a response carries until [`finish_errors`] renders it.
#[derive(Clone)]
struct Unrendered(WebError);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        if let Some(wait) = self.retry_after {
            set_retry_after(&mut response, wait);
        }
        response.extensions_mut().insert(Unrendered(self));
        response
    }
}

/// Whether errors on `path` are answered as JSON: the API and the machine endpoints.
pub fn is_machine_path(path: &str) -> bool {
    path.starts_with("/api/")
        || path.starts_with("/log/")
        || path == "/healthz"
        || path == "/readyz"
        || path == "/metrics"
}

/// A body a handler rendered itself on purpose (a form shown again with its errors, an API
/// answer): HTML or JSON. Anything else with an error status is bare.
fn is_rendered(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"))
}

/// The layer every answer leaves through: renders a [`WebError`] (or a bare error status)
/// in the request's language, keeping the headers the handler set (`Retry-After`,
/// `Set-Cookie`, `Allow`).
pub async fn finish_errors(State(web): State<WebState>, request: Request, next: Next) -> Response {
    let json = is_machine_path(request.uri().path());
    let accept = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = Lang::negotiate(web.i18n(), request.uri().query(), accept);
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .map(|id| id.0.clone())
        .unwrap_or_default();
    let method = request.method().clone();
    let mut response = next.run(request).await;
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return response;
    }
    let error = match response.extensions_mut().remove::<Unrendered>() {
        Some(Unrendered(error)) => error,
        None if is_rendered(&response) => return response,
        None => {
            let code = code_of_status(status);
            tracing::debug!(%method, status = status.as_u16(), %code, "an answer without a code got one from its status");
            WebError::new(code)
        }
    };
    let rendered = error.render(Tr::new(web.i18n(), lang), json, &request_id);
    let (mut parts, _) = response.into_parts();
    let (rendered_parts, body) = rendered.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Some(kind) = rendered_parts.headers.get(header::CONTENT_TYPE) {
        parts.headers.insert(header::CONTENT_TYPE, kind.clone());
    }
    Response::from_parts(parts, body)
}

/// The site's error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    /// Translator.
    pub tr: Tr<'a>,
    /// Languages of the switcher.
    pub languages: Vec<&'static str>,
    /// Heading.
    pub title: String,
    /// Message.
    pub message: String,
    /// Stable code, if any.
    pub code: Option<&'static str>,
    /// Request identifier.
    pub request_id: String,
}

/// Renders a page, or a plain 500 if the template fails (it cannot, short of a bug).
pub fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "template failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal.as_str(),
            )
                .into_response()
        }
    }
}
