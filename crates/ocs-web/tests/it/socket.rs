//! A real TCP socket: HTTP/1.1 on loopback, as a browser or API client speaks it.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use ocs_testkit::TestApp;

fn exchange(address: SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_over_a_real_socket() {
    let app = TestApp::builder().build().await;
    let address = app.spawn().await;
    let body = crate::austrian(&app, 87_654_321).to_string();
    let answer = tokio::task::spawn_blocking(move || {
        let health = exchange(address, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert!(health.starts_with("HTTP/1.1 200"), "{health}");
        exchange(
            address,
            &format!(
                "POST /api/v1/initiatives/demo/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ),
        )
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert!(answer.contains("\"receipt_url\":\"/initiatives/demo/my-statement\""));
    assert_eq!(crate::total(&app, "demo").await, 1);
}
