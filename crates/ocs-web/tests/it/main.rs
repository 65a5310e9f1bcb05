//! Integration tests of the web layer, driving the real router, service and SQLite store.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::missing_panics_doc,
    reason = "test code: a failed step ends the test with its message"
)]

mod admission;
mod api;
mod cheap_reads;
mod concurrency;
mod configured;
mod console;
mod console_paper;
mod console_setup;
mod destruction;
mod eid;
mod errors;
mod hostile;
mod key_holders;
mod languages;
mod lifecycle;
mod light;
mod official_texts;
mod open_data;
mod pages;
mod paper;
mod retention;
mod saml;
mod security;
mod selfservice;
mod shed;
mod snapshots;
mod socket;
mod tally_log;
mod web_state;

use axum::body::Body;
use axum::http::{Request, Response, header};
use http_body_util::BodyExt as _;
use ocs_testkit::TestApp;
use serde_json::{Value, json};
use tower::ServiceExt as _;

/// Sends one request through the router.
pub async fn send(app: &TestApp, request: Request<Body>) -> Response<Body> {
    app.router.clone().oneshot(request).await.unwrap()
}

/// Reads a body as text.
pub async fn text(response: Response<Body>) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Reads a body as JSON.
pub async fn json_of(response: Response<Body>) -> Value {
    serde_json::from_str(&text(response).await).unwrap()
}

/// Sends a request as a browser that opened the form first: a state-changing post that needs
/// the form token (`ocs_web::formguard::rule`) gets the form cookie and a `csrf` field.
pub async fn send_form(app: &TestApp, request: Request<Body>) -> Response<Body> {
    use ocs_web::formguard::{Rule, pass, rule};
    let (mut parts, body) = request.into_parts();
    if rule(&parts.method, parts.uri.path()) != Rule::FormToken {
        return send(app, Request::from_parts(parts, body)).await;
    }
    let bytes = body.collect().await.unwrap().to_bytes();
    let (cookie, token) = pass(&app.web);
    let mut text = String::from_utf8(bytes.to_vec()).unwrap();
    if !text.is_empty() {
        text.push('&');
    }
    text.push_str("csrf=");
    text.push_str(&token);
    let cookie = match parts.headers.get(header::COOKIE) {
        Some(old) => format!("{}; {cookie}", old.to_str().unwrap()),
        None => cookie,
    };
    parts
        .headers
        .insert(header::COOKIE, cookie.parse().unwrap());
    parts.headers.remove(header::CONTENT_LENGTH);
    send(app, Request::from_parts(parts, Body::from(text))).await
}

/// `GET path`.
pub async fn get(app: &TestApp, path: &str) -> Response<Body> {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}

/// The receipt cookie (`name=value`) a signing answer set.
pub fn receipt_cookie(response: &Response<Body>) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.contains("ocs_receipt="))
        .and_then(|value| value.split(';').next())
        .expect("a receipt cookie")
        .to_owned()
}

/// `GET path` with `cookie` (`name=value`).
pub async fn get_with_cookie(app: &TestApp, path: &str, cookie: &str) -> Response<Body> {
    let request = Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    send(app, request).await
}

/// `POST` a JSON statement to an initiative.
pub async fn post_statement(app: &TestApp, slug: &str, body: &Value) -> Response<Body> {
    let request = Request::post(format!("/api/v1/initiatives/{slug}/statements"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(app, request).await
}

/// Starts `POST path` with `body` as a task of its own, so several requests race; the task
/// gives back the status and the `Retry-After` header.
pub fn spawn_post(
    app: &TestApp,
    path: &str,
    content_type: &'static str,
    body: String,
) -> tokio::task::JoinHandle<(axum::http::StatusCode, Option<axum::http::HeaderValue>)> {
    use tower::ServiceExt as _;
    let router = app.router.clone();
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    tokio::spawn(async move {
        let response = router.oneshot(request).await.unwrap();
        let retry = response.headers().get(header::RETRY_AFTER).cloned();
        (response.status(), retry)
    })
}

/// A valid Part B statement (Austria, identity card) with a solved proof.
pub fn austrian(app: &TestApp, number: u32) -> Value {
    json!({
        "nationality": "AT",
        "fields": {
            "full.first.names": "Anna",
            "family.names": "Gruber",
            "id.type": "id.card",
            "id.number": format!("{number:08}"),
        },
        "consent": true,
        "altcha": app.solved_proof(),
    })
}

/// A valid Part A statement (Germany) with a solved proof.
pub fn german(app: &TestApp, first: &str, birth: &str) -> Value {
    json!({
        "nationality": "DE",
        "fields": {
            "full.first.names": first,
            "family.names": "Mustermann",
            "street": "Heidestraße",
            "street.number": "17",
            "postal.code": "51147",
            "city": "Köln",
            "country": "DE",
            "date.of.birth": birth,
        },
        "consent": true,
        "altcha": app.solved_proof(),
    })
}

/// Total of the counters API.
pub async fn total(app: &TestApp, slug: &str) -> u64 {
    let counters = json_of(get(app, &format!("/api/v1/initiatives/{slug}/counters")).await).await;
    counters["total"].as_u64().unwrap()
}
