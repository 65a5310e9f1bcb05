//! Cheap reads (issue 21 item 5): a cached rendering carries its `ETag`, made once per coding,
//! and the open-data layer answers with it (and `304`) without hashing the body again.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt as _;
use jiff::SignedDuration;
use ocs_testkit::TestApp;

use crate::{get, send};

#[tokio::test]
async fn a_cached_answer_carries_the_etag_of_the_bytes_sent_in_each_coding() {
    // Not at once, so the counters are served from the read cache.
    let rule = ocs_service::tally_log::PublishRule {
        interval: SignedDuration::ZERO,
        min_batch: 2,
    };
    let app = TestApp::builder().counters(rule).build().await;
    let counters = "/api/v1/initiatives/demo/counters";
    // The first read publishes the empty log; the second is rendered and cached.
    for _ in 0..2 {
        assert_eq!(get(&app, counters).await.status(), StatusCode::OK);
    }
    let mut tags = Vec::new();
    for coding in ["identity", "gzip", "br"] {
        let hits = app.web.read_cache().hits();
        let request = Request::get(counters)
            .header(header::ACCEPT_ENCODING, coding)
            .body(Body::empty())
            .unwrap();
        let answer = send(&app, request).await;
        assert_eq!(answer.status(), StatusCode::OK);
        assert_eq!(
            app.web.read_cache().hits(),
            hits + 1,
            "{coding}: a cache hit"
        );
        let tag = answer.headers()[header::ETAG].to_str().unwrap().to_owned();
        let sent = answer.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(
            tag,
            ocs_web::routes::open_data::etag_of(&sent),
            "{coding}: the tag is the hash of the bytes on the wire"
        );
        let again = Request::get(counters)
            .header(header::ACCEPT_ENCODING, coding)
            .header(header::IF_NONE_MATCH, &tag)
            .body(Body::empty())
            .unwrap();
        let revalidated = send(&app, again).await;
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{coding}");
        assert_eq!(revalidated.headers()[header::ETAG], tag.as_str());
        tags.push(tag);
    }
    tags.sort();
    tags.dedup();
    assert_eq!(tags.len(), 3, "each coding has its own strong tag");

    // A cached page is not open data: it carries no tag.
    for _ in 0..2 {
        let page = get(&app, "/initiatives/demo").await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(!page.headers().contains_key(header::ETAG));
    }
}
