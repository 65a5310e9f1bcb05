//! The HTTP/1.1 accept loop with limits against slow and oversized clients: a deadline for
//! the request head (slowloris), a cap on head size and header count, the peer address for
//! per-address limits, and a graceful shutdown that lets running requests finish.
//!
//! The body deadline is a layer of the router (`WebSettings::body_read_timeout`), so it also
//! holds for in-process tests.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// Connection-level limits.
#[derive(Debug, Clone, Copy)]
pub struct ServerLimits {
    /// Longest time a client may take to send a request head. A slowloris client that
    /// trickles header bytes is disconnected when it runs out.
    pub header_read_timeout: Duration,
    /// Largest request head in bytes (hyper's read buffer; at least 8192). Larger: 431.
    pub max_header_bytes: usize,
    /// Most header lines in one request. More: 431.
    pub max_headers: usize,
    /// How long shutdown waits for running requests.
    pub shutdown_grace: Duration,
    /// Most connections open at once; a connection beyond it is closed at once, so a flood
    /// of idle sockets cannot use up file descriptors and memory.
    pub max_connections: usize,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            max_header_bytes: 16 * 1024,
            max_headers: 64,
            shutdown_grace: Duration::from_secs(30),
            max_connections: 10_000,
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then waits up to
/// `limits.shutdown_grace` for open connections to finish their requests.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        // hyper refuses a buffer below 8 KiB (it would panic), so the floor is enforced here.
        .max_buf_size(limits.max_header_bytes.max(8192))
        .max_headers(limits.max_headers)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(pair) => pair,
                    Err(error) => {
                        // Out of descriptors and similar: wait a little rather than spin.
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let Ok(slot) = slots.clone().try_acquire_owned() else {
                    tracing::warn!("connection limit reached; closing a new connection");
                    drop(stream);
                    continue;
                };
                let service = connection_service(router.clone(), peer);
                let connection = builder.serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    // A client that stalls or sends garbage ends here; nothing to report.
                    let _ = connection.await;
                    drop(slot);
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!("shutdown grace ran out with connections still open");
        }
    }
}

/// The router for one connection, with the peer address in each request's extensions (the
/// `ConnectInfo` that `axum::serve` would add).
#[derive(Clone)]
struct WithPeer {
    router: Router,
    peer: SocketAddr,
}

impl tower::Service<Request<Incoming>> for WithPeer {
    type Response = axum::response::Response;
    type Error = std::convert::Infallible;
    type Future = axum::routing::future::RouteFuture<std::convert::Infallible>;

    fn poll_ready(
        &mut self,
        context: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        tower::Service::<Request>::poll_ready(&mut self.router, context)
    }

    fn call(&mut self, request: Request<Incoming>) -> Self::Future {
        let mut request = request.map(axum::body::Body::new);
        request.extensions_mut().insert(ConnectInfo(self.peer));
        self.router.call(request)
    }
}

fn connection_service(router: Router, peer: SocketAddr) -> TowerToHyperService<WithPeer> {
    TowerToHyperService::new(WithPeer { router, peer })
}
