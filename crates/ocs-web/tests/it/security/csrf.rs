//! Cross-site request forgery: a foreign origin is refused with a code and no input echoed,
//! and every state-changing route needs its synchroniser token (or JSON under `/api/`).

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ocs_testkit::TestApp;
use ocs_web::WebSettings;
use ocs_web::routes::all_routes;

use super::concrete;
use crate::{get, json_of, send, text};

fn form_post(path: &str, origin: Option<&str>, referer: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, "sign.example.eu")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    if let Some(referer) = referer {
        request = request.header(header::REFERER, referer);
    }
    request
        .body(Body::from(
            "form_token=x&consent=on&full.first.names=Quokka",
        ))
        .unwrap()
}

#[tokio::test]
async fn a_cross_site_post_is_refused_with_a_code_and_no_input_echoed() {
    let app = TestApp::builder()
        .web_settings(WebSettings {
            allowed_origin: Some("https://sign.example.eu".into()),
            ..WebSettings::default()
        })
        .build()
        .await;
    let path = "/initiatives/demo/sign/AT";
    for (origin, referer) in [
        (Some("https://evil.example"), None),
        (Some("null"), None),
        (None, Some("https://evil.example/page")),
    ] {
        let response = send(&app, form_post(path, origin, referer)).await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{origin:?} {referer:?}"
        );
        let request_id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let page = text(response).await;
        assert!(page.contains("SEC-001"), "{page}");
        assert!(page.contains(&request_id), "the page shows the request id");
        assert!(!page.contains("Quokka"), "the refusal shows no input");
    }
    // The API answers in JSON.
    let request = Request::post("/api/v1/initiatives/demo/statements")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(json_of(response).await["errors"][0]["code"], "SEC-001");
    // Our own origin reaches the handler (which then wants consent, a token and fields).
    let response =
        crate::send_form(&app, form_post(path, Some("https://sign.example.eu"), None)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.signing
            .metrics()
            .recorded
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );
}

#[tokio::test]
async fn csrf_tokens_bind_to_their_session() {
    let app = TestApp::builder().build().await;
    let web = &app.web;
    let token = web.csrf_token(b"session-1");
    assert!(web.csrf_valid(&token, b"session-1"));
    assert!(!web.csrf_valid(&token, b"session-2"));
    assert!(!web.csrf_valid("", b"session-1"));
}

/// Every state-changing route refuses a same-origin request without its synchroniser token
/// (the public form token, or the console session's `form_token`), or under `/api/` one
/// that is not JSON. A route added without CSRF protection fails here.
#[tokio::test]
async fn every_post_route_needs_its_token_or_json() {
    use std::fmt::Write as _;

    use ocs_web::formguard::{Rule, pass, rule};
    let app = TestApp::builder().build().await;
    crate::console::account(&app, "root", ocs_domain::access::Role::HostAdmin, None).await;
    let session = crate::console::enrol_and_sign_in(&app, "root").await;
    let (form_cookie, _) = pass(&app.web);
    // A real token, but bound to another visitor's cookie.
    let (_, foreign) = pass(&app.web);
    let mut checked = 0;
    for (method, pattern) in all_routes().filter(|(m, _)| *m != "GET") {
        let path = concrete(pattern);
        let method = axum::http::Method::from_bytes(method.as_bytes()).unwrap();
        let expected = match rule(&method, &path) {
            Rule::Json => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "REQ-003"),
            Rule::ConsoleSession => (StatusCode::FORBIDDEN, "CON-006"),
            Rule::FormToken => (StatusCode::FORBIDDEN, "SEC-002"),
            Rule::SamlResponse => {
                // Posted by the IdP's page: no token, but nothing without a signed answer
                // to the request in the signer's flow cookie (tests/it/saml.rs).
                let request = Request::post(&path)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(
                        "SAMLResponse=PHNhbWw%2BPC9zYW1sPg%3D%3D&RelayState=x",
                    ))
                    .unwrap();
                let response = send(&app, request).await;
                assert!(
                    response.status().is_client_error(),
                    "{path}: {}",
                    response.status()
                );
                assert!(response.headers().get(header::SET_COOKIE).is_none());
                checked += 1;
                continue;
            }
            Rule::WitnessCosignature => {
                // Posted by a witness program: no token, but nothing is stored without a line
                // that verifies under a configured witness key (tests/it/tally_log.rs).
                let request = Request::post(&path)
                    .header(header::CONTENT_TYPE, "text/plain")
                    .body(Body::from("a=b"))
                    .unwrap();
                let response = send(&app, request).await;
                assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
                assert!(text(response).await.contains("REQ-001"), "{path}");
                checked += 1;
                continue;
            }
            Rule::Safe => panic!("{method} {path} is not state-changing"),
        };
        let bodies = [
            "a=b".to_owned(),
            format!("a=b&csrf={foreign}&form_token={}", "0".repeat(64)),
            "a=b&csrf=&form_token=".to_owned(),
        ];
        // The certificate upload is the one multipart form.
        let multipart = path.ends_with("/certificate");
        for body in bodies {
            let (content_type, body) = if multipart {
                let mut out = String::new();
                for pair in body.split('&') {
                    let (name, value) = pair.split_once('=').unwrap();
                    let _ = write!(
                        out,
                        "--X\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                    );
                }
                out.push_str("--X--\r\n");
                ("multipart/form-data; boundary=X", out)
            } else {
                ("application/x-www-form-urlencoded", body)
            };
            let request = Request::builder()
                .method(method.clone())
                .uri(&path)
                .header(header::HOST, "127.0.0.1")
                .header(header::ORIGIN, "https://127.0.0.1")
                .header(header::CONTENT_TYPE, content_type)
                .header(header::COOKIE, format!("{session}; {form_cookie}"))
                .body(Body::from(body.clone()))
                .unwrap();
            let response = send(&app, request).await;
            assert_eq!(response.status(), expected.0, "{method} {path} with {body}");
            let answer = text(response).await;
            assert!(answer.contains(expected.1), "{method} {path}: {answer}");
        }
        checked += 1;
    }
    assert!(checked >= 12, "{checked} routes");
}

/// The control for the test above: with the cookie and its token, the public forms pass the
/// guard (whatever the handler then answers), and the refusal page echoes no input.
#[tokio::test]
async fn a_form_with_its_token_passes_and_a_refusal_echoes_nothing() {
    let app = TestApp::builder().build().await;
    let (cookie, token) = ocs_web::formguard::pass(&app.web);
    for path in [
        "/initiatives/demo/sign/AT",
        "/initiatives/demo/my-statement",
        "/mail/confirm/nonsense",
        "/mail/unsubscribe/nonsense",
        "/console/sign-in",
    ] {
        let post = |body: String, cookie: &str| {
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, cookie)
                .body(Body::from(body))
                .unwrap()
        };
        let passed = send(
            &app,
            post(format!("full.first.names=Quokka&csrf={token}"), &cookie),
        )
        .await;
        let status = passed.status();
        assert!(!text(passed).await.contains("SEC-002"), "{path}: {status}");
        let refused = send(
            &app,
            post("full.first.names=Quokka&csrf=forged".into(), &cookie),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{path}");
        let page = text(refused).await;
        assert!(
            page.contains("SEC-002") && !page.contains("Quokka"),
            "{path}"
        );
        // The token of one cookie does not verify with another.
        let (other, _) = ocs_web::formguard::pass(&app.web);
        let swapped = send(&app, post(format!("csrf={token}"), &other)).await;
        assert_eq!(swapped.status(), StatusCode::FORBIDDEN, "{path}");
    }
    // The RFC 8058 one-click unsubscribe of a mail provider needs no cookie.
    let one_click = send(
        &app,
        Request::post("/mail/unsubscribe/nonsense")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("List-Unsubscribe=One-Click"))
            .unwrap(),
    )
    .await;
    assert!(!text(one_click).await.contains("SEC-002"));
    // A form page sets the cookie its token is bound to.
    let form = get(&app, "/initiatives/demo/sign/AT").await;
    let set = form.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    for part in [
        "__Host-ocs_form=",
        "HttpOnly",
        "Secure",
        "SameSite=Lax",
        "Path=/",
    ] {
        assert!(set.contains(part), "{set}");
    }
    assert!(text(form).await.contains("name=\"csrf\" value=\""));
}
