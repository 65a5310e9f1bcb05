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
        Ok(SignIn::Session { cookie, .. }) => {
            let mut response = Redirect::to("/console/initiatives").into_response();
            let value = format!("{COOKIE}={cookie}; HttpOnly; Secure; SameSite=Strict; Path=/");
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        Ok(SignIn::EnrolmentNeeded { uri }) => page(
            StatusCode::OK,
            None,
            Some(Enrolment {
                secret: secret_of(&uri),
                qr_svg: qr_svg(&uri),
            }),
        ),
        Err(error) => {
            let status = match error {
                AuthError::Invalid | AuthError::SignedOut => StatusCode::UNAUTHORIZED,
                AuthError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
                AuthError::Storage(ref cause) => {
                    tracing::error!(%cause, "console sign-in failed");
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            };
            let key = match error {
                AuthError::Throttled { .. } => "console-error-throttled",
                AuthError::Storage(_) => "console-error-storage",
                _ => "console-error-sign-in",
            };
            let mut response = page(
                status,
                Some(format!("{}: {}", error.code(), tr.t(key))),
                None,
            );
            if let AuthError::Throttled { retry_after } = error {
                let seconds = retry_after.as_secs().max(1).to_string();
                if let Ok(value) = HeaderValue::from_str(&seconds) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
            }
            response
        }
    }
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
