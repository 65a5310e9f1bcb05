//! The HTTP defences as an attacker meets them: headers on every route, cross-origin
//! refusals, rate limits, the `/metrics` lock, and slow clients on a real socket.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use jiff::SignedDuration;
use ocs_testkit::TestApp;
use ocs_web::WebSettings;
use ocs_web::middleware::{ASSET_HEADERS, REDIRECT_HEADERS, SECURITY_HEADERS};
use ocs_web::ratelimit::{Bucket, ClassLimits, RateLimitSettings};
use ocs_web::routes::all_routes;
use ocs_web::routes::open_data::{PUBLIC_MAX_AGE, is_open_data};
use ocs_web::server::ServerLimits;

use crate::{austrian, get, json_of, send, text};

/// A concrete path for a route pattern.
fn concrete(pattern: &str) -> String {
    pattern
        .replace("{slug}", "demo")
        .replace("{nationality}", "DE")
        .replace("{token}", "nonsense")
        .replace("{file}", "app.css")
        .replace("{name}", "root")
}

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

fn form_post(path: &str, origin: Option<&str>, referer: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, "sign.example.eu")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    if let Some(referer) = referer {
        request = request.header(header::REFERER, referer);
    }
    request
        .body(Body::from(
            "form_token=x&consent=on&full.first.names=Quokka",
        ))
        .unwrap()
}

#[tokio::test]
async fn a_cross_site_post_is_refused_with_a_code_and_no_input_echoed() {
    let app = TestApp::builder()
        .web_settings(WebSettings {
            allowed_origin: Some("https://sign.example.eu".into()),
            ..WebSettings::default()
        })
        .build()
        .await;
    let path = "/initiatives/demo/sign/AT";
    for (origin, referer) in [
        (Some("https://evil.example"), None),
        (Some("null"), None),
        (None, Some("https://evil.example/page")),
    ] {
        let response = send(&app, form_post(path, origin, referer)).await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{origin:?} {referer:?}"
        );
        let request_id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let page = text(response).await;
        assert!(page.contains("SEC-001"), "{page}");
        assert!(page.contains(&request_id), "the page shows the request id");
        assert!(!page.contains("Quokka"), "the refusal shows no input");
    }
    // The API answers in JSON.
    let request = Request::post("/api/v1/initiatives/demo/statements")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(json_of(response).await["errors"][0]["code"], "SEC-001");
    // Our own origin reaches the handler (which then wants consent, a token and fields).
    let response =
        crate::send_form(&app, form_post(path, Some("https://sign.example.eu"), None)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.signing
            .metrics()
            .recorded
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );
}

#[tokio::test]
async fn csrf_tokens_bind_to_their_session() {
    let app = TestApp::builder().build().await;
    let web = &app.web;
    let token = web.csrf_token(b"session-1");
    assert!(web.csrf_valid(&token, b"session-1"));
    assert!(!web.csrf_valid(&token, b"session-2"));
    assert!(!web.csrf_valid("", b"session-1"));
}

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

fn exchange(address: SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slowloris_client_is_cut_off_and_a_slow_body_is_refused() {
    let app = TestApp::builder()
        .web_settings(WebSettings {
            body_read_timeout: Duration::from_millis(500),
            ..WebSettings::default()
        })
        .build()
        .await;
    let address = app
        .spawn_with_limits(ServerLimits {
            header_read_timeout: Duration::from_millis(500),
            ..ServerLimits::default()
        })
        .await;
    let (head, body, huge) = tokio::task::spawn_blocking(move || {
        // Half a request head, then nothing: the server must close the connection. The
        // client would wait 30 s; the read ends at once when the server hangs up.
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ").unwrap();
        let mut buffer = Vec::new();
        let head = stream.read_to_end(&mut buffer).map(|_| buffer);
        // A whole head, a tenth of the announced body, then nothing.
        let body = exchange(
            address,
            "POST /initiatives/demo/sign/AT HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\na=0123456",
        );
        // A head bigger than the cap.
        let huge = exchange(
            address,
            &format!(
                "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
                "a".repeat(40_000)
            ),
        );
        (head, body, huge)
    })
    .await
    .unwrap();
    match head {
        // Closed without an answer, or with hyper's 408: either way not held open.
        Ok(bytes) => {
            let answer = String::from_utf8_lossy(&bytes);
            assert!(
                answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
                "{answer}"
            );
        }
        Err(error) => assert_eq!(
            error.kind(),
            std::io::ErrorKind::ConnectionReset,
            "the server closed the slow connection: {error}"
        ),
    }
    assert!(body.starts_with("HTTP/1.1 400"), "{body}");
    assert!(body.contains("REQ-001"), "{body}");
    assert!(
        huge.is_empty() || huge.starts_with("HTTP/1.1 431"),
        "{}",
        &huge[..huge.len().min(200)]
    );
}

/// Issue 19, finding 3: the old body timeout measured the gap between chunks, so a byte every
/// few seconds held a POST open forever. The deadline is total now: a body trickled a byte
/// every 200 ms (each gap well under the 500 ms timeout) is cut off.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trickled_body_is_cut_at_its_total_deadline() {
    let app = TestApp::builder()
        .web_settings(WebSettings {
            body_read_timeout: Duration::from_millis(500),
            ..WebSettings::default()
        })
        .build()
        .await;
    let address = app.spawn_with_limits(ServerLimits::default()).await;
    let (answer, bytes_sent) = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        stream
            .write_all(b"POST /initiatives/demo/sign/AT HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
            .unwrap();
        let mut answer = Vec::new();
        let mut sent = 0;
        // At most 100 bytes (20 s): the old gap timeout would never have answered.
        while sent < 100 {
            if stream.write_all(b"a").is_err() {
                break;
            }
            sent += 1;
            std::thread::sleep(Duration::from_millis(200));
            let mut buffer = [0u8; 4096];
            match stream.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => {
                    answer.extend_from_slice(&buffer[..n]);
                    break;
                }
                Err(_) => {}
            }
        }
        (String::from_utf8_lossy(&answer).into_owned(), sent)
    })
    .await
    .unwrap();
    assert!(
        bytes_sent < 100,
        "still reading after {bytes_sent} trickled bytes"
    );
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
}

/// Issue 19, finding 3: a declared length over the limit used to wait the whole body timeout
/// and then answer 400. It is refused with 413 at once, with no body byte sent (the client
/// would wait 30 s for an answer that needs the timeout).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declared_oversized_body_is_refused_at_once() {
    let app = TestApp::builder()
        .web_settings(WebSettings {
            body_read_timeout: Duration::from_mins(1),
            ..WebSettings::default()
        })
        .build()
        .await;
    let address = app.spawn_with_limits(ServerLimits::default()).await;
    let (form, api) = tokio::task::spawn_blocking(move || {
        let form = exchange(
            address,
            "POST /initiatives/demo/sign/AT HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000000\r\n\r\n",
        );
        let api = exchange(
            address,
            "POST /api/v1/initiatives/demo/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n",
        );
        (form, api)
    })
    .await
    .unwrap();
    assert!(form.starts_with("HTTP/1.1 413"), "{form}");
    assert!(form.contains("REQ-002"), "{form}");
    assert!(api.starts_with("HTTP/1.1 413"), "{api}");
    assert!(api.contains("REQ-002"), "{api}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smuggling_shapes_and_unknown_methods_are_refused() {
    let app = TestApp::builder().build().await;
    let address = app.spawn_with_limits(ServerLimits::default()).await;
    let answers = tokio::task::spawn_blocking(move || {
        let both = exchange(
            address,
            "POST /api/v1/initiatives/demo/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        );
        let twice = exchange(
            address,
            "POST /api/v1/initiatives/demo/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
        );
        let trace = exchange(
            address,
            "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        (both, twice, trace)
    })
    .await
    .unwrap();
    // Content-Length with chunked: hyper reads the chunked body and drops the length (RFC
    // 9112 §6.3); the empty body is then refused, and no second request hides in it.
    assert!(answers.0.starts_with("HTTP/1.1 4"), "{}", answers.0);
    assert_eq!(answers.0.matches("HTTP/1.1").count(), 1, "{}", answers.0);
    assert!(answers.1.starts_with("HTTP/1.1 400"), "{}", answers.1);
    assert!(answers.2.starts_with("HTTP/1.1 405"), "{}", answers.2);
    assert_eq!(
        app.signing
            .metrics()
            .recorded
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_are_closed_at_once() {
    let app = TestApp::builder().build().await;
    let address = app
        .spawn_with_limits(ServerLimits {
            max_connections: 2,
            header_read_timeout: Duration::from_mins(1),
            ..ServerLimits::default()
        })
        .await;
    let (third, first) = tokio::task::spawn_blocking(move || {
        // Two connections that hold their slots: each has sent a request and keeps the
        // connection alive, so the server has accepted both before the third arrives.
        let mut held = Vec::new();
        for _ in 0..2 {
            let mut stream = TcpStream::connect(address).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(30)))
                .unwrap();
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                .unwrap();
            let mut buffer = [0u8; 12];
            stream.read_exact(&mut buffer).unwrap();
            assert_eq!(&buffer, b"HTTP/1.1 200");
            held.push(stream);
        }
        // The third is closed without an answer.
        let third = exchange(
            address,
            "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        (third, held)
    })
    .await
    .unwrap();
    assert!(third.is_empty(), "{third}");
    drop(first);
}

/// Every state-changing route refuses a same-origin request without its synchroniser token
/// (the public form token, or the console session's `form_token`), or under `/api/` one
/// that is not JSON. A route added without CSRF protection fails here.
#[tokio::test]
async fn every_post_route_needs_its_token_or_json() {
    use std::fmt::Write as _;

    use ocs_web::formguard::{Rule, pass, rule};
    let app = TestApp::builder().build().await;
    crate::console::account(&app, "root", ocs_domain::access::Role::HostAdmin, None).await;
    let session = crate::console::enrol_and_sign_in(&app, "root").await;
    let (form_cookie, _) = pass(&app.web);
    // A real token, but bound to another visitor's cookie.
    let (_, foreign) = pass(&app.web);
    let mut checked = 0;
    for (method, pattern) in all_routes().filter(|(m, _)| *m != "GET") {
        let path = concrete(pattern);
        let method = axum::http::Method::from_bytes(method.as_bytes()).unwrap();
        let expected = match rule(&method, &path) {
            Rule::Json => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "REQ-003"),
            Rule::ConsoleSession => (StatusCode::FORBIDDEN, "CON-006"),
            Rule::FormToken => (StatusCode::FORBIDDEN, "SEC-002"),
            Rule::SamlResponse => {
                // Posted by the IdP's page: no token, but nothing without a signed answer
                // to the request in the signer's flow cookie (tests/it/saml.rs).
                let request = Request::post(&path)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(
                        "SAMLResponse=PHNhbWw%2BPC9zYW1sPg%3D%3D&RelayState=x",
                    ))
                    .unwrap();
                let response = send(&app, request).await;
                assert!(
                    response.status().is_client_error(),
                    "{path}: {}",
                    response.status()
                );
                assert!(response.headers().get(header::SET_COOKIE).is_none());
                checked += 1;
                continue;
            }
            Rule::WitnessCosignature => {
                // Posted by a witness program: no token, but nothing is stored without a line
                // that verifies under a configured witness key (tests/it/tally_log.rs).
                let request = Request::post(&path)
                    .header(header::CONTENT_TYPE, "text/plain")
                    .body(Body::from("a=b"))
                    .unwrap();
                let response = send(&app, request).await;
                assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
                assert!(text(response).await.contains("REQ-001"), "{path}");
                checked += 1;
                continue;
            }
            Rule::Safe => panic!("{method} {path} is not state-changing"),
        };
        let bodies = [
            "a=b".to_owned(),
            format!("a=b&csrf={foreign}&form_token={}", "0".repeat(64)),
            "a=b&csrf=&form_token=".to_owned(),
        ];
        // The certificate upload is the one multipart form.
        let multipart = path.ends_with("/certificate");
        for body in bodies {
            let (content_type, body) = if multipart {
                let mut out = String::new();
                for pair in body.split('&') {
                    let (name, value) = pair.split_once('=').unwrap();
                    let _ = write!(
                        out,
                        "--X\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                    );
                }
                out.push_str("--X--\r\n");
                ("multipart/form-data; boundary=X", out)
            } else {
                ("application/x-www-form-urlencoded", body)
            };
            let request = Request::builder()
                .method(method.clone())
                .uri(&path)
                .header(header::HOST, "127.0.0.1")
                .header(header::ORIGIN, "https://127.0.0.1")
                .header(header::CONTENT_TYPE, content_type)
                .header(header::COOKIE, format!("{session}; {form_cookie}"))
                .body(Body::from(body.clone()))
                .unwrap();
            let response = send(&app, request).await;
            assert_eq!(response.status(), expected.0, "{method} {path} with {body}");
            let answer = text(response).await;
            assert!(answer.contains(expected.1), "{method} {path}: {answer}");
        }
        checked += 1;
    }
    assert!(checked >= 12, "{checked} routes");
}

/// The control for the test above: with the cookie and its token, the public forms pass the
/// guard (whatever the handler then answers), and the refusal page echoes no input.
#[tokio::test]
async fn a_form_with_its_token_passes_and_a_refusal_echoes_nothing() {
    let app = TestApp::builder().build().await;
    let (cookie, token) = ocs_web::formguard::pass(&app.web);
    for path in [
        "/initiatives/demo/sign/AT",
        "/initiatives/demo/my-statement",
        "/mail/confirm/nonsense",
        "/mail/unsubscribe/nonsense",
        "/console/sign-in",
    ] {
        let post = |body: String, cookie: &str| {
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, cookie)
                .body(Body::from(body))
                .unwrap()
        };
        let passed = send(
            &app,
            post(format!("full.first.names=Quokka&csrf={token}"), &cookie),
        )
        .await;
        let status = passed.status();
        assert!(!text(passed).await.contains("SEC-002"), "{path}: {status}");
        let refused = send(
            &app,
            post("full.first.names=Quokka&csrf=forged".into(), &cookie),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{path}");
        let page = text(refused).await;
        assert!(
            page.contains("SEC-002") && !page.contains("Quokka"),
            "{path}"
        );
        // The token of one cookie does not verify with another.
        let (other, _) = ocs_web::formguard::pass(&app.web);
        let swapped = send(&app, post(format!("csrf={token}"), &other)).await;
        assert_eq!(swapped.status(), StatusCode::FORBIDDEN, "{path}");
    }
    // The RFC 8058 one-click unsubscribe of a mail provider needs no cookie.
    let one_click = send(
        &app,
        Request::post("/mail/unsubscribe/nonsense")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("List-Unsubscribe=One-Click"))
            .unwrap(),
    )
    .await;
    assert!(!text(one_click).await.contains("SEC-002"));
    // A form page sets the cookie its token is bound to.
    let form = get(&app, "/initiatives/demo/sign/AT").await;
    let set = form.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    for part in [
        "__Host-ocs_form=",
        "HttpOnly",
        "Secure",
        "SameSite=Lax",
        "Path=/",
    ] {
        assert!(set.contains(part), "{set}");
    }
    assert!(text(form).await.contains("name=\"csrf\" value=\""));
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
