//! Console accounts and sessions: sign-in enrols the second factor, sessions end when idle
//! and at the absolute limit, failures are throttled, the TOTP secret is sealed at rest, and
//! a host admin adds and disables accounts.

use axum::http::{StatusCode, header};
use jiff::SignedDuration;
use ocs_domain::access::{AccountName, Role};
use ocs_testkit::TestApp;

use super::{
    account, code_of, cookie_of, enrol_and_sign_in, form_post, get_with, token, totp_secret_of,
};
use crate::{get, send_form as send, text};

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
