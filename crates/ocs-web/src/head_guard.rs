//! The security headers on answers the router never sees: hyper answers a request head it
//! cannot parse (400, 414, 431 …) by itself, before any middleware runs. [`HeadGuard`] wraps
//! each connection and adds [`SECURITY_HEADERS`] (and `cache-control: no-store`) to such an
//! answer as it is written.
//!
//! Such an answer is recognised by its shape: a whole response head, written at once, with
//! no body and none of our headers. Every answer from the router carries
//! `cross-origin-resource-policy` (pages, assets and redirects alike), so it is never touched.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::middleware::SECURITY_HEADERS;

/// A connection whose parser-made answers get the security headers.
#[derive(Debug)]
pub struct HeadGuard<S> {
    inner: S,
    /// A rewritten answer still to be written, and how much of it is written.
    pending: Vec<u8>,
    written: usize,
}

impl<S> HeadGuard<S> {
    /// Wraps `inner`.
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            pending: Vec::new(),
            written: 0,
        }
    }
}

/// `buf` with the security headers added after its status line, when `buf` is exactly one
/// response head (no body) that carries none of them; `None` otherwise.
pub fn with_security_headers(buf: &[u8]) -> Option<Vec<u8>> {
    let status_line_end = buf.windows(2).position(|w| w == b"\r\n")?;
    let status = buf.get(..status_line_end)?;
    let code = status.strip_prefix(b"HTTP/1.1 ".as_slice())?;
    if code.len() < 3 || !code.iter().take(3).all(u8::is_ascii_digit) {
        return None;
    }
    // One whole head and nothing after it.
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    if head_end + 4 != buf.len() {
        return None;
    }
    let lower = buf.to_ascii_lowercase();
    if lower
        .windows(b"cross-origin-resource-policy:".len())
        .any(|w| w == b"cross-origin-resource-policy:")
    {
        return None;
    }
    let mut out = Vec::with_capacity(buf.len() + 512);
    out.extend_from_slice(buf.get(..status_line_end + 2)?);
    for (name, value) in SECURITY_HEADERS {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"cache-control: no-store\r\n");
    out.extend_from_slice(buf.get(status_line_end + 2..)?);
    Some(out)
}

impl<S: AsyncWrite + Unpin> HeadGuard<S> {
    /// Writes what is pending; ready once nothing is.
    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.written < self.pending.len() {
            let rest = self.pending.get(self.written..).unwrap_or_default();
            match Pin::new(&mut self.inner).poll_write(cx, rest) {
                Poll::Ready(Ok(0)) => {
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                Poll::Ready(Ok(n)) => self.written += n,
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Pending => return Poll::Pending,
            }
        }
        self.pending.clear();
        self.written = 0;
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for HeadGuard<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for HeadGuard<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        match this.poll_pending(cx) {
            Poll::Ready(Ok(())) => {}
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Pending => return Poll::Pending,
        }
        if let Some(rewritten) = with_security_headers(buf) {
            // The whole of `buf` is taken over; the rewritten answer goes out from here on.
            this.pending = rewritten;
            this.written = 0;
            if let Poll::Ready(Err(error)) = this.poll_pending(cx) {
                return Poll::Ready(Err(error));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        match this.poll_pending(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut this.inner).poll_flush(cx),
            other => other,
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        match this.poll_pending(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut this.inner).poll_shutdown(cx),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parser_answer_gets_the_headers_and_keeps_its_own() {
        let answer = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Mon, 07 Dec 2026 08:00:00 GMT\r\n\r\n";
        let rewritten = String::from_utf8(with_security_headers(answer).unwrap()).unwrap();
        assert!(rewritten.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        for (name, value) in SECURITY_HEADERS {
            assert!(
                rewritten.contains(&format!("\r\n{name}: {value}\r\n")),
                "{name}"
            );
        }
        assert!(rewritten.contains("\r\ncache-control: no-store\r\n"));
        assert!(rewritten.contains("\r\ncontent-length: 0\r\n"));
        assert!(rewritten.ends_with("GMT\r\n\r\n"));
    }

    #[test]
    fn router_answers_and_bodies_are_left_alone() {
        // Ours: it carries the headers already.
        let ours =
            b"HTTP/1.1 303 See Other\r\ncross-origin-resource-policy: same-origin\r\nlocation: /\r\n\r\n";
        assert_eq!(with_security_headers(ours), None);
        // A head followed by a body in the same write.
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\nok";
        assert_eq!(with_security_headers(with_body), None);
        // Body bytes, or a head split across writes.
        assert_eq!(with_security_headers(b"<p>HTTP/1.1 400</p>"), None);
        assert_eq!(
            with_security_headers(b"HTTP/1.1 400 Bad Request\r\ncontent-"),
            None
        );
    }
}
