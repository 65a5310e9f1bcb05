//! Security headers: every route of the router is listed and answers with every header (and
//! its caching rule), and so do the answers hyper makes before the router.

use axum::body::Body;
use axum::http::{Request, header};
use ocs_testkit::TestApp;
use ocs_web::middleware::{ASSET_HEADERS, REDIRECT_HEADERS, SECURITY_HEADERS};
use ocs_web::routes::all_routes;
use ocs_web::routes::open_data::{PUBLIC_MAX_AGE, is_open_data};
use ocs_web::server::ServerLimits;

use super::{concrete, exchange};
use crate::send;

/// Every `.route("…"` in the web crate's sources.
fn routes_in_source() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("routes.rs")];
    let mut dirs = vec![root.join("routes")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut found = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let mut rest = source.as_str();
        while let Some(at) = rest.find(".route(") {
            rest = &rest[at + 7..];
            let trimmed = rest.trim_start();
            let Some(after) = trimmed.strip_prefix('"') else {
                continue;
            };
            let close = after.find('"').unwrap();
            found.push(after[..close].to_owned());
        }
    }
    found
}

#[test]
fn the_route_list_names_every_route_of_the_router() {
    let listed: std::collections::BTreeSet<&str> = all_routes().map(|(_, p)| *p).collect();
    let source = routes_in_source();
    assert!(source.len() >= 10, "the scan found the router: {source:?}");
    for path in &source {
        assert!(
            listed.contains(path.as_str()),
            "{path} is routed but missing from ocs_web::routes::ROUTES"
        );
    }
}

#[tokio::test]
async fn every_route_answers_with_every_security_header() {
    let app = TestApp::builder().build().await;
    let mut checked = 0;
    for (method, pattern) in all_routes().chain(&[("GET", "/no/such/page")]) {
        let path = concrete(pattern);
        let mut request = Request::builder().method(*method).uri(&path);
        if *method == "POST" {
            request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        let response = send(&app, request.body(Body::from("a=b")).unwrap()).await;
        let headers = response.headers();
        let open_data = is_open_data(&method.parse().unwrap(), &path);
        // A found stylesheet or script carries only the headers a browser applies to it.
        if pattern.starts_with("/static/") && response.status().is_success() {
            for (name, value) in ASSET_HEADERS {
                assert_eq!(headers[name], value, "{method} {path}: {name}");
            }
            for name in [
                "content-security-policy",
                "permissions-policy",
                "x-request-id",
            ] {
                assert!(!headers.contains_key(name), "{method} {path}: {name}");
            }
        }
        let redirect = response.status().is_redirection();
        let expected_set: &[(&str, &str)] =
            if pattern.starts_with("/static/") && response.status().is_success() {
                &[]
            } else if redirect {
                // A redirect is followed, never shown: what governs the next request.
                assert!(headers.contains_key(header::LOCATION), "{method} {path}");
                &REDIRECT_HEADERS
            } else {
                &SECURITY_HEADERS
            };
        for (name, value) in expected_set.iter().copied() {
            // Issue 17, item 10: a badge is an image any page may show, and the widget the
            // one page any site may frame.
            let framed_csp = value.replace("frame-ancestors 'none'", "frame-ancestors *");
            let expected = match name {
                "cross-origin-resource-policy" if path.ends_with("/badge.svg") => {
                    Some("cross-origin")
                }
                "content-security-policy" if path.ends_with("/widget") => Some(framed_csp.as_str()),
                _ => Some(value),
            };
            assert_eq!(
                headers.get(name).map(|v| v.to_str().unwrap()),
                expected,
                "{method} {path}: {name}"
            );
        }
        assert!(
            headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
            "{method} {path}"
        );
        // The request id a person can report: on every refusal and error.
        let failed = response.status().is_client_error() || response.status().is_server_error();
        assert_eq!(
            headers.contains_key("x-request-id"),
            failed,
            "{method} {path}: {}",
            response.status()
        );
        for legacy in ["x-frame-options", "x-permitted-cross-domain-policies"] {
            assert!(!headers.contains_key(legacy), "{method} {path}: {legacy}");
        }
        let cache = headers[header::CACHE_CONTROL].to_str().unwrap();
        if pattern.starts_with("/static/") {
            assert!(cache.contains("max-age="), "{method} {path}");
        } else if pattern.starts_with("/log/") {
            // The public tally log (ADR 0007): no personal data; tiles are immutable, the
            // checkpoint is revalidated, anything refused is not stored.
            assert!(
                ["no-cache", "no-store"].contains(&cache) || cache.contains("immutable"),
                "{method} {path}: {cache}"
            );
        } else if open_data {
            // Published figures, no personal data: cached briefly, revalidated by ETag.
            assert!(
                [PUBLIC_MAX_AGE, "no-store"].contains(&cache),
                "{method} {path}: {cache}"
            );
        } else {
            assert_eq!(
                cache, "no-store",
                "{method} {path}: personal data is never cached"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, all_routes().count() + 1);
}

/// Issue 19, finding 12: hyper answers a request head it cannot parse (a bad request line,
/// a header over the limit) by itself, before the router; that answer carried none of the
/// security headers. It does now, and the connection is closed as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_made_before_the_router_carry_the_security_headers() {
    let app = TestApp::builder().build().await;
    let address = app.spawn_with_limits(ServerLimits::default()).await;
    let (garbage, huge, good) = tokio::task::spawn_blocking(move || {
        let garbage = exchange(address, "NOT AN HTTP REQUEST\r\n\r\n");
        let huge = exchange(
            address,
            &format!(
                "GET / HTTP/1.1\r\nHost: x\r\nX-Filler: {}\r\n\r\n",
                "a".repeat(200_000)
            ),
        );
        let good = exchange(
            address,
            "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        (garbage, huge, good)
    })
    .await
    .unwrap();
    for answer in [&garbage, &huge] {
        assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
        let head = answer.to_ascii_lowercase();
        for (name, value) in SECURITY_HEADERS {
            assert!(
                head.contains(&format!("\r\n{name}: {}\r\n", value.to_ascii_lowercase())),
                "{name} missing: {answer}"
            );
        }
        assert!(head.contains("\r\ncache-control: no-store\r\n"), "{answer}");
    }
    // The router's own answers are unchanged: each header once.
    assert!(good.starts_with("HTTP/1.1 200"), "{good}");
    assert_eq!(
        good.to_ascii_lowercase()
            .matches("x-content-type-options:")
            .count(),
        1,
        "{good}"
    );
}
