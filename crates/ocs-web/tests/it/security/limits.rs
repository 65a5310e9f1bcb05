//! Limits on who may ask how often: rate limits with `Retry-After` and their metrics, the
//! burst monitor fed by accepted signatures, and `/metrics` locked to loopback or a token.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use jiff::SignedDuration;
use ocs_testkit::TestApp;
use ocs_web::WebSettings;
use ocs_web::ratelimit::{Bucket, ClassLimits, RateLimitSettings};
use ocs_web::server::ServerLimits;

use super::exchange;
use crate::{austrian, get, json_of, text};

fn tight() -> RateLimitSettings {
    let limits = ClassLimits {
        address: Bucket {
            burst: 2,
            per: SignedDuration::from_mins(1),
        },
        network: Bucket {
            burst: 100,
            per: SignedDuration::from_secs(1),
        },
    };
    RateLimitSettings {
        signing: limits,
        challenge: limits,
        self_service: limits,
        sign_in: limits,
    }
}

#[tokio::test]
async fn signing_and_challenges_are_rate_limited_with_retry_after_and_counted() {
    let app = TestApp::builder()
        .web_settings(WebSettings {
            rate_limits: Some(tight()),
            ..WebSettings::default()
        })
        .build()
        .await;
    for _ in 0..2 {
        assert_eq!(
            get(&app, "/api/v1/altcha/challenge").await.status(),
            StatusCode::OK
        );
    }
    let refused = get(&app, "/api/v1/altcha/challenge").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers()[header::RETRY_AFTER], "60");
    assert_eq!(json_of(refused).await["errors"][0]["code"], "SIG-041");

    for number in 0..2 {
        let body = austrian(&app, 10_000_000 + number);
        assert_eq!(
            crate::post_statement(&app, "demo", &body).await.status(),
            StatusCode::CREATED
        );
    }
    let body = austrian(&app, 10_000_009);
    let refused = crate::post_statement(&app, "demo", &body).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key(header::RETRY_AFTER));
    // The form path shares the signing bucket and answers with a page.
    let page = crate::send_form(
        &app,
        Request::post("/initiatives/demo/sign/AT")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("a=b"))
            .unwrap(),
    )
    .await;
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(text(page).await.contains("SIG-041"));
    // A minute later one more is allowed.
    app.clock.advance(SignedDuration::from_mins(1));
    assert_eq!(
        get(&app, "/api/v1/altcha/challenge").await.status(),
        StatusCode::OK
    );
    let metrics = text(get(&app, "/metrics").await).await;
    assert!(
        metrics.contains("ocs_rate_limited_total{class=\"challenge\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("ocs_rate_limited_total{class=\"signing\"} 2"),
        "{metrics}"
    );
    assert!(!metrics.contains("0.0.0.0"), "no address in metrics");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_need_loopback_or_the_bearer_token() {
    let token = "scrape-token-0123456789-abcdefghijklmnop";
    let app = TestApp::builder()
        .web_settings(WebSettings {
            trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
            metrics_token: Some(ocs_crypto::BearerToken::parse(token).unwrap()),
            ..WebSettings::default()
        })
        .build()
        .await;
    let address = app.spawn_with_limits(ServerLimits::default()).await;
    let answers = tokio::task::spawn_blocking(move || {
        let local = exchange(address, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        // Through a proxy on the same host, for a remote client.
        let remote = exchange(
            address,
            "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n",
        );
        let wrong = exchange(
            address,
            "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\nAuthorization: Bearer nope\r\nConnection: close\r\n\r\n",
        );
        let bearer = exchange(
            address,
            &format!("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"),
        );
        (local, remote, wrong, bearer)
    })
    .await
    .unwrap();
    assert!(answers.0.starts_with("HTTP/1.1 200"), "{}", answers.0);
    assert!(answers.1.starts_with("HTTP/1.1 403"), "{}", answers.1);
    assert!(answers.2.starts_with("HTTP/1.1 403"), "{}", answers.2);
    assert!(answers.3.starts_with("HTTP/1.1 200"), "{}", answers.3);
}

#[tokio::test]
async fn accepted_signatures_feed_the_burst_monitor() {
    let app = TestApp::builder()
        .web_settings(WebSettings {
            burst_rules: ocs_web::monitor::BurstRules {
                prefix_min_count: 3,
                prefix_min_share: 0.5,
                country_min_count: u64::MAX,
                country_factor: 1.0,
            },
            ..WebSettings::default()
        })
        .build()
        .await;
    for number in 0..2 {
        let body = austrian(&app, 20_000_000 + number);
        crate::post_statement(&app, "demo", &body).await;
    }
    assert!(app.web.bursts().alerts().is_empty());
    let body = austrian(&app, 20_000_009);
    crate::post_statement(&app, "demo", &body).await;
    let alerts = app.web.bursts().alerts();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    // In-process requests come from 0.0.0.0: stored as its /24 only.
    assert_eq!(
        alerts[0].subject,
        ocs_web::monitor::BurstSubject::Prefix("0.0.0.0/24".into())
    );
    let metrics = text(get(&app, "/metrics").await).await;
    assert!(metrics.contains("ocs_burst_alerts 1"), "{metrics}");
}
