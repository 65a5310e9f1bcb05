//! An initiative's keys and storage country in the console: locked once live, and a
//! recipient key of another initiative refused in the reader's language.

use axum::http::StatusCode;
use ocs_domain::Slug;
use ocs_domain::access::{Principal, Role};
use ocs_domain::lifecycle::Action;
use ocs_service::Actor;
use ocs_testkit::TestApp;

use super::{REGISTER_XML, create_rivers, multipart, public_key};
use crate::console::{account, enrol_and_sign_in, token};
use crate::{send, text};

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "the whole story: draft, test, live, then the refused and the allowed edit"
)]
async fn keys_and_storage_country_lock_once_live() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    let cookie = enrol_and_sign_in(&app, "root").await;
    assert_eq!(
        create_rivers(&app, &cookie, REGISTER_XML).await.status(),
        StatusCode::SEE_OTHER
    );
    let id = app
        .signing
        .initiative(&Slug::parse("rivers").unwrap())
        .unwrap()
        .initiative
        .id;
    let right = Principal::operator().can_manage(id).unwrap();
    let ops = Actor::Operator("ops".into());
    let (_, other) = ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy);
    // In draft the keys may change; a private key is refused.
    app.setup
        .set_keys(
            &ops,
            right,
            &other.to_text(),
            std::collections::BTreeMap::new(),
        )
        .await
        .unwrap();
    let private = ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy).0;
    let refused = app
        .setup
        .set_keys(
            &ops,
            right,
            &private.to_text(),
            std::collections::BTreeMap::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "INI-007");
    // Issue 20: the demo's key (another initiative's), as organisers' or authority key, is
    // refused (INI-019); the keys stay as they were.
    let demo_key = app.private_key.public_key().to_text();
    let shared = app
        .setup
        .set_keys(&ops, right, &demo_key, std::collections::BTreeMap::new())
        .await
        .unwrap_err();
    assert_eq!(shared.code(), "INI-019");
    assert!(shared.to_string().contains("demo"), "{shared}");
    let shared = app
        .setup
        .set_keys(
            &ops,
            right,
            &other.to_text(),
            std::collections::BTreeMap::from([("DE".to_owned(), demo_key.clone())]),
        )
        .await
        .unwrap_err();
    assert_eq!(shared.code(), "INI-019");
    assert_eq!(
        app.setup
            .editable(right.view())
            .await
            .unwrap()
            .definition
            .recipient_key,
        other.to_text()
    );
    app.lifecycle
        .apply(&ops, right, Action::StartTest, "", None)
        .await
        .unwrap();
    app.lifecycle
        .apply(&ops, right, Action::GoLive, "", Some("ECI(2026)000042"))
        .await
        .unwrap();
    let locked = app
        .setup
        .set_keys(
            &ops,
            right,
            &public_key(&app),
            std::collections::BTreeMap::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(locked.code(), "INI-010");
    // Through the console: a changed storage country is refused with the localised text.
    let editable = app.setup.editable(right.view()).await.unwrap();
    assert!(editable.locked);
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
        ("title", d.title.as_str()),
        ("subject", d.subject.as_str()),
        ("objectives", "Changed objectives"),
        ("privacy_notice", d.privacy_notice.as_str()),
        ("storage_country", "FR"),
        ("recipient_key", d.recipient_key.as_str()),
        ("regime", "national"),
    ];
    let response = send(
        &app,
        multipart(
            "/console/initiatives/rivers/setup",
            &fields,
            None,
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(response).await.contains("INI-010"));
    // The texts may still change.
    let mut fields = fields;
    fields[10] = ("storage_country", "AT");
    let response = send(
        &app,
        multipart(
            "/console/initiatives/rivers/setup",
            &fields,
            None,
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let entry = app
        .signing
        .initiative(&Slug::parse("rivers").unwrap())
        .unwrap();
    assert_eq!(entry.initiative.objectives, "Changed objectives");
    assert_eq!(entry.recipients, vec![other]);
}

#[tokio::test]
async fn a_recipient_key_of_another_initiative_is_refused_by_the_console_in_the_readers_language() {
    let app = TestApp::builder().build().await;
    account(&app, "root", Role::HostAdmin, None).await;
    let cookie = enrol_and_sign_in(&app, "root").await;
    let token = token(&app, &cookie).await;
    // The demo's own key, offered for a new initiative (issue 20: keys are never shared).
    let demo_key = app.private_key.public_key().to_text();
    let fields = [
        ("form_token", token.as_str()),
        ("slug", "rivers"),
        ("privacy_notice", "We process your data."),
        ("storage_country", "AT"),
        ("regime", "national"),
        ("recipient_key", demo_key.as_str()),
        ("language", "en"),
    ];
    let response = send(
        &app,
        multipart(
            "/console/new-initiative?lang=de",
            &fields,
            Some(REGISTER_XML),
            Some(&cookie),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(response).await;
    assert!(
        page.contains("INI-019: dieser öffentliche Schlüssel wird bereits von einer anderen"),
        "{page}"
    );
    assert_eq!(app.store.stored_initiatives().await.unwrap().len(), 2);
}
