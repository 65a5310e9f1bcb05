//! One error path (issue 15, item 5): every error answer of every route, whatever refused it
//! (a handler, an extractor, a layer or axum itself), carries a code of the registry and its
//! message in the reader's language; none is a bare status with a text body.

use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use ocs_domain::ErrorCode;
use ocs_domain::access::Role;
use ocs_testkit::TestApp;
use ocs_web::routes::all_routes;
use serde_json::Value;

use crate::console::{account, enrol_and_sign_in};
use crate::{send, text};

/// A concrete path for a route pattern, with `slug` for `{slug}`.
fn concrete(pattern: &str, slug: &str) -> String {
    pattern
        .replace("{slug}", slug)
        .replace("{nationality}", "DE")
        .replace("{token}", "nonsense")
        .replace("{file}", "no-such-file.css")
        .replace("{name}", "nobody")
        .replace("{provider}", "nobody")
        .replace("{L}", "0")
        .replace("{N}", "999")
}

/// The code an error answer shows: from `{"errors":[…]}` or from the error page.
async fn code_of(what: &str, response: Response<Body>) -> Option<ErrorCode> {
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return None;
    }
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = text(response).await;
    if kind.starts_with("application/json") {
        let value: Value = serde_json::from_str(&body).unwrap();
        let errors = value["errors"].as_array().expect("an `errors` list");
        assert!(!errors.is_empty(), "{what}: {body}");
        for error in errors {
            let message = error["message"].as_str().unwrap();
            assert!(
                !message.is_empty() && !message.starts_with("error-"),
                "{what}: untranslated {body}"
            );
        }
        let code = errors[0]["code"].as_str().unwrap();
        return Some(
            ErrorCode::parse(code).unwrap_or_else(|| panic!("{what}: {code} unregistered")),
        );
    }
    assert!(
        kind.starts_with("text/html"),
        "{what}: a bare {status} answer ({kind:?}): {body}"
    );
    assert!(body.contains("<html lang=\"de\""), "{what}: not in German");
    assert!(!body.contains(">error-"), "{what}: an untranslated message");
    let start = body
        .find("<code>")
        .unwrap_or_else(|| panic!("{what}: an error page without a code: {body}"))
        + 6;
    let end = start + body[start..].find("</code>").unwrap();
    Some(
        ErrorCode::parse(&body[start..end])
            .unwrap_or_else(|| panic!("{what}: {} is not in the registry", &body[start..end])),
    )
}

fn request(method: &str, path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::ACCEPT_LANGUAGE, "de");
    if method == "POST" {
        request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from("a=b")).unwrap()
}

#[tokio::test]
async fn every_error_answer_of_every_route_carries_a_registered_code_in_the_readers_language() {
    let app = TestApp::builder().build().await;
    account(&app, "watcher", Role::Observer, Some(999)).await;
    let observer = enrol_and_sign_in(&app, "watcher").await;
    let mut errors = 0;
    let mut seen = std::collections::BTreeSet::new();
    let routes = all_routes()
        .copied()
        .chain([("GET", "/no/such/page"), ("DELETE", "/")]);
    for (method, pattern) in routes {
        let swapped = if method == "GET" { "POST" } else { "GET" };
        for slug in ["demo", "no-such-initiative"] {
            let path = concrete(pattern, slug);
            for (method, cookie) in [
                (method, None),
                (swapped, None),
                (method, Some(observer.as_str())),
            ] {
                let what = format!("{method} {path} (signed in: {})", cookie.is_some());
                let response = send(&app, request(method, &path, cookie)).await;
                if response.status() == StatusCode::METHOD_NOT_ALLOWED {
                    assert!(response.headers().contains_key(header::ALLOW), "{what}");
                }
                if let Some(code) = code_of(&what, response).await {
                    errors += 1;
                    seen.insert(code);
                }
            }
        }
    }
    assert!(errors > 100, "the walk met {errors} errors");
    // What the walk must have met: each kind of refuser.
    for code in [
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::InitiativeNotFound,
        ErrorCode::FormExpired,
        ErrorCode::ConsoleFormToken,
        ErrorCode::ConsoleForbidden,
        ErrorCode::UnsupportedMediaType,
    ] {
        assert!(seen.contains(&code), "{code} was never met: {seen:?}");
    }
}

#[tokio::test]
async fn a_console_refusal_is_a_translated_page_with_its_code() {
    let app = TestApp::builder().build().await;
    account(&app, "watcher", Role::Observer, Some(999)).await;
    let cookie = enrol_and_sign_in(&app, "watcher").await;
    let response = send(&app, request("GET", "/console/accounts", Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = text(response).await;
    assert!(page.contains("<code>CON-004</code>"), "{page}");
    assert!(page.contains("Dieses Konto darf das nicht tun."), "{page}");
    // The same refusal in another language.
    let response = send(
        &app,
        Request::get("/console/accounts?lang=fr")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let page = text(response).await;
    assert!(
        page.contains("Ce compte n’est pas autorisé à effectuer cette action."),
        "{page}"
    );
}
