//! Hostile bodies: whatever arrives, the answer is a coded 4xx, never a panic or a 500, and
//! nothing is stored.

use axum::body::Body;
use axum::http::{Request, header};
use ocs_testkit::TestApp;
use proptest::prelude::*;

use crate::{send, total};

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn hostile_json_gets_a_coded_client_error(body in json_like()) {
        let app = TestApp::builder().build();
        let status = runtime().block_on(async {
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
        let app = TestApp::builder().build();
        let status = runtime().block_on(async {
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
