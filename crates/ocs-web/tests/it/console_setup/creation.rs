//! Creating an initiative in the console: every set-up route with every role, creation from
//! the register's XML export (good, malformed, or under a refused regime or storage country),
//! and a created initiative signable through the API without a restart.

use axum::body::Body;
use axum::http::{Response, StatusCode};
use ocs_domain::access::{Principal, Role};
use ocs_domain::lifecycle::Action;
use ocs_domain::{InitiativeId, Slug};
use ocs_service::Actor;
use ocs_testkit::TestApp;

use super::{REGISTER_XML, create_rivers, multipart, public_key};
use crate::console::{account, allowed, enrol_and_sign_in, get_with, token};
use crate::{german, get, post_statement, send, text, total};

#[tokio::test]
async fn every_setup_route_with_every_role() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    account(&app, "otto", Role::Organiser, Some(2)).await;
    account(&app, "olga", Role::Observer, Some(1)).await;
    let mut sessions = vec![("anonymous", None)];
    for name in ["olga", "ann", "otto", "root"] {
        sessions.push((name, Some(enrol_and_sign_in(&app, name).await)));
    }
    // (method, path, who may: anonymous, observer, organiser own, organiser other, admin).
    // The demo comes from the configuration: its set-up page is shown (managed by the file)
    // to those who may see it, and a save is refused (422): both show the handler ran.
    let routes: [(&str, &str, [bool; 5]); 4] = [
        (
            "GET",
            "/console/new-initiative",
            [false, false, false, false, true],
        ),
        (
            "POST",
            "/console/new-initiative",
            [false, false, false, false, true],
        ),
        (
            "GET",
            "/console/initiatives/demo/setup",
            [false, false, true, false, true],
        ),
        (
            "POST",
            "/console/initiatives/demo/setup",
            [false, false, true, false, true],
        ),
    ];
    assert_eq!(ocs_web::routes::console_setup::ROUTES.len(), routes.len());
    for (method, path, expected) in routes {
        assert!(
            ocs_web::routes::console_setup::ROUTES
                .contains(&(method, path.replace("demo", "{slug}").as_str()))
        );
        for (index, (who, cookie)) in sessions.iter().enumerate() {
            let response = if method == "GET" {
                match cookie {
                    Some(cookie) => send(&app, get_with(path, cookie)).await,
                    None => get(&app, path).await,
                }
            } else {
                let token = match cookie {
                    Some(cookie) => token(&app, cookie).await,
                    None => String::new(),
                };
                let fields = [("form_token", token.as_str()), ("slug", "x")];
                send(
                    &app,
                    multipart(path, &fields, Some("not xml"), cookie.as_deref()),
                )
                .await
            };
            let status = response.status();
            assert_eq!(
                allowed(&response),
                expected[index],
                "{method} {path} as {who}: status {status}"
            );
            if !expected[index] && cookie.is_some() {
                assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path} as {who}");
            }
        }
    }
    // Only the two configuration-file initiatives, stored at start.
    assert_eq!(app.store.stored_initiatives().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_malformed_register_file_stores_nothing_and_says_why() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    let cookie = enrol_and_sign_in(&app, "root").await;
    let before = app.store.recent_audit(100).await.unwrap().len();
    for (xml, code) in [
        ("<export><initiative>", "REG-001"),
        ("<other/>", "REG-002"),
        (
            &*REGISTER_XML.replace(
                r#"registrationDate="2026-05-02""#,
                r#"registrationDate="soon""#,
            ),
            "REG-004",
        ),
    ] {
        let response = create_rivers(&app, &cookie, xml).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{code}"
        );
        let page = text(response).await;
        assert!(page.contains(code), "{code} not on the page");
        assert!(
            page.contains("the register file could not be read"),
            "{page}"
        );
    }
    // Only the two configuration-file initiatives, stored at start.
    assert_eq!(app.store.stored_initiatives().await.unwrap().len(), 2);
    assert_eq!(app.store.recent_audit(100).await.unwrap().len(), before);
    assert_eq!(
        get(&app, "/api/v1/initiatives/rivers").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_created_initiative_is_signable_without_a_restart() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    let cookie = enrol_and_sign_in(&app, "root").await;
    assert_eq!(
        get(&app, "/api/v1/initiatives/rivers").await.status(),
        StatusCode::NOT_FOUND
    );
    let response = create_rivers(&app, &cookie, REGISTER_XML).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let stored: Vec<_> = app
        .store
        .stored_initiatives()
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.slug.as_str() == "rivers")
        .collect();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].registration_number, "ECI(2026)000042");
    let audit = app.store.recent_audit(10).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|row| row.entry.action == "initiative.created" && row.entry.actor_name == "root")
    );
    // The set-up page knows it at once; the public API only says that the draft does not
    // collect, nothing of its texts (issue 19, finding 16), until it is in test mode (below).
    let response = get(&app, "/api/v1/initiatives/rivers").await;
    assert_eq!(response.status(), StatusCode::OK);
    let draft: serde_json::Value = serde_json::from_str(&text(response).await).unwrap();
    assert_eq!(draft["status"], "draft", "{draft}");
    assert_eq!(draft["collecting"], false, "{draft}");
    assert!(draft.get("title").is_none(), "{draft}");
    let page = text(send(&app, get_with("/console/initiatives/rivers/setup", &cookie)).await).await;
    assert!(page.contains("Save the rivers") && page.contains("Alex Example"));
    // Draft refuses; in test mode it takes statements, sealed to the configured key.
    let entry = app
        .signing
        .initiative(&Slug::parse("rivers").unwrap())
        .unwrap();
    let right = Principal::operator()
        .can_manage(entry.initiative.id)
        .unwrap();
    assert_ne!(
        post_statement(&app, "rivers", &german(&app, "Erika", "1980-01-01"))
            .await
            .status(),
        StatusCode::CREATED
    );
    app.lifecycle
        .apply(
            &Actor::Operator("ops".into()),
            right,
            Action::StartTest,
            "",
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        get(&app, "/api/v1/initiatives/rivers").await.status(),
        StatusCode::OK
    );
    let listed = text(get(&app, "/api/v1/initiatives").await).await;
    assert!(
        !listed.contains("rivers"),
        "a test-mode initiative is not listed"
    );
    let response = post_statement(&app, "rivers", &german(&app, "Erika", "1980-01-01")).await;
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "{}",
        text(response).await
    );
    assert_eq!(total(&app, "rivers").await, 1);
    assert_ne!(entry.initiative.id, InitiativeId::new(1));
}

/// Creates `rivers` from the register file with the given regime and storage country.
async fn create_rivers_as(
    app: &TestApp,
    cookie: &str,
    regime: &str,
    storage_country: &str,
    xml: &str,
) -> Response<Body> {
    let token = token(app, cookie).await;
    let key = public_key(app);
    let fields = [
        ("form_token", token.as_str()),
        ("slug", "rivers"),
        ("privacy_notice", "We process your data."),
        ("storage_country", storage_country),
        ("regime", regime),
        ("recipient_key", key.as_str()),
        ("language", "en"),
    ];
    send(
        app,
        multipart("/console/new-initiative", &fields, Some(xml), Some(cookie)),
    )
    .await
}

#[tokio::test]
async fn regime_eci_after_2022_and_a_missing_storage_country_are_refused_by_the_console() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    let cookie = enrol_and_sign_in(&app, "root").await;
    // Registered 2026-05-02: an ECI must use the central system.
    for (regime, country, code) in [
        ("eci", "AT", "INI-014"),
        ("national", "", "INI-015"),
        ("", "AT", "INI-016"),
    ] {
        let response = create_rivers_as(&app, &cookie, regime, country, REGISTER_XML).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{code}"
        );
        let page = text(response).await;
        assert!(page.contains(code), "{code} not on the page");
    }
    // Only the two initiatives of the configuration file are stored.
    assert_eq!(app.store.stored_initiatives().await.unwrap().len(), 2);
    // Registered by 2022-12-31, the same ECI is accepted and reports its regime and country.
    let early = REGISTER_XML.replace(
        r#"registrationDate="2026-05-02""#,
        r#"registrationDate="2022-12-31""#,
    );
    let response = create_rivers_as(&app, &cookie, "eci", "AT", &early).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let detail: serde_json::Value =
        serde_json::from_str(&text(get(&app, "/api/v1/initiatives/rivers").await).await).unwrap();
    assert_eq!(detail["regime"], "eci");
    assert_eq!(detail["storage_country"], "AT");
    assert!(detail["certificate"].is_null());
    assert!(detail["collection"]["start"].is_string());
    assert!(detail["collection"]["end"].is_string());
}
