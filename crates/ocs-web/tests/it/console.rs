//! The organiser console through the real router: sign-in with TOTP enrolment, the session
//! cookie, every route with every role, form tokens and the Origin check, session expiry
//! with the injected clock, and the dashboard against the counters API.

use std::fmt::Write as _;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use jiff::SignedDuration;
use ocs_crypto::totp::TotpSecret;
use ocs_domain::InitiativeId;
use ocs_domain::access::{AccountName, Principal, Role};
use ocs_service::Actor;
use ocs_testkit::TestApp;

use crate::{german, get, json_of, post_statement, send_form as send, text};

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

#[tokio::test]
async fn sign_in_enrols_the_second_factor_and_then_needs_the_code() {
    let app = TestApp::builder().build().await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let cookie = enrol_and_sign_in(&app, "ann").await;
    let page = text(send(&app, get_with("/console/initiatives", &cookie)).await).await;
    assert!(page.contains("/console/initiatives/demo"));
    assert!(
        !page.contains("/console/initiatives/other"),
        "an organiser sees another initiative"
    );

    // From now on the code is required, and a wrong one gets the same answer as a wrong
    // password.
    let no_code = send(
        &app,
        form_post(
            "/console/sign-in",
            "name=ann&password=correct+horse+battery&code=000000",
            None,
        ),
    )
    .await;
    assert_eq!(no_code.status(), StatusCode::UNAUTHORIZED);
    let wrong_password = send(
        &app,
        form_post(
            "/console/sign-in",
            "name=ann&password=wrong+horse+battery&code=000000",
            None,
        ),
    )
    .await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    let unknown = send(
        &app,
        form_post(
            "/console/sign-in",
            "name=nobody&password=wrong+horse+battery&code=000000",
            None,
        ),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert!(text(unknown).await.contains("CON-001"));

    // A second sign-in gets a new session id.
    app.clock.advance(SignedDuration::from_secs(60));
    let (code, _) = code_of(&app, "ann").await;
    let response = send(
        &app,
        form_post(
            "/console/sign-in",
            &format!("name=ann&password=correct+horse+battery&code={code}"),
            None,
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_ne!(cookie_of(&response), cookie);

    // Sign-out ends the session.
    let token = token(&app, &cookie).await;
    let response = send(
        &app,
        form_post(
            "/console/sign-out",
            &format!("form_token={token}"),
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let after = send(&app, get_with("/console/initiatives", &cookie)).await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    assert_eq!(after.headers()[header::LOCATION], "/console/sign-in");
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

#[tokio::test]
async fn sessions_end_when_idle_and_after_the_absolute_limit() {
    let app = TestApp::builder().build().await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let cookie = enrol_and_sign_in(&app, "ann").await;
    let page = |cookie: String| {
        let app = &app;
        async move {
            send(app, get_with("/console/initiatives", &cookie))
                .await
                .status()
        }
    };
    // Idle: 29 minutes is fine, then 30 without a request ends it.
    app.clock.advance(SignedDuration::from_mins(29));
    assert_eq!(page(cookie.clone()).await, StatusCode::OK);
    app.clock.advance(SignedDuration::from_mins(30));
    assert_eq!(page(cookie.clone()).await, StatusCode::SEE_OTHER);

    // Absolute: active every 20 minutes, still ended after 12 hours.
    app.clock.advance(SignedDuration::from_mins(1));
    let (code, _) = code_of(&app, "ann").await;
    let response = send(
        &app,
        form_post(
            "/console/sign-in",
            &format!("name=ann&password=correct+horse+battery&code={code}"),
            None,
        ),
    )
    .await;
    let cookie = cookie_of(&response);
    for _ in 0..35 {
        app.clock.advance(SignedDuration::from_mins(20));
        assert_eq!(page(cookie.clone()).await, StatusCode::OK);
    }
    app.clock.advance(SignedDuration::from_mins(20));
    assert_eq!(page(cookie).await, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_dashboard_shows_the_counters_of_the_api() {
    let app = TestApp::builder().build().await;
    account(&app, "olga", Role::Observer, Some(1)).await;
    for (first, birth) in [("Erika", "1964-08-12"), ("Hans", "1970-01-02")] {
        let response = post_statement(&app, "demo", &german(&app, first, birth)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let cookie = enrol_and_sign_in(&app, "olga").await;
    let page = text(send(&app, get_with("/console/initiatives/demo", &cookie)).await).await;
    let counters = json_of(get(&app, "/api/v1/initiatives/demo/counters").await).await;
    let total = counters["total"].as_u64().unwrap();
    assert_eq!(total, 2);
    assert!(
        page.contains(&format!("<strong id=\"total\">{total}</strong>")),
        "{page}"
    );
    let threshold = counters["threshold_total"].as_u64().unwrap();
    assert_eq!(threshold, 1_000_000);
    assert!(page.contains("</strong> / 1\u{202F}000\u{202F}000</p>"));
    let at_minimum = counters["countries_at_minimum"].as_u64().unwrap();
    assert!(page.contains(&format!("<strong id=\"at-minimum\">{at_minimum}</strong>")));
    let germany = counters["by_country"]["DE"].as_u64().unwrap();
    assert!(page.contains(&format!("<th scope=\"row\">Germany</th><td>{germany}</td>")));
    // The charts: SVG with a title, and the same numbers as a table.
    assert!(page.contains("role=\"img\" aria-labelledby=\"per-day-title\""));
    assert!(page.contains("<title id=\"per-hour-title\">Statements per hour"));
    assert!(page.contains("<tr><th scope=\"row\">2026-06-15</th><td>2</td></tr>"));
    assert!(page.contains("<tr><th scope=\"row\">2026-06-15 10:00</th><td>2</td></tr>"));
    assert!(page.contains("<tr><th scope=\"row\">2026-06-15 09:00</th><td>0</td></tr>"));
    assert!(page.contains("2 statements in the last 24 hours"));
    // An observer sees no actions.
    assert!(!page.contains("/lifecycle"));
    // The burst monitor: nothing yet, then a prefix with many signatures in one hour.
    assert!(page.contains("<h2 id=\"bursts\">Unusual bursts"), "{page}");
    assert!(page.contains("<p id=\"bursts-none\">No unusual bursts.</p>"));
    let hour = jiff::Timestamp::from_second(1_781_517_600).unwrap(); // 2026-06-15 10:00 UTC
    for _ in 0..60 {
        app.web.bursts().record(
            ocs_domain::CountryCode::parse("AT").unwrap(),
            "198.51.100.7".parse().unwrap(),
            hour,
        );
    }
    let page = text(send(&app, get_with("/console/initiatives/demo", &cookie)).await).await;
    assert!(!page.contains("bursts-none"), "{page}");
    assert!(page.contains(
        "<tr><td>Network prefix</td><th scope=\"row\">198.51.100.0/24</th><td>60</td><td>2026-06-15 10:00 UTC</td></tr>"
    ), "{page}");
}

#[test]
fn every_language_has_every_console_string() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let ids = |lang: &str| {
        let source = std::fs::read_to_string(dir.join(lang).join("console.ftl")).unwrap();
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(source.clone()) {
            panic!("{lang}/console.ftl does not parse: {errors:?}");
        }
        source
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.to_owned()))
            .filter(|id| id.starts_with("console-"))
            .collect::<std::collections::BTreeSet<_>>()
    };
    let english = ids("en");
    assert!(english.contains("console-sign-in-title"));
    let languages = [
        "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
        "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    ];
    for lang in languages {
        assert_eq!(ids(lang), english, "{lang}/console.ftl");
    }
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

#[tokio::test]
async fn a_host_admin_adds_and_disables_accounts() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    let cookie = enrol_and_sign_in(&app, "root").await;
    let token = token(&app, &cookie).await;
    let add = |body: String| form_post("/console/accounts", &body, Some(&cookie));

    // An organiser needs an initiative; a short password is refused.
    let response = send(
        &app,
        add(format!(
            "name=bea&role=organiser&initiative=&password=correct+horse+battery&form_token={token}"
        )),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(response).await.contains("ACC-005"));
    let response = send(
        &app,
        add(format!(
            "name=bea&role=organiser&initiative=demo&password=short&form_token={token}"
        )),
    )
    .await;
    assert!(text(response).await.contains("ACC-001"));

    let response = send(
        &app,
        add(format!(
            "name=bea&role=organiser&initiative=demo&password=correct+horse+battery&form_token={token}"
        )),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let list = text(send(&app, get_with("/console/accounts", &cookie)).await).await;
    assert!(list.contains("<th scope=\"row\">bea</th><td>organiser</td><td>demo</td>"));

    // Bea signs in; once disabled, her session stops at the next request.
    let bea = enrol_and_sign_in(&app, "bea").await;
    assert_eq!(
        send(&app, get_with("/console/initiatives/demo", &bea))
            .await
            .status(),
        StatusCode::OK
    );
    let response = send(
        &app,
        form_post(
            "/console/accounts/bea/disabled",
            &format!("disabled=true&form_token={token}"),
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let after = send(&app, get_with("/console/initiatives/demo", &bea)).await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    let audit = text(send(&app, get_with("/console/initiatives/demo/audit", &cookie)).await).await;
    assert!(audit.contains("account.disabled"), "{audit}");
    assert!(audit.contains("user root"));
}

#[tokio::test]
async fn repeated_failures_are_throttled_and_console_home_redirects() {
    let app = TestApp::builder().build().await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let home = get(&app, "/console").await;
    assert_eq!(home.status(), StatusCode::SEE_OTHER);
    assert_eq!(home.headers()[header::LOCATION], "/console/sign-in");
    let page = text(get(&app, "/console/sign-in").await).await;
    assert!(page.contains("<label for=\"code\">"));
    for _ in 0..5 {
        let response = send(
            &app,
            form_post(
                "/console/sign-in",
                "name=ann&password=wrong+horse+battery&code=",
                None,
            ),
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // Even the right password is now refused for this name from this network, with its own
    // code and how long to wait (issue 19, finding 8).
    let response = send(
        &app,
        form_post(
            "/console/sign-in",
            "name=ann&password=correct+horse+battery&code=",
            None,
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()[header::RETRY_AFTER], "900");
    assert!(text(response).await.contains("CON-002"));
    // After the window it works again (the enrolment page, as it is the first sign-in).
    app.clock.advance(SignedDuration::from_mins(16));
    let response = send(
        &app,
        form_post(
            "/console/sign-in",
            "name=ann&password=correct+horse+battery&code=",
            None,
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_totp_secret_is_not_in_clear_in_the_database_file() {
    // Reads the SQLite file's bytes: on SQLite whatever the suite's backend.
    let app = TestApp::builder()
        .backend(ocs_testkit::TestBackend::Sqlite)
        .build()
        .await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    enrol_and_sign_in(&app, "ann").await;
    let secret = totp_secret_of(&app, "ann").await;
    let stored = app
        .store
        .account_by_name(&AccountName::parse("ann").unwrap())
        .await
        .unwrap()
        .unwrap()
        .totp_secret
        .unwrap();
    assert!(ocs_crypto::totp::is_sealed(&stored), "not sealed");
    // The database and its journal files, whatever SQLite has written so far.
    let mut files = 0;
    for entry in std::fs::read_dir(app.data_dir()).unwrap() {
        let path = entry.unwrap().path();
        // Regular files only: the administration socket is named after the database too.
        if !path.is_file()
            || !path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("ocs.db")
        {
            continue;
        }
        files += 1;
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            !bytes
                .windows(secret.as_bytes().len())
                .any(|w| w == secret.as_bytes()),
            "the raw TOTP secret is in {}",
            path.display()
        );
        let base32 = secret.base32();
        assert!(
            !bytes.windows(base32.len()).any(|w| w == base32.as_bytes()),
            "the base32 TOTP secret is in {}",
            path.display()
        );
    }
    assert!(files >= 1, "no database file found");
    // And the sealed secret still signs in (with the next step's code: each is used once).
    app.clock.advance(SignedDuration::from_secs(30));
    let (code, _) = code_of(&app, "ann").await;
    let body = format!("name=ann&password=correct+horse+battery&code={code}");
    let response = send(&app, form_post("/console/sign-in", &body, None)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

/// Issue 17, item 11: the dashboard draws the map of the 27 states (each named by a title)
/// next to the per-state table, its text alternative.
#[tokio::test]
async fn the_dashboard_shows_the_map_of_the_states_next_to_the_table() {
    let app = TestApp::builder().build().await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let cookie = enrol_and_sign_in(&app, "ann").await;
    let page = text(send(&app, get_with("/console/initiatives/demo?lang=en", &cookie)).await).await;
    assert!(
        page.contains("<svg id=\"console-map\"")
            && page.contains("role=\"img\" aria-labelledby=\"console-map-caption\""),
        "{page}"
    );
    assert_eq!(
        page.matches("<path id=\"console-map-").count(),
        27,
        "{page}"
    );
    assert!(page.contains("<title>Austria: 0 of "), "{page}");
    let table = page.find("<caption>").unwrap();
    let map = page.find("<svg id=\"console-map\"").unwrap();
    assert!(table < map, "the table comes first, then the map");
}
