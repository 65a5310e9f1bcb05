//! The lifecycle of an initiative set up in the console: refusals in the reader's language,
//! destruction on time, and a configured initiative shown as managed with its save refused.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ocs_domain::access::{Principal, Role};
use ocs_domain::lifecycle::Action;
use ocs_domain::{InitiativeId, Slug};
use ocs_service::Actor;
use ocs_testkit::TestApp;

use super::{REGISTER_XML, create_rivers, multipart};
use crate::console::{account, enrol_and_sign_in, get_with, token};
use crate::{german, post_statement, send, text};

#[tokio::test]
async fn lifecycle_refusals_are_in_the_readers_language() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    let cookie = enrol_and_sign_in(&app, "root").await;
    let token = token(&app, &cookie).await;
    // Submitting a draft is illegal (LIF-001); pausing without a reason is LIF-002.
    for (lang, body, expected) in [
        ("de", "action=submit", "LIF-001: Eine Initiative im Stand"),
        ("fr", "action=submit", "LIF-001: Une initiative au stade"),
        ("en", "action=submit", "LIF-001: An initiative that is"),
    ] {
        let request = Request::post(format!("/console/initiatives/demo/lifecycle?lang={lang}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1")
            .header(header::ORIGIN, "https://127.0.0.1")
            .header(header::ACCEPT_LANGUAGE, lang)
            .header(header::COOKIE, &cookie)
            .body(Body::from(format!("{body}&form_token={token}")))
            .unwrap();
        let response = send(&app, request).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(response).await;
        assert!(page.contains(expected), "{lang}: {page}");
    }
}

/// An initiative set up in the console (not in the configuration) is destroyed on time too:
/// here one month after its withdrawal, from the lifecycle the console recorded.
#[tokio::test]
async fn an_initiative_set_up_in_the_console_is_destroyed_on_time() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    let cookie = enrol_and_sign_in(&app, "root").await;
    let response = create_rivers(&app, &cookie, REGISTER_XML).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = app
        .signing
        .initiative(&Slug::parse("rivers").unwrap())
        .unwrap()
        .initiative
        .id;
    assert!(
        app.destruction
            .initiatives()
            .iter()
            .any(|(known, _)| *known == id),
        "the job looks after the new initiative"
    );
    let right = Principal::operator().can_manage(id).unwrap();
    let actor = Actor::Operator("ops".into());
    app.lifecycle
        .apply(&actor, right, Action::StartTest, "", None)
        .await
        .unwrap();
    let response = post_statement(&app, "rivers", &german(&app, "Erika", "1980-01-01")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    app.lifecycle
        .apply(
            &actor,
            right,
            Action::Withdraw,
            "the organisers withdrew it",
            None,
        )
        .await
        .unwrap();
    assert!(
        app.destruction.run().await.unwrap().is_empty(),
        "not due yet"
    );
    app.clock.advance(jiff::SignedDuration::from_hours(24 * 32));
    let certificates = app.destruction.run().await.unwrap();
    assert_eq!(certificates.len(), 1, "{certificates:?}");
    assert_eq!(certificates[0].initiative, id);
    assert_eq!(certificates[0].statements, 1);
    let left = ocs_storage::StatementStore::statements(app.store.as_ref(), id, 0, 10).await;
    assert!(left.unwrap().is_empty());
}

#[tokio::test]
async fn a_configured_initiative_is_shown_managed_and_its_save_refused_in_the_readers_language() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    let cookie = enrol_and_sign_in(&app, "root").await;
    let path = "/console/initiatives/demo/setup";
    let response = send(&app, get_with(path, &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    assert!(page.contains("defined in the configuration file"), "{page}");
    let right = Principal::operator()
        .can_manage(InitiativeId::new(1))
        .unwrap();
    let editable = app.setup.editable(right.view()).await.unwrap();
    let token = token(&app, &cookie).await;
    let revision = editable.revision.to_string();
    let d = &editable.definition;
    let fields = [
        ("form_token", token.as_str()),
        ("revision", revision.as_str()),
        ("registration_number", d.registration_number.as_str()),
        ("registration_date", d.registration_date.as_str()),
        ("register_url", d.register_url.as_str()),
        ("language", d.language.as_str()),
        ("title", "Edited in the console"),
        ("subject", d.subject.as_str()),
        ("objectives", d.objectives.as_str()),
        ("privacy_notice", d.privacy_notice.as_str()),
        ("recipient_key", d.recipient_key.as_str()),
    ];
    let mut request = multipart(&format!("{path}?lang=de"), &fields, None, Some(&cookie));
    request
        .headers_mut()
        .insert(header::ACCEPT_LANGUAGE, "de".parse().unwrap());
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(response).await;
    assert!(
        page.contains("INI-011: die Initiative ist in der Konfigurationsdatei festgelegt"),
        "{page}"
    );
    let stored = app.setup.editable(right.view()).await.unwrap();
    assert_eq!(stored.revision, editable.revision);
    assert_ne!(stored.definition.title, "Edited in the console");
}
