//! Slow and malformed clients on a real socket: slowloris heads, trickled and oversized
//! bodies, smuggling shapes and unknown methods, and connections beyond the cap.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use ocs_testkit::TestApp;
use ocs_web::WebSettings;
use ocs_web::server::ServerLimits;

use super::exchange;

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
