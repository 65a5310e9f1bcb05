//! Console sign-in with a password and a second factor (TOTP enrolment with a QR code), and sign-out.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use ocs_service::console_auth::{AuthError, SignIn};
use serde::Deserialize;

use super::{COOKIE, Checked, HasToken, Refusal, Session, session_cookie};
use crate::client::ClientAddr;
use crate::error::render;
use crate::formguard::FormGuard;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

#[derive(Template)]
#[template(path = "console/sign-in.html")]
pub(super) struct SignInPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    error: Option<String>,
    name: String,
    enrol: Option<Enrolment>,
    csrf: String,
}

pub(super) struct Enrolment {
    secret: String,
    qr_svg: String,
}

/// `GET /console`.
pub(super) async fn home(session: Option<Session>) -> Redirect {
    if session.is_some() {
        Redirect::to("/console/initiatives")
    } else {
        Redirect::to("/console/sign-in")
    }
}

/// `GET /console/sign-in`.
pub(super) async fn show_sign_in(
    State(web): State<WebState>,
    lang: Lang,
    guard: FormGuard,
) -> Response {
    if web.console().is_none() {
        return Refusal::NotFound.into_response();
    }
    let page = SignInPage {
        tr: Tr::new(web.i18n(), lang),
        languages: web.i18n().languages(),
        error: None,
        name: String::new(),
        enrol: None,
        csrf: guard.token(&web),
    };
    render(StatusCode::OK, &page)
}

/// The sign-in form.
#[derive(Deserialize)]
pub(crate) struct SignInForm {
    name: String,
    password: String,
    #[serde(default)]
    code: String,
}

/// The QR code of an `otpauth://` URI as an SVG image.
pub(super) fn qr_svg(uri: &str) -> String {
    match qrcode::QrCode::new(uri.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build()
            .replacen("<?xml version=\"1.0\" standalone=\"yes\"?>", "", 1),
        Err(_) => String::new(),
    }
}

/// The `secret` parameter of an `otpauth://` URI.
pub(super) fn secret_of(uri: &str) -> String {
    uri.split(['?', '&'])
        .find_map(|part| part.strip_prefix("secret="))
        .unwrap_or_default()
        .to_owned()
}

/// `POST /console/sign-in`: name, password and code; a new session cookie on success, the
/// enrolment page at the first sign-in, one answer for every wrong part.
pub(super) async fn submit_sign_in(
    State(web): State<WebState>,
    lang: Lang,
    ClientAddr(address): ClientAddr,
    guard: FormGuard,
    axum::Form(form): axum::Form<SignInForm>,
) -> Response {
    let Some(console) = web.console() else {
        return Refusal::NotFound.into_response();
    };
    let tr = Tr::new(web.i18n(), lang);
    let page = |status, error: Option<String>, enrol| {
        render(
            status,
            &SignInPage {
                tr,
                languages: web.i18n().languages(),
                error,
                name: form.name.clone(),
                enrol,
                csrf: guard.token(&web),
            },
        )
    };
    match console
        .sign_in(&form.name, &form.password, &form.code, address)
        .await
    {
        Ok(SignIn::Session { cookie, .. }) => signed_in(&cookie),
        Ok(SignIn::EnrolmentNeeded { uri }) => page(StatusCode::OK, None, Some(enrolment(&uri))),
        Err(error) => {
            let (status, message) = refusal_of(&tr, &error);
            let mut response = page(status, Some(message), None);
            if let AuthError::Throttled { retry_after } = error {
                crate::error::set_retry_after(&mut response, retry_after);
            }
            response
        }
    }
}

/// The enrolment step: the TOTP secret of `uri` as text and as a QR code.
fn enrolment(uri: &str) -> Enrolment {
    Enrolment {
        secret: secret_of(uri),
        qr_svg: qr_svg(uri),
    }
}

/// The redirect to the console with the new session cookie.
fn signed_in(cookie: &str) -> Response {
    let mut response = Redirect::to("/console/initiatives").into_response();
    let value = format!("{COOKIE}={cookie}; HttpOnly; Secure; SameSite=Strict; Path=/");
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Status and message of a refused sign-in (one message for every wrong part).
fn refusal_of(tr: &Tr<'_>, error: &AuthError) -> (StatusCode, String) {
    let (status, key) = match error {
        AuthError::Invalid | AuthError::SignedOut => {
            (StatusCode::UNAUTHORIZED, "console-error-sign-in")
        }
        AuthError::Throttled { .. } => (StatusCode::TOO_MANY_REQUESTS, "console-error-throttled"),
        AuthError::Storage(cause) => {
            tracing::error!(%cause, "console sign-in failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "console-error-storage")
        }
    };
    (status, format!("{}: {}", error.code(), tr.t(key)))
}

/// A form with only the token.
#[derive(Deserialize)]
pub(crate) struct TokenForm {
    form_token: String,
}

impl HasToken for TokenForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/sign-out`: ends the session and clears the cookie.
pub(super) async fn sign_out(
    State(web): State<WebState>,
    _session: Session,
    headers: HeaderMap,
    Checked(_form): Checked<TokenForm>,
) -> Response {
    if let (Some(console), Some(cookie)) = (web.console(), session_cookie(&headers))
        && let Err(cause) = console.sign_out(&cookie).await
    {
        tracing::error!(%cause, "console sign-out failed");
    }
    let mut response = Redirect::to("/console/sign-in").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static(
            "__Host-ocs_console=; Max-Age=0; HttpOnly; Secure; SameSite=Strict; Path=/",
        ),
    );
    response
}
