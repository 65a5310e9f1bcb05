//! Paper statements entered by the organisers: same validation and de-duplication as online,
//! marked as paper in the store and in the sealed payload, counted apart.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use ocs_domain::{CountryCode, InitiativeId, RawStatement, Slug};
use ocs_service::{PaperOutcome, SignError};
use ocs_testkit::TestApp;

use crate::{austrian, post_statement, total};

fn paper_austrian(number: &str) -> RawStatement {
    RawStatement {
        nationality: "AT".to_owned(),
        fields: BTreeMap::from([
            ("full.first.names".to_owned(), "Anna".to_owned()),
            ("family.names".to_owned(), "Gruber".to_owned()),
            ("id.type".to_owned(), "id.card".to_owned()),
            ("id.number".to_owned(), number.to_owned()),
        ]),
        confirmed: false,
    }
}

#[tokio::test]
async fn paper_statements_are_validated_deduplicated_marked_and_counted_apart() {
    let app = TestApp::builder().build().await;
    let slug = Slug::parse("demo").unwrap();
    // Online first; the same person on paper is a duplicate, told to the organisers.
    assert_eq!(
        post_statement(&app, "demo", &austrian(&app, 12_121_212))
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.signing
            .record_paper(&slug, &paper_austrian("12121212"))
            .await
            .unwrap(),
        PaperOutcome::Duplicate
    );
    let PaperOutcome::Recorded(id) = app
        .signing
        .record_paper(&slug, &paper_austrian("34343434"))
        .await
        .unwrap()
    else {
        panic!("a new person is recorded");
    };
    // Paper first; the same person online is answered like a first signature, not counted.
    assert_eq!(
        post_statement(&app, "demo", &austrian(&app, 34_343_434))
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_eq!(total(&app, "demo").await, 2);
    assert_eq!(
        app.signing.paper_counts(&slug).await.unwrap(),
        BTreeMap::from([(CountryCode::AT, 1)])
    );
    // Same validation as online.
    assert!(matches!(
        app.signing.record_paper(&slug, &paper_austrian("12")).await,
        Err(SignError::Invalid(_))
    ));
    // Marked as paper in the row and inside the sealed payload.
    let rows = app
        .store
        .statements(InitiativeId::new(1), 0, 10)
        .await
        .unwrap();
    let row = rows.iter().find(|row| row.id == id).unwrap();
    assert!(row.paper);
    let aad =
        ocs_service::envelope::statement_aad(row.initiative, row.id, row.nationality, &row.tag);
    let plain = ocs_crypto::open(&row.envelope, &aad, &app.private_key).unwrap();
    let payload: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(payload["channel"], "paper");
    let online = rows.iter().find(|row| row.id != id).unwrap();
    assert!(!online.paper);
}
