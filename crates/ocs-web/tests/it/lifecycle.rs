//! The lifecycle as the public sees it: test statements are stored marked and the pages say
//! TEST; going live erases them from the store and the counters; a live initiative takes no
//! statement before it opens, and its certificate is published and downloadable.

use axum::http::{StatusCode, header};
use jiff::civil::date;
use ocs_domain::InitiativeId;
use ocs_domain::lifecycle::Action;
use ocs_service::Actor;
use ocs_storage::StatementStore as _;
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
    let app = TestApp::builder().build();
    let ops = Actor::Cli("ops".into());
    // Configuration only: no marker, no certificate.
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
    // The other initiative was never managed and still collects as configured.
    let response = post_statement(&app, "other", &german(&app, "Max", "1970-01-01")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}
