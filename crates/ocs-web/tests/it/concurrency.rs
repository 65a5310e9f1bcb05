//! Counting stays exact under parallel signing with duplicates mixed in, and every stored
//! statement opens with the offline key to exactly what was signed.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use ocs_domain::{InitiativeId, RawStatement, Slug};
use ocs_service::HumanProof;
use ocs_testkit::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn counts_are_exact_under_parallel_signing_with_duplicates() {
    let app = TestApp::builder().build().await;
    let signing = app.signing.clone();
    let slug = Slug::parse("demo").unwrap();
    // 800 submissions over 500 distinct identities: 300 are repeats, some of them racing
    // their first submission in the same group commit.
    let numbers: Vec<u32> = (0..800u32).map(|i| 70_000_000 + (i % 500)).collect();
    let mut tasks = Vec::new();
    for (index, number) in numbers.into_iter().enumerate() {
        let signing = Arc::clone(&signing);
        let slug = slug.clone();
        let proof = HumanProof {
            altcha: Some(ocs_crypto::solve(&signing.challenge()).unwrap()),
            form_token: None,
            client: IpAddr::V4(Ipv4Addr::LOCALHOST),
            language: Some("en"),
        };
        tasks.push(tokio::spawn(async move {
            let raw = RawStatement {
                nationality: if index % 2 == 0 { "AT" } else { "at" }.into(),
                fields: [
                    ("full.first.names", "Lukas"),
                    ("family.names", "Huber"),
                    ("id.type", "id.card"),
                    ("id.number", &format!("{number}")),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
                confirmed: false,
            };
            signing
                .sign(&slug, &raw, true, &proof)
                .await
                .map(|_| number)
        }));
    }
    let mut acknowledged = HashSet::new();
    for task in tasks {
        acknowledged.insert(
            task.await
                .unwrap()
                .expect("every submission is acknowledged"),
        );
    }
    assert_eq!(acknowledged.len(), 500);
    let (progress, _) = app.signing.progress(&slug).await.unwrap();
    assert_eq!(progress.total, 500);

    let rows = app
        .store
        .statements(InitiativeId::new(1), 0, 10_000)
        .await
        .unwrap();
    assert_eq!(rows.len(), 500);
    let mut opener = ocs_crypto::Opener::new(
        ocs_crypto::RecipientPrivateKey::parse(&app.private_key.to_text()).unwrap(),
    );
    let mut seen = HashSet::new();
    let mut previous = 0;
    for row in rows {
        assert!(row.sequence > previous, "sequences increase");
        previous = row.sequence;
        let aad =
            ocs_service::envelope::statement_aad(row.initiative, row.id, row.nationality, &row.tag);
        let plain = opener
            .open(&row.envelope, &aad)
            .expect("opens with the offline key");
        let payload: serde_json::Value = serde_json::from_slice(&plain).unwrap();
        assert_eq!(payload["nationality"], "AT");
        assert_eq!(payload["statement"], row.id.to_string());
        let number = payload["properties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p[0] == "id.card")
            .map(|p| p[1].as_str().unwrap().to_owned())
            .unwrap();
        assert!(seen.insert(number), "no identity stored twice");
    }
}
