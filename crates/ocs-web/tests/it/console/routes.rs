//! Every console route with every role (the matrix), and the form token and Origin check on
//! every post, the certificate upload included.

use std::fmt::Write as _;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use ocs_domain::InitiativeId;
use ocs_domain::access::Role;
use ocs_testkit::TestApp;

use super::{account, allowed, enrol_and_sign_in, form_post, get_with, token};
use crate::{get, send_form as send, text};

// (method, path, body, who may: anonymous, observer, organiser own, organiser other, admin)
// POST bodies get the session's token appended. An allowed lifecycle action that the
// stage refuses answers 422, which still shows the handler ran.
const MATRIX: &[(&str, &str, &str, [bool; 5])] = &[
    (
        "GET",
        "/console/initiatives",
        "",
        [false, true, true, true, true],
    ),
    (
        "GET",
        "/console/initiatives/demo",
        "",
        [false, true, true, false, true],
    ),
    (
        "GET",
        "/console/initiatives/demo/audit",
        "",
        [false, true, true, false, true],
    ),
    (
        "POST",
        "/console/initiatives/demo/lifecycle",
        "action=submit",
        [false, false, true, false, true],
    ),
    (
        "POST",
        "/console/initiatives/demo/certificate",
        "",
        [false, false, true, false, true],
    ),
    (
        "POST",
        "/console/initiatives/demo/dates",
        "start=2026-02-02&end=2026-01-01",
        [false, false, true, false, true],
    ),
    // The recipient key holders' page (a key of no recipient answers 422: the handler ran).
    (
        "GET",
        "/console/initiatives/demo/keys",
        "",
        [false, false, true, false, true],
    ),
    (
        "POST",
        "/console/initiatives/demo/keys",
        "key=00000000deadbeef&holder=Ann",
        [false, false, true, false, true],
    ),
    (
        "GET",
        "/console/accounts",
        "",
        [false, false, false, false, true],
    ),
    (
        "GET",
        "/console/initiatives/demo/paper",
        "",
        [false, false, true, false, true],
    ),
    (
        "POST",
        "/console/initiatives/demo/paper",
        "nationality=AT&id.number=12",
        [false, false, true, false, true],
    ),
    // E-mail updates (this test app has no `[mail]`: allowed roles get the page saying so).
    (
        "GET",
        "/console/initiatives/demo/mail",
        "",
        [false, false, true, false, true],
    ),
    (
        "POST",
        "/console/initiatives/demo/mail/export",
        "",
        [false, false, true, false, true],
    ),
    (
        "POST",
        "/console/initiatives/demo/mail/send",
        "subject=Hi&body=Hello&confirm=yes",
        [false, false, true, false, true],
    ),
    (
        "POST",
        "/console/accounts",
        "name=newbie&role=bogus&password=x",
        [false, false, false, false, true],
    ),
    (
        "POST",
        "/console/accounts/victim/disabled",
        "disabled=false",
        [false, false, false, false, true],
    ),
    (
        "POST",
        "/console/sign-out",
        "",
        [false, true, true, true, true],
    ),
];

#[tokio::test]
async fn every_route_with_every_role() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    account(&app, "otto", Role::Organiser, Some(2)).await;
    account(&app, "olga", Role::Observer, Some(1)).await;
    account(&app, "victim", Role::Observer, Some(1)).await;
    let mut sessions = vec![("anonymous", None)];
    for name in ["olga", "ann", "otto", "root"] {
        let cookie = enrol_and_sign_in(&app, name).await;
        sessions.push((name, Some(cookie)));
    }
    for &(method, path, body, expected) in MATRIX {
        for (index, (who, cookie)) in sessions.iter().enumerate() {
            let response = attempt(&app, method, path, body, cookie.as_deref()).await;
            let status = response.status();
            let ok = if path == "/console/sign-out" {
                // Sign-out redirects either way; allowed means the session ended.
                cookie.is_some() && status == StatusCode::SEE_OTHER
            } else {
                allowed(&response)
            };
            assert_eq!(
                ok, expected[index],
                "{method} {path} as {who}: status {status}"
            );
            if !expected[index] && cookie.is_some() && path != "/console/sign-out" {
                assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path} as {who}");
            }
        }
    }
}

/// One request of the matrix; a POST carries the session's current token.
async fn attempt(
    app: &TestApp,
    method: &str,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> Response<Body> {
    if method == "GET" {
        return match cookie {
            Some(cookie) => send(app, get_with(path, cookie)).await,
            None => get(app, path).await,
        };
    }
    let token = match cookie {
        Some(cookie) => token(app, cookie).await,
        None => String::new(),
    };
    if path.ends_with("/certificate") {
        send(app, certificate_upload(&token, cookie)).await
    } else {
        send(
            app,
            form_post(path, &format!("{body}&form_token={token}"), cookie),
        )
        .await
    }
}

fn certificate_upload(token: &str, cookie: Option<&str>) -> Request<Body> {
    certificate_of_size(token, cookie, 0)
}

/// An upload whose PDF is padded by `padding` bytes.
fn certificate_of_size(token: &str, cookie: Option<&str>, padding: usize) -> Request<Body> {
    let boundary = "XyZboundary";
    let mut body = String::new();
    for (name, value) in [
        ("form_token", token),
        ("authority", "Bundesverwaltungsamt"),
        ("issued_on", "2026-05-01"),
    ] {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        )
        .unwrap();
    }
    write!(
        body,
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 certificate{}\r\n--{boundary}--\r\n",
        " ".repeat(padding)
    )
    .unwrap();
    let mut request = Request::post("/console/initiatives/demo/certificate")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::HOST, "127.0.0.1")
        .header(header::ORIGIN, "https://127.0.0.1");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn posts_need_the_form_token_and_our_origin() {
    let app = TestApp::builder().draft(1).build().await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let cookie = enrol_and_sign_in(&app, "ann").await;
    let token = token(&app, &cookie).await;
    let path = "/console/initiatives/demo/lifecycle";

    let missing = send(&app, form_post(path, "action=start-test", Some(&cookie))).await;
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    let wrong = send(
        &app,
        form_post(
            path,
            &format!("action=start-test&form_token={}", "0".repeat(64)),
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let upload = send(&app, certificate_upload("nope", Some(&cookie))).await;
    assert_eq!(upload.status(), StatusCode::FORBIDDEN);

    let cross = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::COOKIE, &cookie)
        .body(Body::from(format!("action=start-test&form_token={token}")))
        .unwrap();
    assert_eq!(send(&app, cross).await.status(), StatusCode::FORBIDDEN);
    // Nothing happened so far.
    assert_eq!(
        app.store.lifecycle(InitiativeId::new(1)).await.unwrap(),
        None,
        "the stage changed"
    );

    // With the token and our origin it goes through.
    let ok = send(
        &app,
        form_post(
            path,
            &format!("action=start-test&form_token={token}"),
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let page = text(send(&app, get_with("/console/initiatives/demo", &cookie)).await).await;
    assert!(page.contains("TEST"), "no TEST marker after start-test");
    // Larger than the general body limit (16 KiB): the upload route has its own.
    let upload = send(&app, certificate_of_size(&token, Some(&cookie), 200_000)).await;
    assert_eq!(upload.status(), StatusCode::SEE_OTHER);
    let page = text(send(&app, get_with("/console/initiatives/demo", &cookie)).await).await;
    assert!(page.contains("Bundesverwaltungsamt (2026-05-01)"));
    // The period: checked by the date rules (notice at least 10 working days before).
    let dates = "/console/initiatives/demo/dates";
    let too_soon = send(
        &app,
        form_post(
            dates,
            &format!("notice=2026-01-26&start=2026-02-02&end=2027-01-31&form_token={token}"),
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(too_soon.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(too_soon).await.contains("LIF-"));
    let set = send(
        &app,
        form_post(
            dates,
            &format!("notice=2026-01-05&start=2026-02-02&end=2027-01-31&form_token={token}"),
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(set.status(), StatusCode::SEE_OTHER);
    let page = text(send(&app, get_with("/console/initiatives/demo", &cookie)).await).await;
    assert!(page.contains("name=\"start\" type=\"date\" required value=\"2026-02-02\""));
    // Going live needs the typed registration number.
    let refused = send(
        &app,
        form_post(
            path,
            &format!("action=go-live&confirmation=nope&form_token={token}"),
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let audit = text(send(&app, get_with("/console/initiatives/demo/audit", &cookie)).await).await;
    assert!(audit.contains("Audit trail intact"), "{audit}");
    assert!(audit.contains("initiative.start-test"));
}

#[test]
fn the_matrix_walks_every_console_route() {
    // The routes a signed-out visitor must reach are the sign-in ones and the redirect.
    let public = [
        ("GET", "/console"),
        ("GET", "/console/sign-in"),
        ("POST", "/console/sign-in"),
    ];
    assert_eq!(ocs_web::routes::console::ROUTES.len(), public.len() + 12);
    for (method, path) in public {
        assert!(ocs_web::routes::console::ROUTES.contains(&(method, path)));
    }
    // So are the e-mail page's three routes and the paper page's two.
    assert_eq!(ocs_web::routes::console_mail::ROUTES.len(), 3);
    assert_eq!(ocs_web::routes::console_paper::ROUTES.len(), 2);
}
