//! A minimal keep-alive HTTP/1.1 client on one connection (`hyper::client::conn::http1`).

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context as _, bail};
use http_body_util::{BodyExt as _, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::{Method, Request, StatusCode, header};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// How long one request may take before the connection is given up.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// One HTTP/1.1 connection, reused request after request.
pub struct Connection {
    sender: SendRequest<Full<Bytes>>,
    host: String,
}

/// A received answer.
pub struct Answer {
    /// The status code.
    pub status: StatusCode,
    /// The whole body.
    pub body: Bytes,
    /// Whether the answer carried a `Retry-After` header (expected on every 503).
    pub retry_after: bool,
}

impl Answer {
    /// The body as text, for error samples.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Connection {
    /// Connects to `address` (loopback only) and drives the connection on a task.
    pub async fn open(address: SocketAddr) -> anyhow::Result<Self> {
        if !address.ip().is_loopback() {
            bail!("refusing to load {address}: the harness only talks to 127.0.0.1");
        }
        let stream = TcpStream::connect(address)
            .await
            .with_context(|| format!("connecting to {address}"))?;
        stream.set_nodelay(true).context("TCP_NODELAY")?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .context("HTTP/1.1 handshake")?;
        // The task ends when the connection closes or `sender` is dropped.
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(Self {
            sender,
            host: address.to_string(),
        })
    }

    /// Sends one request and reads the whole answer.
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        content_type: Option<&'static str>,
        body: Bytes,
    ) -> anyhow::Result<Answer> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, &self.host);
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let request = request
            .body(Full::new(body))
            .context("building a request")?;
        self.sender.ready().await.context("connection not ready")?;
        let response = self
            .sender
            .send_request(request)
            .await
            .context("sending a request")?;
        let status = response.status();
        let retry_after = response.headers().contains_key(header::RETRY_AFTER);
        let body = response
            .into_body()
            .collect()
            .await
            .context("reading an answer")?
            .to_bytes();
        Ok(Answer {
            status,
            body,
            retry_after,
        })
    }

    /// Sends one request with extra headers and returns the answer with its headers (the
    /// browser flow reads cookies and redirects, and counts the bytes on the wire).
    pub async fn exchange(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(header::HeaderName, String)],
        body: Bytes,
    ) -> anyhow::Result<(StatusCode, header::HeaderMap, Bytes)> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, &self.host);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let request = request
            .body(Full::new(body))
            .context("building a request")?;
        self.sender.ready().await.context("connection not ready")?;
        let response = self
            .sender
            .send_request(request)
            .await
            .context("sending a request")?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .context("reading an answer")?
            .to_bytes();
        Ok((parts.status, parts.headers, body))
    }

    /// `GET path` with the request timeout.
    pub async fn get(&mut self, path: &str) -> anyhow::Result<Answer> {
        tokio::time::timeout(
            REQUEST_TIMEOUT,
            self.send(Method::GET, path, None, Bytes::new()),
        )
        .await
        .with_context(|| format!("GET {path} timed out"))?
    }
}

/// One `GET` on a fresh connection that must answer 200; returns the body text.
pub async fn get_text(address: SocketAddr, path: &str) -> anyhow::Result<String> {
    let mut connection = Connection::open(address).await?;
    let answer = connection.get(path).await?;
    if answer.status != StatusCode::OK {
        bail!("GET {path}: HTTP {}: {}", answer.status, answer.text());
    }
    Ok(answer.text())
}
