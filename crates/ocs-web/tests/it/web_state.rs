//! The web state the assembly builds (`WebState::builder`): its console is keyed with the
//! server's pepper and TOTP key, the command line and the tests hold that same console, and
//! what signers do themselves lands in the stored, hash-chained audit trail.

use std::sync::Arc;

use axum::http::StatusCode;
use ocs_domain::access::Role;
use ocs_testkit::TestApp;
use serde_json::json;

use crate::console::{account, enrol_and_sign_in};
use crate::selfservice::{call, sign};

#[tokio::test]
async fn the_built_state_serves_one_console_keyed_with_pepper_and_totp_key() {
    let app = TestApp::builder().build().await;
    let served = app.web.console_service().expect("the console is served");
    assert!(
        Arc::ptr_eq(&served, &app.console),
        "the assembly hands out the console the web serves"
    );
    assert!(served.pepper().is_some(), "passwords are peppered");
    account(&app, "ann", Role::Organiser, Some(1)).await;
    enrol_and_sign_in(&app, "ann").await;
    let stored = app
        .store
        .account_by_name(&ocs_domain::access::AccountName::parse("ann").unwrap())
        .await
        .unwrap()
        .unwrap();
    let secret = stored.totp_secret.expect("enrolled");
    assert!(
        ocs_crypto::totp::is_sealed(&secret),
        "the TOTP secret is stored sealed"
    );
}

#[tokio::test]
async fn a_withdrawal_through_the_built_state_is_in_the_stored_trail() {
    let app = TestApp::builder().build().await;
    let (id, secret, _) = sign(&app, 44_444_444).await;
    let before = app.store.audit_entries(0, 1000).await.unwrap().len();
    assert_eq!(
        call(&app, "withdraw", &id, &secret).await,
        (StatusCode::OK, json!({"status": "withdrawn"}))
    );
    let entries = app.store.audit_entries(0, 1000).await.unwrap();
    assert_eq!(entries.len(), before + 1, "one row for the withdrawal");
    let row = &entries[before].entry;
    assert_eq!(row.actor_kind, "signer");
    assert_eq!(row.action.as_str(), "statement.withdrawn");
    assert_eq!(row.initiative, Some(ocs_domain::InitiativeId::new(1)));
}
