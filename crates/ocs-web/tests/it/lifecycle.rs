//! The lifecycle as the public sees it: test statements are stored marked and the pages say
//! TEST; going live erases them from the store and the counters; a live initiative takes no
//! statement before it opens, and its certificate is published and downloadable. The stage
//! lives only in the store: a configuration-file initiative without a stored stage is a draft
//! (the API says so and statements are refused), and a refused action stores nothing.

use axum::http::{StatusCode, header};
use jiff::civil::date;
use ocs_domain::InitiativeId;
use ocs_domain::lifecycle::Action;
use ocs_service::Actor;
use ocs_testkit::TestApp;

use crate::{german, get, json_of, post_statement, text, total};

const DEMO: InitiativeId = InitiativeId::new(1);

fn manage() -> ocs_domain::access::CanManage {
    ocs_domain::access::Principal::operator()
        .can_manage(DEMO)
        .unwrap()
}

#[tokio::test]
async fn test_mode_marks_statements_and_going_live_erases_them() {
    let app = TestApp::builder().draft(1).build().await;
    let ops = Actor::Operator("ops".into());
    // A draft from the configuration: no marker, no certificate.
    let page = text(get(&app, "/initiatives/demo").await).await;
    assert!(!page.contains("TEST MODE"));
    app.lifecycle
        .apply(&ops, manage(), Action::StartTest, "", None)
        .await
        .unwrap();
    let page = text(get(&app, "/initiatives/demo").await).await;
    assert!(page.contains("TEST MODE"), "no test marker on the page");
    let form = text(get(&app, "/initiatives/demo/sign/DE").await).await;
    assert!(form.contains("TEST MODE"), "no test marker on the form");

    let response = post_statement(&app, "demo", &german(&app, "Erika", "1964-08-12")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let stored = app.store.statements(DEMO, 0, 10).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].test,
        "a statement taken in test mode is not marked"
    );
    assert_eq!(total(&app, "demo").await, 1);

    app.lifecycle
        .upload_certificate(
            &ops,
            manage(),
            b"%PDF-1.7 cert".to_vec(),
            "BVA",
            date(2026, 5, 1),
        )
        .await
        .unwrap();
    // Not published before going live.
    let response = get(&app, "/initiatives/demo/certificate.pdf").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    app.lifecycle
        .apply(&ops, manage(), Action::GoLive, "", Some("ECI(2025)000001"))
        .await
        .unwrap();
    assert!(app.store.statements(DEMO, 0, 10).await.unwrap().is_empty());
    assert_eq!(total(&app, "demo").await, 0);
    let page = text(get(&app, "/initiatives/demo").await).await;
    assert!(!page.contains("TEST MODE"));
    assert!(
        page.contains("/initiatives/demo/certificate.pdf"),
        "no certificate link"
    );
    assert!(page.contains("BVA"));
    let response = get(&app, "/initiatives/demo/certificate.pdf").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(text(response).await, "%PDF-1.7 cert");

    // Live but not collecting: refused, by construction of the stage.
    let response = post_statement(&app, "demo", &german(&app, "Max", "1970-01-01")).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(json_of(response).await["errors"][0]["code"], "SIG-030");
    // The other initiative, opened through the lifecycle by the test kit, still collects.
    let response = post_statement(&app, "other", &german(&app, "Max", "1970-01-01")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_configured_initiative_without_certificate_refuses_statements() {
    // As `ocs serve` loads it: from the configuration, never opened.
    let app = TestApp::builder().draft(1).build().await;
    let shown = json_of(get(&app, "/api/v1/initiatives/demo").await).await;
    assert_eq!(shown["collecting"], false, "{shown}");
    assert_eq!(shown["status"], "draft", "{shown}");
    // A draft is not listed (issue 19, finding 16).
    let listed = json_of(get(&app, "/api/v1/initiatives").await).await;
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|entry| entry["slug"] != "demo"),
        "{listed}"
    );
    let response = post_statement(&app, "demo", &german(&app, "Erika", "1964-08-12")).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(json_of(response).await["errors"][0]["code"], "SIG-030");
    let response = get(&app, "/initiatives/demo/sign/DE").await;
    assert_ne!(response.status(), StatusCode::OK);
    assert!(app.store.statements(DEMO, 0, 10).await.unwrap().is_empty());
    // No demonstration banner outside `ocs demo`.
    let page = text(get(&app, "/initiatives/demo").await).await;
    assert!(!page.contains("Demonstration: statements are not sent"));
    // Opened through the lifecycle, the same initiative collects.
    let shown = json_of(get(&app, "/api/v1/initiatives/other").await).await;
    assert_eq!(shown["collecting"], true, "{shown}");
    assert_eq!(shown["status"], "collecting", "{shown}");
}

#[tokio::test]
async fn a_refused_lifecycle_action_changes_nothing() {
    let app = TestApp::builder().draft(1).build().await;
    let ops = Actor::Operator("ops".into());
    let audit_rows = app.store.recent_audit(1000).await.unwrap().len();
    // A draft from the configuration file with no stored row: refused actions write none.
    for (action, confirmation) in [
        (Action::Open, None),
        (Action::GoLive, Some("ECI(2025)000001")),
        (Action::Pause, None),
        (Action::Close, None),
    ] {
        let refused = app
            .lifecycle
            .apply(&ops, manage(), action, "because", confirmation)
            .await;
        assert!(refused.is_err(), "{action} on a draft was accepted");
    }
    assert_eq!(app.store.lifecycle(DEMO).await.unwrap(), None);
    assert_eq!(
        app.store.recent_audit(1000).await.unwrap().len(),
        audit_rows
    );
    let shown = json_of(get(&app, "/api/v1/initiatives/demo").await).await;
    assert_eq!(shown["status"], "draft", "{shown}");

    // A collecting one (opened by the test kit): refused actions leave it collecting.
    let other = InitiativeId::new(2);
    let right = ocs_domain::access::Principal::operator()
        .can_manage(other)
        .unwrap();
    let before = app.store.lifecycle(other).await.unwrap().unwrap();
    assert_eq!(before.stage, ocs_domain::lifecycle::Stage::Collecting);
    for (action, confirmation) in [
        (Action::StartTest, None),
        (Action::GoLive, Some("ECI(2025)000002")),
        (Action::Open, None),
        (Action::Submit, None),
        // A pause needs a reason.
        (Action::Pause, None),
    ] {
        let refused = app
            .lifecycle
            .apply(&ops, right, action, "", confirmation)
            .await;
        assert!(
            refused.is_err(),
            "{action} on a collecting one was accepted"
        );
    }
    assert_eq!(app.store.lifecycle(other).await.unwrap().unwrap(), before);
    assert_eq!(
        app.store.recent_audit(1000).await.unwrap().len(),
        audit_rows
    );
    let shown = json_of(get(&app, "/api/v1/initiatives/other").await).await;
    assert_eq!(shown["collecting"], true, "{shown}");
    let response = post_statement(&app, "other", &german(&app, "Max", "1970-01-01")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}
