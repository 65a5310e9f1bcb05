//! The organiser console through the real router: sign-in with TOTP enrolment, the session
//! cookie, every route with every role, form tokens and the Origin check, session expiry
//! with the injected clock, and the dashboard against the counters API.
//!
//! This file holds the accounts, sign-in and request helpers that the console tests (here
//! and in `console_setup`, `console_paper` and others) share.

mod accounts;
mod dashboard;
mod routes;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use ocs_crypto::totp::TotpSecret;
use ocs_domain::InitiativeId;
use ocs_domain::access::{AccountName, Principal, Role};
use ocs_service::Actor;
use ocs_testkit::TestApp;

use crate::{send_form as send, text};

pub(crate) const PASSWORD: &str = "correct horse battery";

/// Creates an account the way `ocs admin add-user` does.
pub(crate) async fn account(app: &TestApp, name: &str, role: Role, initiative: Option<u32>) {
    app.console
        .add_account(
            &Actor::Operator("ops".into()),
            Principal::operator().can_administer().unwrap(),
            name,
            role,
            initiative.map(InitiativeId::new),
            PASSWORD,
        )
        .await
        .unwrap();
}

pub(crate) fn form_post(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1")
        .header(header::ORIGIN, "https://127.0.0.1");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body.to_owned())).unwrap()
}

pub(crate) fn get_with(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

/// The current TOTP code of an account, from its stored (sealed) secret.
async fn code_of(app: &TestApp, name: &str) -> (String, String) {
    let secret = totp_secret_of(app, name).await;
    let now = app.signing.now().as_second();
    (format!("{:06}", secret.code_at(now)), secret.base32())
}

/// The TOTP secret of an account, opened through the console service.
async fn totp_secret_of(app: &TestApp, name: &str) -> TotpSecret {
    let stored = app
        .store
        .account_by_name(&AccountName::parse(name).unwrap())
        .await
        .unwrap()
        .unwrap();
    app.console.stored_totp_secret(&stored).unwrap()
}

fn cookie_of(response: &Response<Body>) -> String {
    let set = response.headers()[header::SET_COOKIE].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

/// Signs in for the first time: enrolment page (QR code and secret), then the first code.
/// Returns the `Cookie` header value.
pub(crate) async fn enrol_and_sign_in(app: &TestApp, name: &str) -> String {
    let body = format!("name={name}&password=correct+horse+battery&code=");
    let response = send(app, form_post("/console/sign-in", &body, None)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    assert!(page.contains("<svg"), "no QR code on the enrolment page");
    let (code, secret) = code_of(app, name).await;
    assert!(
        page.contains(&format!("<code>{secret}</code>")),
        "the page does not show the secret"
    );
    let body = format!("name={name}&password=correct+horse+battery&code={code}");
    let response = send(app, form_post("/console/sign-in", &body, None)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let set = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(set.starts_with("__Host-ocs_console=ocs-session-"), "{set}");
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(attribute), "cookie lacks {attribute}: {set}");
    }
    cookie_of(&response)
}

/// The form token shown on a page.
pub(crate) fn token_in(page: &str) -> String {
    let start = page.find("name=\"form_token\" value=\"").unwrap() + 25;
    page[start..start + 64].to_owned()
}

pub(crate) async fn token(app: &TestApp, cookie: &str) -> String {
    let response = send(app, get_with("/console/initiatives", cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    token_in(&text(response).await)
}

/// Whether the answer let the request through (anything but a refusal or a redirect to the
/// sign-in page).
pub(crate) fn allowed(response: &Response<Body>) -> bool {
    let to_sign_in = response
        .headers()
        .get(header::LOCATION)
        .is_some_and(|l| l == "/console/sign-in");
    !matches!(
        response.status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED
    ) && !to_sign_in
}
