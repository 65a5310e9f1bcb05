//! The HTTP defences as an attacker meets them: headers on every route, cross-origin
//! refusals, rate limits, the `/metrics` lock, and slow clients on a real socket.
//!
//! This file holds the helpers the topics share: a concrete path for a route pattern and a
//! raw exchange on a socket.

mod csrf;
mod headers;
mod limits;
mod socket;

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A concrete path for a route pattern.
fn concrete(pattern: &str) -> String {
    pattern
        .replace("{slug}", "demo")
        .replace("{nationality}", "DE")
        .replace("{token}", "nonsense")
        .replace("{file}", "app.css")
        .replace("{name}", "root")
}

/// Sends `request` raw on a new connection; the answer, read until the server closes it.
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
