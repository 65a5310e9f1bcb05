//! The early refusal (issue 21 item 1, `ocs_web::shed`): a statement the node would refuse is
//! answered 503 before routing and the body read, with the same coded and localised JSON as
//! the full path, and its proof of work stays usable.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ocs_testkit::TestApp;

use crate::{austrian, get, json_of, post_statement, send, total};

/// A node that admits at most two signing requests at once (a cold node's only limit is
/// `signing.max_in_flight`, ADR 0008), so two permits held by the test saturate it.
async fn small_node() -> TestApp {
    let settings = ocs_service::SigningSettings {
        max_in_flight: 2,
        ..ocs_service::SigningSettings::default()
    };
    TestApp::builder().settings(settings).build().await
}

fn shed_count(app: &TestApp) -> u64 {
    app.signing
        .metrics()
        .shed
        .load(std::sync::atomic::Ordering::Relaxed)
}

/// The body is not read: a body that is not even JSON gets the busy answer (the full path
/// would answer 400 `REQ-…`), in the language asked for, with the API's error shape.
#[tokio::test]
async fn a_saturated_node_refuses_before_reading_the_body_in_the_readers_language() {
    let app = small_node().await;
    let admission = app.signing.admission();
    let ahead: Vec<_> = (0..2).map(|_| admission.try_admit().unwrap()).collect();

    let request = Request::post("/api/v1/initiatives/demo/statements")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "de-AT, de;q=0.9, en;q=0.5")
        .body(Body::from("{not json at all"))
        .unwrap();
    let refused = send(&app, request).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    let headers = refused.headers();
    assert_eq!(headers[header::RETRY_AFTER], "2");
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let answer = json_of(refused).await;
    assert_eq!(
        answer,
        serde_json::json!({"errors": [{
            "field": null,
            "code": "SIG-040",
            "message": "Gerade unterzeichnen sehr viele Menschen. Ihre Angaben bleiben erhalten: \
                        Bitte senden Sie das Formular in einigen Sekunden erneut.",
        }]}),
    );
    assert_eq!(shed_count(&app), 1);

    // Without a language: English, the same shape.
    let plain = Request::post("/api/v1/initiatives/demo/statements")
        .body(Body::empty())
        .unwrap();
    let answer = json_of(send(&app, plain).await).await;
    assert_eq!(answer["errors"][0]["code"], "SIG-040");
    assert!(
        answer["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Many people are signing right now."),
        "{answer}"
    );
    assert_eq!(shed_count(&app), 2);

    // Once the work ahead is done, the same malformed body reaches the full path.
    drop(ahead);
    let request = Request::post("/api/v1/initiatives/demo/statements")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{not json at all"))
        .unwrap();
    let malformed = send(&app, request).await;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(shed_count(&app), 2);
}

/// A refused statement's proof of work is spent by nobody: the same body is stored once the
/// node has room, and only then is the proof used up.
#[tokio::test]
async fn the_proof_of_an_early_refusal_stays_usable() {
    let app = small_node().await;
    let admission = app.signing.admission();
    let ahead: Vec<_> = (0..2).map(|_| admission.try_admit().unwrap()).collect();
    let body = austrian(&app, 72_000_001);
    for _ in 0..3 {
        let refused = post_statement(&app, "demo", &body).await;
        assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    }
    assert_eq!(total(&app, "demo").await, 0, "nothing is stored");
    drop(ahead);
    let taken = post_statement(&app, "demo", &body).await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    assert_eq!(total(&app, "demo").await, 1);
    let mut other = austrian(&app, 72_000_002);
    other["altcha"] = body["altcha"].clone();
    let spent = post_statement(&app, "demo", &other).await;
    assert_eq!(json_of(spent).await["errors"][0]["code"], "SIG-021");
}

/// Only statements are shed: reads, the form page and the receipt check go on while the
/// signing path is saturated.
#[tokio::test]
async fn other_routes_are_served_while_statements_are_refused() {
    let app = small_node().await;
    let admission = app.signing.admission();
    let _ahead: Vec<_> = (0..2).map(|_| admission.try_admit().unwrap()).collect();
    for path in [
        "/healthz",
        "/api/v1/initiatives/demo/counters",
        "/initiatives/demo",
        "/initiatives/demo/sign/AT",
    ] {
        let answer = get(&app, path).await;
        assert_eq!(answer.status(), StatusCode::OK, "{path}");
    }
    assert_eq!(shed_count(&app), 0);
}

/// Over a real connection through the production accept loop: the refusal leaves the
/// connection open (hyper drains the small body it already holds), and the next request on
/// it is served.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_early_refusal_keeps_the_connection_alive() {
    let app = small_node().await;
    let address = app
        .spawn_with_limits(ocs_web::server::ServerLimits::default())
        .await;
    let admission = app.signing.admission();
    let ahead: Vec<_> = (0..2).map(|_| admission.try_admit().unwrap()).collect();
    let body = austrian(&app, 73_000_001).to_string();
    let (first, second) = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let post = format!(
            "POST /api/v1/initiatives/demo/statements HTTP/1.1\r\nHost: x\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(post.as_bytes()).unwrap();
        let first = read_one_answer(&mut stream);
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut second = String::new();
        stream.read_to_string(&mut second).unwrap();
        (first, second)
    })
    .await
    .unwrap();
    assert!(first.starts_with("HTTP/1.1 503"), "{first}");
    assert!(first.contains("\"SIG-040\""), "{first}");
    assert!(
        !first.to_ascii_lowercase().contains("connection: close"),
        "{first}"
    );
    assert!(second.starts_with("HTTP/1.1 200"), "{second}");
    drop(ahead);
}

/// Reads one answer with a `content-length` body from `stream`, no further.
fn read_one_answer(stream: &mut TcpStream) -> String {
    let mut bytes = Vec::new();
    let mut chunk = [0_u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().unwrap())
                })
                .unwrap();
            if bytes.len() >= end + 4 + length {
                return text;
            }
        }
        let read = stream.read(&mut chunk).unwrap();
        assert!(read > 0, "the connection closed early");
        bytes.extend_from_slice(&chunk[..read]);
    }
}
