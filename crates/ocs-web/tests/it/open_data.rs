//! Open data (issue 17, items 9 and 10): the daily counts are the fold of the published log
//! and sum to the counters; public reads answer CORS without credentials, with an `ETag` and
//! 304; the badge is a script-free SVG with an accessible title.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ocs_service::clock::Clock as _;

use crate::{austrian, german, get, json_of, post_statement, send, text};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_counts_sum_to_the_published_counters_at_the_same_checkpoint() {
    let app = ocs_testkit::TestApp::builder().build().await;
    for number in [11_111_111, 22_222_222] {
        let response = post_statement(&app, "demo", &austrian(&app, number)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let response = post_statement(&app, "demo", &german(&app, "Lena", "1990-05-01")).await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let counters = json_of(get(&app, "/api/v1/initiatives/demo/counters").await).await;
    let daily = json_of(get(&app, "/api/v1/initiatives/demo/counters/daily").await).await;
    assert_eq!(daily["log"], counters["log"], "{daily}");
    let days = daily["days"].as_array().unwrap();
    assert_eq!(days.len(), 1, "all signed on the test clock's day: {daily}");
    let today = app.clock.now().to_zoned(jiff::tz::TimeZone::UTC).date();
    assert_eq!(days[0]["date"], today.to_string());
    assert_eq!(days[0]["total"], 3);
    assert_eq!(days[0]["by_country"]["AT"], 2);
    assert_eq!(days[0]["by_country"]["DE"], 1);
    assert_eq!(counters["total"], 3);

    let response = get(&app, "/api/v1/initiatives/nope/counters/daily").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_reads_answer_cors_without_credentials_with_an_etag_and_304() {
    let app = ocs_testkit::TestApp::builder().build().await;
    let request = || {
        Request::get("/api/v1/initiatives/demo/counters")
            .header(header::ORIGIN, "https://news.example.org")
    };
    let response = send(&app, request().body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(!headers.contains_key(header::ACCESS_CONTROL_ALLOW_CREDENTIALS));
    assert!(!headers.contains_key(header::SET_COOKIE));
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=60");
    let etag = headers[header::ETAG].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");
    let body = text(response).await;

    let again = request()
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap();
    let response = send(&app, again).await;
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(response.headers()[header::ETAG], etag.as_str());
    assert_eq!(text(response).await, "");

    // A new statement changes the figures, so the old tag no longer matches.
    let signed = post_statement(&app, "demo", &austrian(&app, 33_333_333)).await;
    assert_eq!(signed.status(), StatusCode::CREATED);
    assert!(
        !signed
            .headers()
            .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
    );
    let stale = request()
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap();
    let response = send(&app, stale).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_ne!(response.headers()[header::ETAG], etag.as_str());
    assert_ne!(text(response).await, body);

    // Pages with forms or personal data stay closed and uncached.
    let page = get(&app, "/initiatives/demo").await;
    assert!(
        !page
            .headers()
            .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
    );
    assert_eq!(page.headers()[header::CACHE_CONTROL], "no-store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_badge_is_an_accessible_svg_without_script_in_the_asked_language() {
    let app = ocs_testkit::TestApp::builder().build().await;
    let response = post_statement(&app, "demo", &austrian(&app, 11_111_111)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = get(&app, "/initiatives/demo/badge.svg?lang=en").await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "image/svg+xml; charset=utf-8"
    );
    assert_eq!(headers["cross-origin-resource-policy"], "cross-origin");
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=60");
    let svg = text(response).await;
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.contains("role=\"img\""), "{svg}");
    assert!(svg.contains("<title>"), "{svg}");
    assert!(
        svg.contains("1 of 1,000,000 statements of support"),
        "{svg}"
    );
    assert!(!svg.contains("<script") && !svg.contains("href"), "{svg}");

    let german_badge = text(get(&app, "/initiatives/demo/badge.svg?lang=de").await).await;
    assert_ne!(german_badge, svg, "translated");
    assert_eq!(
        get(&app, "/initiatives/nope/badge.svg").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_widget_is_the_one_page_any_site_may_frame_and_sets_no_cookie() {
    let app = ocs_testkit::TestApp::builder().build().await;
    let response = post_statement(&app, "demo", &austrian(&app, 11_111_111)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = get(&app, "/initiatives/demo/widget?lang=en").await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("frame-ancestors *"), "{csp}");
    assert!(
        csp.contains("default-src 'self'") && !csp.contains("unsafe"),
        "{csp}"
    );
    assert!(!headers.contains_key(header::X_FRAME_OPTIONS));
    assert!(!headers.contains_key(header::SET_COOKIE));
    let page = text(response).await;
    assert!(page.contains("<html lang=\"en\""), "{page}");
    assert!(
        page.contains("1 of 1,000,000 statements of support"),
        "{page}"
    );
    assert!(
        page.contains("target=\"_blank\""),
        "links leave the frame: {page}"
    );
    assert!(
        !page.contains("<script") && !page.contains("<form"),
        "{page}"
    );
    let german_page = text(get(&app, "/initiatives/demo/widget?lang=de").await).await;
    assert!(german_page.contains("<html lang=\"de\""), "{german_page}");
    assert!(german_page.contains("1 von 1.000.000"), "{german_page}");

    // Every other page still refuses to be framed.
    let page = get(&app, "/initiatives/demo").await;
    assert!(
        page.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(
        get(&app, "/initiatives/nope/widget").await.status(),
        StatusCode::NOT_FOUND
    );
}
