//! Hostile bodies: whatever arrives, the answer is a coded 4xx, never a panic or a 500, and
//! nothing is stored.

use axum::body::Body;
use axum::http::{Request, header};
use ocs_testkit::TestApp;
use proptest::prelude::*;

use crate::{send_form as send, total};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn json_like() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,300}",
        proptest::collection::btree_map("[a-z.]{0,20}", ".{0,40}", 0..12).prop_map(|fields| {
            serde_json::json!({"nationality": "BE", "fields": fields, "consent": true,
                               "altcha": "x"})
            .to_string()
        }),
        (".{0,8}", proptest::collection::vec(".{0,30}", 0..6))
            .prop_map(|(n, values)| { format!("{{\"nationality\":{n:?},\"fields\":{values:?}}}") }),
    ]
}

/// Cases per property: 96 in CI, more with `PROPTEST_CASES` (`scripts/fuzz`).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Text that path segments are made of, hostile bits included.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_-]{0,40}",
        ".{0,80}",
        Just("..".to_owned()),
        Just("%00".to_owned()),
        Just("demo".to_owned()),
        Just("DE".to_owned()),
    ]
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    /// The ID validators behind every route (slug, nationality, receipt token, asset
    /// name, language): any path gets an answer below 500 with the security headers (the
    /// redirect set on a redirect, such as the old `?nationality=` link).
    #[test]
    fn hostile_paths_get_a_coded_answer_not_a_crash(
        route in 0usize..6,
        a in segment(),
        b in segment(),
        lang in ".{0,12}",
    ) {
        let runtime = runtime();
        let app = runtime.block_on(TestApp::builder().build());
        let (a, b) = (percent_encode(&a), percent_encode(&b));
        let path = match route {
            0 => format!("/initiatives/{a}"),
            1 => format!("/initiatives/{a}/sign/{b}"),
            2 => format!("/initiatives/{a}/receipt?x={b}"),
            3 => format!("/api/v1/initiatives/{a}/forms/{b}"),
            4 => format!("/static/{a}"),
            _ => format!("/initiatives/{a}/sign?nationality={b}"),
        };
        let uri = format!("{path}{}lang={}", if path.contains('?') { "&" } else { "?" }, percent_encode(&lang));
        let status = runtime.block_on(async {
            let response = send(&app, Request::get(&uri).body(Body::empty()).unwrap()).await;
            // A redirect carries the redirect set (`middleware::REDIRECT_HEADERS`), every
            // other answer the full set with its CSP.
            let expected = if response.status().is_redirection() {
                header::REFERRER_POLICY
            } else {
                header::CONTENT_SECURITY_POLICY
            };
            assert!(response.headers().contains_key(&expected), "{uri}: no {expected}");
            response.status()
        });
        prop_assert!(!status.is_server_error(), "{uri}: {status}");
    }

    /// Trusted-proxy and address parsing never panics.
    #[test]
    fn network_parser_never_panics(text in ".{0,60}") {
        let _ = text.parse::<ocs_web::client::Network>();
    }

    #[test]
    fn hostile_json_gets_a_coded_client_error(body in json_like()) {
        let runtime = runtime();
        let app = runtime.block_on(TestApp::builder().build());
        let status = runtime.block_on(async {
            let request = Request::post("/api/v1/initiatives/demo/statements")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap();
            let response = send(&app, request).await;
            let status = response.status();
            let json = crate::json_of(response).await;
            assert!(json["errors"][0]["code"].is_string());
            assert_eq!(total(&app, "demo").await, 0);
            status
        });
        prop_assert!(status.is_client_error(), "{status}");
    }

    #[test]
    fn hostile_form_posts_get_a_page_not_a_crash(
        pairs in proptest::collection::vec(("[a-z._]{0,16}", ".{0,60}"), 0..10),
        nationality in "[A-Za-z]{0,3}",
    ) {
        let runtime = runtime();
        let app = runtime.block_on(TestApp::builder().build());
        let status = runtime.block_on(async {
            let body: String = pairs
                .iter()
                .map(|(k, v)| {
                    let encoded: String = v.bytes().flat_map(|b| {
                        let hex = format!("%{b:02X}");
                        hex.chars().collect::<Vec<_>>()
                    }).collect();
                    format!("{k}={encoded}")
                })
                .collect::<Vec<_>>()
                .join("&");
            let request = Request::post(format!("/initiatives/demo/sign/{nationality}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap();
            let status = send(&app, request).await.status();
            assert_eq!(total(&app, "demo").await, 0);
            status
        });
        prop_assert!(status.is_client_error(), "{status}");
    }
}
