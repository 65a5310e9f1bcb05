//! Signer self-service through the JSON API and the pages: check, withdraw, sign again,
//! duplicates' receipts, one answer for every wrong input, throttling, audit.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use jiff::SignedDuration;
use ocs_service::audit::Actor;
use ocs_service::{MemoryAudit, SelfService, SelfServiceError};
use ocs_testkit::TestApp;
use serde_json::{Value, json};

use crate::{austrian, get, json_of, post_statement, send_form as send, text, total};

/// Signs and returns (statement id, receipt secret, receipt cookie).
pub(crate) async fn sign(app: &TestApp, number: u32) -> (String, String, String) {
    let response = post_statement(app, "demo", &austrian(app, number)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookie = crate::receipt_cookie(&response);
    let body = json_of(response).await;
    (
        body["statement_id"].as_str().unwrap().to_owned(),
        body["receipt_secret"].as_str().unwrap().to_owned(),
        cookie,
    )
}

pub(crate) async fn call(app: &TestApp, what: &str, id: &str, secret: &str) -> (StatusCode, Value) {
    let request = Request::post(format!("/api/v1/initiatives/demo/receipts/{what}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({ "statement_id": id, "secret": secret }).to_string(),
        ))
        .unwrap();
    let response = send(app, request).await;
    let status = response.status();
    (status, json_of(response).await)
}

async fn form(app: &TestApp, action: &str, id: &str, secret: &str) -> axum::http::Response<Body> {
    let body = format!("statement_id={id}&secret={secret}&action={action}");
    let request = Request::post("/initiatives/demo/my-statement")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    send(app, request).await
}

#[tokio::test]
async fn check_withdraw_and_sign_again_counts_once() {
    let app = TestApp::builder().build().await;
    let (id, secret, _) = sign(&app, 11_111_111).await;
    assert_eq!(secret.len(), 29, "{secret}");
    assert_eq!(
        call(&app, "check", &id, &secret).await,
        (StatusCode::OK, json!({"status": "counted"}))
    );
    // The secret is forgiving about case and spaces.
    let typed = secret.to_uppercase().replace('-', " ");
    assert_eq!(call(&app, "check", &id, &typed).await.0, StatusCode::OK);

    assert_eq!(
        call(&app, "withdraw", &id, &secret).await,
        (StatusCode::OK, json!({"status": "withdrawn"}))
    );
    assert_eq!(total(&app, "demo").await, 0);
    let (status, body) = call(&app, "check", &id, &secret).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["errors"][0]["code"], "SLF-001");
    assert_eq!(
        call(&app, "withdraw", &id, &secret).await.0,
        StatusCode::NOT_FOUND
    );

    // The tag went with the statement: the same person signs again and counts once.
    let (again, again_secret, _) = sign(&app, 11_111_111).await;
    assert_ne!(again, id);
    assert_eq!(total(&app, "demo").await, 1);
    assert_eq!(
        call(&app, "check", &again, &again_secret).await.0,
        StatusCode::OK
    );
    let (_, _, _) = sign(&app, 11_111_111).await;
    assert_eq!(
        total(&app, "demo").await,
        1,
        "a third signature is a duplicate"
    );
}

#[tokio::test]
async fn wrong_secret_unknown_id_and_garbage_get_one_answer() {
    let app = TestApp::builder().build().await;
    let (id, secret, _) = sign(&app, 22_222_222).await;
    let (other_id, other_secret, _) = sign(&app, 22_222_223).await;
    let unknown_id = "0000000000000000000000000A";
    let wrong_secret = "aaaa-aaaa-aaaa-aaaa-aaaa-aaaa";
    let answers = [
        call(&app, "check", &id, wrong_secret).await,
        call(&app, "check", &id, &other_secret).await,
        call(&app, "check", unknown_id, &secret).await,
        call(&app, "check", &other_id, &secret).await,
        call(&app, "check", "not an id", "not a secret").await,
        call(&app, "withdraw", &id, wrong_secret).await,
        call(&app, "withdraw", unknown_id, &secret).await,
    ];
    for answer in &answers {
        assert_eq!(answer, &answers[0]);
    }
    assert_eq!(answers[0].0, StatusCode::NOT_FOUND);
    assert_eq!(answers[0].1["errors"][0]["code"], "SLF-001");
    assert_eq!(total(&app, "demo").await, 2, "nothing was withdrawn");
    // A receipt of one initiative is unknown to another.
    let request = Request::post("/api/v1/initiatives/other/receipts/check")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({ "statement_id": id, "secret": secret }).to_string(),
        ))
        .unwrap();
    assert_eq!(send(&app, request).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_duplicates_receipt_answers_like_a_first_one_and_cannot_withdraw_the_first() {
    let app = TestApp::builder().build().await;
    let (first, first_secret, _) = sign(&app, 33_333_333).await;
    let (second, second_secret, _) = sign(&app, 33_333_333).await;
    assert_eq!(total(&app, "demo").await, 1);
    // Checking the duplicate's receipt says what checking the first says.
    assert_eq!(
        call(&app, "check", &second, &second_secret).await,
        call(&app, "check", &first, &first_secret).await
    );
    // Withdrawing with it answers like a withdrawal, but the first statement stands.
    assert_eq!(
        call(&app, "withdraw", &second, &second_secret).await,
        (StatusCode::OK, json!({"status": "withdrawn"}))
    );
    assert_eq!(total(&app, "demo").await, 1);
    assert_eq!(
        call(&app, "check", &first, &first_secret).await.0,
        StatusCode::OK
    );
    assert_eq!(
        call(&app, "check", &second, &second_secret).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn withdrawal_needs_an_open_collection_but_checking_does_not() {
    let app = TestApp::builder().build().await;
    let (id, secret, _) = sign(&app, 44_444_444).await;
    app.clock.set("2027-01-15T00:00:00Z".parse().unwrap());
    let (status, body) = call(&app, "withdraw", &id, &secret).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["errors"][0]["code"], "SLF-002");
    assert_eq!(call(&app, "check", &id, &secret).await.0, StatusCode::OK);
    assert_eq!(total(&app, "demo").await, 1);
}

#[tokio::test]
async fn attempts_are_throttled_per_network() {
    let app = TestApp::builder().build().await;
    let (id, _, _) = sign(&app, 55_555_555).await;
    for _ in 0..SelfService::DEFAULT_QUOTA.burst {
        assert_eq!(
            call(&app, "check", &id, "wrong").await.0,
            StatusCode::NOT_FOUND
        );
    }
    let request = Request::post("/api/v1/initiatives/demo/receipts/check")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({ "statement_id": id, "secret": "x" }).to_string(),
        ))
        .unwrap();
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    app.clock.advance(SignedDuration::from_mins(10));
    assert_eq!(
        call(&app, "check", &id, "wrong").await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn receipt_page_file_and_self_service_pages() {
    let app = TestApp::builder().build().await;
    let (id, secret, cookie) = sign(&app, 66_666_666).await;
    let page = text(crate::get_with_cookie(&app, "/initiatives/demo/receipt", &cookie).await).await;
    assert!(page.contains(&secret), "the receipt page shows the secret");
    let file_link = "/initiatives/demo/receipt.txt?lang=en";
    assert!(page.contains(file_link), "{page}");
    assert_ne!(get(&app, file_link).await.status(), StatusCode::OK);
    let file = crate::get_with_cookie(&app, file_link, &cookie).await;
    assert_eq!(file.status(), StatusCode::OK);
    let disposition = file.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    let file = text(file).await;
    assert!(file.contains(&id) && file.contains(&secret), "{file}");
    assert!(file.contains("/initiatives/demo/my-statement"));

    let page = get(&app, "/initiatives/demo/my-statement").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(text(page).await.contains("name=\"secret\""));

    let checked = form(&app, "check", &id, &secret).await;
    assert_eq!(checked.status(), StatusCode::OK);
    assert!(text(checked).await.contains("recorded and counted"));
    let wrong = form(&app, "check", &id, "aaaa").await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let wrong = text(wrong).await;
    assert!(
        wrong.contains("SLF-001") && !wrong.contains("aaaa"),
        "the secret is not echoed"
    );

    let withdrawn = form(&app, "withdraw", &id, &secret).await;
    assert_eq!(withdrawn.status(), StatusCode::SEE_OTHER);
    let location = withdrawn.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let page = text(get(&app, &location).await).await;
    assert!(page.contains("has been withdrawn"), "{page}");
    assert_eq!(total(&app, "demo").await, 0);
}

#[tokio::test]
async fn a_withdrawal_is_audited_without_personal_data() {
    let app = TestApp::builder().build().await;
    let (id, secret, _) = sign(&app, 77_777_777).await;
    let audit = Arc::new(MemoryAudit::default());
    let service = SelfService::new(
        app.signing.clone(),
        audit.clone(),
        SelfService::DEFAULT_QUOTA,
    );
    let slug = ocs_domain::Slug::parse("demo").unwrap();
    let client = IpAddr::V4(Ipv4Addr::LOCALHOST);
    assert!(matches!(
        service.withdraw(&slug, &id, "wrong", client).await,
        Err(SelfServiceError::NotFound)
    ));
    assert!(
        audit.events().is_empty(),
        "a refused attempt changes nothing"
    );
    service.withdraw(&slug, &id, &secret, client).await.unwrap();
    let events = audit.events();
    assert_eq!(events.len(), 1);
    let (at, event) = &events[0];
    assert_eq!(*at, ocs_testkit::test_start());
    assert_eq!(event.actor, Actor::Signer);
    assert_eq!(event.action, "statement.withdrawn");
    assert_eq!(event.initiative, Some(ocs_domain::InitiativeId::new(1)));
    let recorded = format!("{event:?}");
    assert!(!recorded.contains(&id) && !recorded.contains(&secret));
}

#[test]
fn self_service_strings_exist_in_all_24_languages_and_parse() {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let ids = |lang: &str| -> Vec<String> {
        let text = std::fs::read_to_string(base.join(lang).join("selfservice.ftl"))
            .unwrap_or_else(|_| panic!("locales/{lang}/selfservice.ftl is missing"));
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(text.clone()) {
            panic!("{lang}: {errors:?}");
        }
        text.lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.to_owned()))
            .collect()
    };
    let english = ids("en");
    assert!(english.contains(&"error-SLF-001".to_owned()));
    for lang in ocs_web::i18n::OFFICIAL_LANGUAGES {
        assert_eq!(ids(lang), english, "{lang}");
    }
}
