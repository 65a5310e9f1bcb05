//! Admission by waiting time (ADR 0008), end to end: the work ahead of a statement is stood
//! for by admission permits the test holds, and the node's rate is measured on the test's
//! manual clock, so every step is deterministic.

use axum::http::{StatusCode, header};
use jiff::SignedDuration;
use ocs_testkit::TestApp;

use crate::{austrian, json_of, post_statement, total};

/// A node whose measured rate says a newcomer would wait over the target is refused with 503,
/// `Retry-After` and `SIG-040`, before its proof is spent; the same body is taken once the
/// work ahead is done.
#[tokio::test]
async fn a_statement_that_would_wait_too_long_is_refused_and_its_proof_stays_usable() {
    let settings = ocs_service::SigningSettings {
        admission_target: SignedDuration::from_millis(100),
        ..ocs_service::SigningSettings::default()
    };
    let app = TestApp::builder().settings(settings).build().await;
    let admission = app.signing.admission();
    let floor = admission.settings().min_in_flight;

    // Measure a rate: 10 requests per 10 ms of busy time on the manual clock, 30 times
    // (300 ms: two windows closed, the third full but closed only when time moves on):
    // 1,000 statements/s, so 100 in flight reach the 100 ms target.
    for _ in 0..30 {
        let batch: Vec<_> = (0..10).map(|_| admission.try_admit().unwrap()).collect();
        app.clock.advance(SignedDuration::from_millis(10));
        drop(batch);
    }
    let state = admission.state();
    assert_eq!(state.in_flight, 0);
    let rate = state.rate.expect("the rate was measured");
    assert!((rate - 1_000.0).abs() < 1.0, "rate {rate}");
    assert!(floor < 100, "the floor {floor} would hide the estimate");
    assert_eq!(state.limit, 100);

    // The work ahead: as many requests as the limit, in flight.
    let ahead: Vec<_> = (0..state.limit)
        .map(|_| admission.try_admit().unwrap())
        .collect();
    let body = austrian(&app, 70_000_001);
    let refused = post_statement(&app, "demo", &body).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    let retry = refused.headers()[header::RETRY_AFTER].to_str().unwrap();
    assert_eq!(retry, "2", "Retry-After is signing.busy_retry_after");
    let answer = json_of(refused).await;
    assert_eq!(answer["errors"][0]["code"], "SIG-040", "{answer}");
    let shed = app
        .signing
        .metrics()
        .shed
        .load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(shed, 1);
    assert_eq!(
        total(&app, "demo").await,
        0,
        "a refused statement is not stored"
    );

    // One request ahead finishes: the wait is under the target again, and the very same
    // body, proof of work included, is taken.
    drop(ahead);
    let taken = post_statement(&app, "demo", &body).await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    assert_eq!(total(&app, "demo").await, 1);
    // And the proof was spent by that statement, not before.
    let again = post_statement(&app, "demo", &austrian_with_proof(&app, &body)).await;
    assert_eq!(again.status(), StatusCode::FORBIDDEN);
    assert_eq!(json_of(again).await["errors"][0]["code"], "SIG-021");
}

/// A different person's statement carrying `body`'s (now spent) proof.
fn austrian_with_proof(app: &TestApp, body: &serde_json::Value) -> serde_json::Value {
    let mut other = austrian(app, 70_000_002);
    other["altcha"] = body["altcha"].clone();
    other
}

/// With nothing measured yet there is no estimate: a cold node admits up to the hard cap
/// (`signing.max_in_flight`) and refuses the next.
#[tokio::test]
async fn a_cold_node_admits_up_to_the_hard_cap() {
    let settings = ocs_service::SigningSettings {
        max_in_flight: 3,
        ..ocs_service::SigningSettings::default()
    };
    let app = TestApp::builder().settings(settings).build().await;
    let admission = app.signing.admission();
    let state = admission.state();
    assert_eq!((state.rate, state.limit), (None, 3));
    let mut ahead: Vec<_> = (0..2).map(|_| admission.try_admit().unwrap()).collect();
    // One slot left: taken by this statement.
    let taken = post_statement(&app, "demo", &austrian(&app, 71_000_001)).await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    ahead.push(admission.try_admit().unwrap());
    let refused = post_statement(&app, "demo", &austrian(&app, 71_000_002)).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(refused.headers().contains_key(header::RETRY_AFTER));
    drop(ahead);
    assert_eq!(total(&app, "demo").await, 1);
}
