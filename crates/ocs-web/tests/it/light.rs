//! Cheap reads and light pages (issue 21, items 3 to 5): liveness without the database,
//! readiness with it, the proof-of-work challenge embedded in the signing page.

use axum::http::{StatusCode, header};
use jiff::SignedDuration;
use ocs_testkit::TestApp;

use crate::{get, send_form as send, text, total};

/// Makes every probe of the store fail until called again with `back`: on SQLite the table
/// the probe reads is renamed; on PostgreSQL (whose probe reads no table) the database stops
/// taking connections and the app's are ended.
async fn break_the_probe(app: &TestApp, back: bool) {
    match &app.application.config().database {
        ocs::config::DatabaseUrl::Sqlite(path) => {
            let (from, to) = if back {
                ("probe_away", "schema_migrations")
            } else {
                ("schema_migrations", "probe_away")
            };
            let connection = rusqlite::Connection::open(path).unwrap();
            connection
                .execute_batch(&format!("ALTER TABLE {from} RENAME TO {to}"))
                .unwrap();
        }
        ocs::config::DatabaseUrl::Postgres(url) => {
            use sqlx::Connection as _;
            let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
            // From the server's maintenance database: the app's own may refuse us.
            let admin = std::env::var("OCS_TEST_POSTGRES_URL").unwrap();
            let mut connection = sqlx::PgConnection::connect(&admin).await.unwrap();
            let statements = if back {
                format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")
            } else {
                format!(
                    "ALTER DATABASE {name} ALLOW_CONNECTIONS false; \
                     SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                )
            };
            sqlx::raw_sql(&statements)
                .execute(&mut connection)
                .await
                .unwrap();
        }
    }
}

#[tokio::test]
async fn healthz_does_not_ask_the_store_and_readyz_does() {
    let app = TestApp::builder().build().await;
    assert_eq!(get(&app, "/healthz").await.status(), StatusCode::OK);
    assert_eq!(get(&app, "/readyz").await.status(), StatusCode::OK);

    break_the_probe(&app, false).await;
    let ready = get(&app, "/readyz").await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    // A machine path: the coded JSON answer, not the error page.
    let body: serde_json::Value = serde_json::from_str(&text(ready).await).unwrap();
    assert_eq!(body["errors"][0]["code"], "REQ-503");
    // Liveness does not depend on the database: a restart would not mend it.
    let live = get(&app, "/healthz").await;
    assert_eq!(live.status(), StatusCode::OK);
    assert_eq!(text(live).await, "ok\n");

    break_the_probe(&app, true).await;
    assert_eq!(get(&app, "/readyz").await.status(), StatusCode::OK);
}

/// The value of attribute `name` in `page`, HTML entities undone.
pub fn attribute(page: &str, name: &str) -> Option<String> {
    let marker = format!("{name}=\"");
    let start = page.find(&marker)? + marker.len();
    let raw = page.get(start..)?.split('"').next()?;
    Some(
        raw.replace("&#34;", "\"")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#38;", "&")
            .replace("&amp;", "&"),
    )
}

/// The embedded challenge of a signing page, solved as the page's script would.
fn solve_embedded(page: &str) -> String {
    let json = attribute(page, "data-challengejson").expect("an embedded challenge");
    let challenge: ocs_crypto::Challenge = serde_json::from_str(&json).unwrap();
    ocs_crypto::solve(&challenge).expect("solvable")
}

fn austrian_form(token: &str, altcha: &str, number: &str) -> Vec<(String, String)> {
    [
        ("form_token", token),
        ("altcha", altcha),
        ("full.first.names", "Anna"),
        ("family.names", "Gruber"),
        ("id.type", "id.card"),
        ("id.number", number),
        ("consent", "yes"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

fn post_form(path: &str, pairs: &[(String, String)]) -> axum::http::Request<axum::body::Body> {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    axum::http::Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body))
        .unwrap()
}

fn token_of(page: &str) -> String {
    attribute(page, "name=\"form_token\" value").expect("a form token")
}

#[tokio::test]
async fn the_signing_page_embeds_a_challenge_accepted_once() {
    let app = TestApp::builder().build().await;
    let page = text(get(&app, "/initiatives/demo/sign/AT").await).await;
    let proof = solve_embedded(&page);
    let token = token_of(&page);
    // No waiting: with a solved proof the minimum fill time of the no-script path does not
    // apply, so the proof alone let this through.
    let signed = send(
        &app,
        post_form(
            "/initiatives/demo/sign/AT",
            &austrian_form(&token, &proof, "10000001"),
        ),
    )
    .await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    assert_eq!(total(&app, "demo").await, 1);

    // The same solution with a fresh form is refused and stores nothing.
    let page = text(get(&app, "/initiatives/demo/sign/AT").await).await;
    let token = token_of(&page);
    let again = send(
        &app,
        post_form(
            "/initiatives/demo/sign/AT",
            &austrian_form(&token, &proof, "10000002"),
        ),
    )
    .await;
    assert_ne!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(total(&app, "demo").await, 1);

    // Each page carries a challenge of its own.
    let other = text(get(&app, "/initiatives/demo/sign/AT").await).await;
    assert_ne!(
        attribute(&page, "data-challengejson"),
        attribute(&other, "data-challengejson")
    );
    // A proof solved from a page works after the fill time too.
    app.clock.advance(SignedDuration::from_secs(5));
    let fresh = solve_embedded(&other);
    let signed = send(
        &app,
        post_form(
            "/initiatives/demo/sign/AT",
            &austrian_form(&token_of(&other), &fresh, "10000003"),
        ),
    )
    .await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    assert_eq!(total(&app, "demo").await, 2);
}

/// `GET path` with `Accept-Encoding: coding`.
async fn get_coded(
    app: &TestApp,
    path: &str,
    coding: &str,
) -> axum::http::Response<axum::body::Body> {
    let request = axum::http::Request::get(path)
        .header(header::ACCEPT_ENCODING, coding)
        .body(axum::body::Body::empty())
        .unwrap();
    crate::send(app, request).await
}

/// The body of `response`, decoded from its `Content-Encoding`.
async fn decoded(response: axum::http::Response<axum::body::Body>) -> (Option<String>, Vec<u8>) {
    use http_body_util::BodyExt as _;
    use std::io::Read as _;
    let coding = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let mut out = Vec::new();
    match coding.as_deref() {
        Some("br") => {
            brotli::Decompressor::new(&bytes[..], 4096)
                .read_to_end(&mut out)
                .unwrap();
        }
        Some("gzip") => {
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .unwrap();
        }
        None => out = bytes.to_vec(),
        Some(other) => panic!("unexpected coding {other}"),
    }
    (coding, out)
}

#[tokio::test]
async fn pages_and_the_api_are_compressed_as_the_client_accepts() {
    let app = TestApp::builder().build().await;
    for path in [
        "/initiatives/demo",
        "/initiatives/demo/sign/DE",
        "/api/v1/initiatives/demo",
        "/api/v1/initiatives/demo/counters",
    ] {
        let (_, plain) = decoded(get_coded(&app, path, "identity").await).await;
        let (coding, html) = decoded(get_coded(&app, path, "gzip, deflate").await).await;
        assert_eq!(coding.as_deref(), Some("gzip"), "{path}");
        let (coding, brotli) = decoded(get_coded(&app, path, "gzip, deflate, br").await).await;
        assert_eq!(coding.as_deref(), Some("br"), "{path}");
        // Sign pages differ per request (tokens, challenge); the others are identical.
        if !path.contains("/sign/") {
            assert_eq!(plain, html, "{path}");
            assert_eq!(plain, brotli, "{path}");
        }
        assert!(String::from_utf8(brotli).unwrap().len() > 100, "{path}");
    }
    // `Vary` is for caches: on a `no-store` page it is bytes for nothing; a cached answer
    // (the published counters) keeps it.
    let response = get_coded(&app, "/initiatives/demo", "br").await;
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    assert!(!response.headers().contains_key(header::VARY));
    let response = get_coded(&app, "/api/v1/initiatives/demo/counters", "br").await;
    assert_ne!(response.headers()[header::CACHE_CONTROL], "no-store");
    assert!(
        response
            .headers()
            .get_all(header::VARY)
            .iter()
            .any(|v| v.to_str().unwrap().contains("accept-encoding"))
    );
}

#[tokio::test]
async fn assets_have_hashed_names_cached_immutably_and_come_precompressed() {
    let app = TestApp::builder().build().await;
    let page = text(get(&app, "/initiatives/demo/sign/DE").await).await;
    let css = attribute(&page, "rel=\"stylesheet\" href").expect("a stylesheet");
    let script = attribute(&page, "<script src").expect("a script");
    assert!(
        !page.contains("/static/app.css\""),
        "the plain name is not linked"
    );
    for (path, plain_name) in [(css, "/static/app.css"), (script, "/static/altcha.js")] {
        assert_ne!(path, plain_name);
        let response = get_coded(&app, &path, "identity").await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let cache = response.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            cache.contains("immutable") && cache.contains("max-age=31536000"),
            "{cache}"
        );
        let (_, plain) = decoded(response).await;
        for coding in ["br", "gzip"] {
            let response = get_coded(&app, &path, coding).await;
            let cache = response.headers()[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .to_owned();
            assert!(cache.contains("immutable"), "{cache}");
            let (used, body) = decoded(response).await;
            assert_eq!(used.as_deref(), Some(coding));
            assert_eq!(body, plain, "{path} in {coding}");
        }
        // The plain name still answers, for pages of the previous deployment, but briefly.
        let old = get(&app, plain_name).await;
        assert_eq!(old.status(), StatusCode::OK);
        let cache = old.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(!cache.contains("immutable"), "{cache}");
        assert_eq!(decoded(old).await.1, plain);
    }
    let missing = get(&app, "/static/app.0000000000.css").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn public_renderings_are_cached_until_the_next_publication() {
    // Not at once: a publication needs two new statements; the clock does not move.
    let rule = ocs_service::tally_log::PublishRule {
        interval: SignedDuration::ZERO,
        min_batch: 2,
    };
    let app = TestApp::builder().counters(rule).build().await;
    let counters = "/api/v1/initiatives/demo/counters";
    // The first read publishes the empty log: what was rendered before it is dropped.
    for _ in 0..2 {
        assert_eq!(total(&app, "demo").await, 0);
        let page = text(get(&app, "/initiatives/demo").await).await;
        assert!(page.contains("0 of 1,000,000"));
    }
    let hits = app.web.read_cache().hits();
    assert_eq!(total(&app, "demo").await, 0);
    assert!(
        text(get(&app, "/initiatives/demo").await)
            .await
            .contains("0 of 1,000,000")
    );
    assert_eq!(
        app.web.read_cache().hits(),
        hits + 2,
        "both served from the cache"
    );

    let first = crate::post_statement(&app, "demo", &crate::austrian(&app, 20_000_001)).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    app.tally_log.publish_due().await.unwrap();
    assert_eq!(total(&app, "demo").await, 0, "one statement is not a batch");
    let second = crate::post_statement(&app, "demo", &crate::austrian(&app, 20_000_002)).await;
    assert_eq!(second.status(), StatusCode::CREATED);
    app.tally_log.publish_due().await.unwrap();
    // The publication drops every rendering made before it.
    let etag_first = get(&app, counters)
        .await
        .headers()
        .get(header::ETAG)
        .cloned();
    assert_eq!(total(&app, "demo").await, 2);
    assert!(
        text(get(&app, "/initiatives/demo").await)
            .await
            .contains("2 of 1,000,000")
    );
    let etag_after = get(&app, counters)
        .await
        .headers()
        .get(header::ETAG)
        .cloned();
    assert_eq!(etag_first, etag_after, "one rendering per publication");
    // Revalidation still answers 304.
    let request = axum::http::Request::get(counters)
        .header(header::IF_NONE_MATCH, etag_after.unwrap())
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(
        crate::send(&app, request).await.status(),
        StatusCode::NOT_MODIFIED
    );
}
