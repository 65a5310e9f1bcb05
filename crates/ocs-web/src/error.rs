//! Errors as HTTP answers: one JSON shape for the API, one page for the site. The cause is
//! logged once with the request identifier; the answer shows only a code and a message.

use askama::Template;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use jiff::SignedDuration;
use ocs_domain::ErrorCode;
use ocs_service::SignError;
use serde::Serialize;

use crate::i18n::Tr;

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

/// An API error answer: `{"errors":[…]}` with a status and maybe `Retry-After`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    errors: Vec<ApiErrorEntry>,
    retry_after: Option<SignedDuration>,
}

/// The HTTP status that goes with a code.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::InitiativeNotFound | ErrorCode::ReceiptNotFound => StatusCode::NOT_FOUND,
        ErrorCode::NotCollecting | ErrorCode::WithdrawalClosed => StatusCode::CONFLICT,
        ErrorCode::ProofMissing
        | ErrorCode::ProofInvalid
        | ErrorCode::TooFast
        | ErrorCode::CrossOrigin
        | ErrorCode::FormExpired => StatusCode::FORBIDDEN,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Busy => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::MalformedBody => StatusCode::BAD_REQUEST,
        ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The translated message of a code.
pub fn message_of(tr: &Tr<'_>, code: ErrorCode) -> String {
    tr.t(&format!("error-{}", code.as_str()))
}

impl ApiError {
    /// A single error without a field.
    pub fn code(tr: &Tr<'_>, code: ErrorCode) -> Self {
        Self {
            status: status_of(code),
            errors: vec![ApiErrorEntry {
                field: None,
                code: code.as_str(),
                message: message_of(tr, code),
            }],
            retry_after: None,
        }
    }

    /// The same answer with a `Retry-After`.
    #[must_use]
    pub fn with_retry_after(mut self, wait: SignedDuration) -> Self {
        self.retry_after = Some(wait);
        self
    }

    /// The answer for a refused statement.
    pub fn from_sign(tr: &Tr<'_>, error: &SignError) -> Self {
        match error {
            SignError::Invalid(errors) => Self {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                errors: errors
                    .iter()
                    .map(|e| ApiErrorEntry {
                        field: Some(e.field.clone()),
                        code: e.code.as_str(),
                        message: message_of(tr, e.code),
                    })
                    .collect(),
                retry_after: None,
            },
            SignError::Busy { retry_after } | SignError::RateLimited { retry_after } => Self {
                retry_after: Some(*retry_after),
                ..Self::code(tr, error.code())
            },
            other => Self::code(tr, other.code()),
        }
    }
}

/// Adds `Retry-After` in whole seconds (at least 1).
pub fn set_retry_after(response: &mut Response, wait: SignedDuration) {
    let seconds = wait.as_secs().max(1);
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            errors: Vec<ApiErrorEntry>,
        }
        let mut response = (
            self.status,
            Json(Body {
                errors: self.errors,
            }),
        )
            .into_response();
        if let Some(wait) = self.retry_after {
            set_retry_after(&mut response, wait);
        }
        response
    }
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

/// An error page for a code.
pub fn error_page(tr: Tr<'_>, code: ErrorCode, request_id: &str) -> Response {
    let title = if code == ErrorCode::InitiativeNotFound {
        tr.t("not-found-title")
    } else {
        tr.t("error-page-title")
    };
    let page = ErrorPage {
        tr,
        languages: tr.languages(),
        title,
        message: message_of(&tr, code),
        code: Some(code.as_str()),
        request_id: request_id.to_owned(),
    };
    render(status_of(code), &page)
}
