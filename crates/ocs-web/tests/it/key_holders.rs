//! The console's page of the recipient key holders: a holder's confirmation recorded through
//! the page shows on it and in the audit trail; an observer and a form without the session's
//! token are refused and record nothing.

use axum::http::StatusCode;
use ocs_domain::access::Role;
use ocs_testkit::TestApp;

use crate::console::{account, enrol_and_sign_in, form_post, get_with, token};
use crate::{send_form as send, text};

/// The test initiative's organisers' key id, as `ocs keygen` prints it.
fn organisers_key_id(app: &TestApp) -> String {
    hex::encode(app.private_key.public_key().key_id())
}

async fn page(app: &TestApp, cookie: &str) -> (StatusCode, String) {
    let response = send(app, get_with("/console/initiatives/demo/keys", cookie)).await;
    (response.status(), text(response).await)
}

#[tokio::test]
async fn a_key_holders_confirmation_is_recorded_through_the_page() {
    let app = TestApp::builder().build().await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let ann = enrol_and_sign_in(&app, "ann").await;
    let key_id = organisers_key_id(&app);

    let (status, before) = page(&app, &ann).await;
    assert_eq!(status, StatusCode::OK);
    assert!(before.contains(&format!("id=\"key-{key_id}\"")), "{before}");
    assert!(!before.contains("class=\"confirmed\""));
    let dashboard = text(send(&app, get_with("/console/initiatives/demo", &ann)).await).await;
    assert!(dashboard.contains("href=\"/console/initiatives/demo/keys\""));

    // A key of no recipient and an empty name are refused with their codes.
    let token = token(&app, &ann).await;
    let post = |body: String| form_post("/console/initiatives/demo/keys", &body, Some(&ann));
    let response = send(
        &app,
        post(format!(
            "key=00000000deadbeef&holder=Ann&form_token={token}"
        )),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(response).await.contains("KEY-010"));
    let response = send(
        &app,
        post(format!("key={key_id}&holder=+&form_token={token}")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(response).await.contains("KEY-011"));

    let response = send(
        &app,
        post(format!(
            "key={key_id}&holder=Anna+Holder&form_token={token}"
        )),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(text(response).await.contains("id=\"key-notice\""));
    let (_, after) = page(&app, &ann).await;
    assert!(after.contains(": Anna Holder</li>"), "{after}");
    let audit = text(send(&app, get_with("/console/initiatives/demo/audit", &ann)).await).await;
    assert!(audit.contains("keys.holder-destroyed"));
    assert!(audit.contains("confirmed by Anna Holder"));
}

#[tokio::test]
async fn a_key_holders_confirmation_needs_the_right_and_the_form_token() {
    let app = TestApp::builder().build().await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    account(&app, "olga", Role::Observer, Some(1)).await;
    let ann = enrol_and_sign_in(&app, "ann").await;
    let olga = enrol_and_sign_in(&app, "olga").await;
    let key_id = organisers_key_id(&app);

    // An observer of the initiative may neither see the page nor record a confirmation.
    assert_eq!(page(&app, &olga).await.0, StatusCode::FORBIDDEN);
    let olga_token = token(&app, &olga).await;
    let response = send(
        &app,
        form_post(
            "/console/initiatives/demo/keys",
            &format!("key={key_id}&holder=Olga&form_token={olga_token}"),
            Some(&olga),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(text(response).await.contains("CON-004"));

    // The organiser's form without the session's token (or with another's) is refused.
    for body in [
        format!("key={key_id}&holder=Ann"),
        format!("key={key_id}&holder=Ann&form_token={olga_token}"),
    ] {
        let response = send(
            &app,
            form_post("/console/initiatives/demo/keys", &body, Some(&ann)),
        )
        .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(text(response).await.contains("CON-006"));
    }
    let (status, list) = page(&app, &ann).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!list.contains("class=\"confirmed\""), "{list}");
}
