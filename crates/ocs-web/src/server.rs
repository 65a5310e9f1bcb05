//! The HTTP/1.1 accept loop with limits against slow and oversized clients: a deadline for
//! the request head (slowloris), a cap on head size and header count, the peer address for
//! per-address limits, and a graceful shutdown that lets running requests finish.
//!
//! The body deadline and the early 413 are a layer of the router ([`crate::bodies`]), so they
//! also hold for in-process tests. Connections are capped in total and per client address.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use parking_lot::Mutex;
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
    /// Most connections open at once from one client address (an IPv6 client counts per
    /// /64), so one client cannot take every slot of `max_connections` (issue 19, finding
    /// 3). Loopback peers are not counted: a reverse proxy on the same host speaks for many
    /// clients.
    pub max_connections_per_address: usize,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            max_header_bytes: 16 * 1024,
            max_headers: 64,
            shutdown_grace: Duration::from_secs(30),
            max_connections: 10_000,
            max_connections_per_address: 256,
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
    serve_with(listener, router, limits, None, shutdown).await;
}

/// [`serve`], over TLS when `tls` is given ([`crate::tls`]): the handshake runs in the
/// connection's task, within `limits.header_read_timeout`, so a client that stalls it holds
/// only its own slot.
pub async fn serve_with(
    listener: TcpListener,
    router: Router,
    limits: ServerLimits,
    tls: Option<tokio_rustls::TlsAcceptor>,
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
    let open = OpenByAddress::default();
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
                let Some(per_address) = PerAddress::enter(&open, peer.ip(), limits.max_connections_per_address) else {
                    tracing::info!("connection limit per address reached; closing a new connection");
                    drop(stream);
                    continue;
                };
                let service = connection_service(router.clone(), peer);
                let watcher = graceful.watcher();
                let builder = builder.clone();
                let tls = tls.clone();
                let handshake_timeout = limits.header_read_timeout;
                tokio::spawn(async move {
                    // A client that stalls or sends garbage ends here; nothing to report.
                    match tls {
                        None => {
                            let _ = serve_connection(&builder, watcher, stream, service).await;
                        }
                        Some(acceptor) => {
                            let handshake = tokio::time::timeout(handshake_timeout, acceptor.accept(stream)).await;
                            if let Ok(Ok(stream)) = handshake {
                                let _ = serve_connection(&builder, watcher, stream, service).await;
                            }
                        }
                    }
                    drop(per_address);
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

/// Serves one connection (plain or decrypted) until it ends or the shutdown's grace is over.
async fn serve_connection<S>(
    builder: &hyper::server::conn::http1::Builder,
    watcher: hyper_util::server::graceful::Watcher,
    stream: S,
    service: TowerToHyperService<WithPeer>,
) -> Result<(), hyper::Error>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    // Answers hyper makes itself (a head it cannot parse) get the security headers too.
    let stream = crate::head_guard::HeadGuard::new(stream);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    watcher.watch(connection).await
}

/// Open connections per client network.
type OpenByAddress = Arc<Mutex<HashMap<IpAddr, usize>>>;

/// One counted connection; leaving gives the count back.
struct PerAddress {
    open: OpenByAddress,
    key: Option<IpAddr>,
}

impl PerAddress {
    /// Counts a connection from `peer`, or `None` when its network already holds `limit`.
    fn enter(open: &OpenByAddress, peer: IpAddr, limit: usize) -> Option<Self> {
        let key = network_key(peer);
        if let Some(key) = key {
            let mut counts = open.lock();
            let count = counts.entry(key).or_insert(0);
            if *count >= limit.max(1) {
                return None;
            }
            *count += 1;
        }
        Some(Self {
            open: Arc::clone(open),
            key,
        })
    }
}

impl Drop for PerAddress {
    fn drop(&mut self) {
        let Some(key) = self.key else { return };
        let mut counts = self.open.lock();
        if let Some(count) = counts.get_mut(&key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&key);
            }
        }
    }
}

/// The key a peer is counted under: an IPv4 address, an IPv6 address's /64; `None` for
/// loopback (a local reverse proxy).
fn network_key(peer: IpAddr) -> Option<IpAddr> {
    let peer = match peer {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(peer, IpAddr::V4),
        IpAddr::V4(_) => peer,
    };
    if peer.is_loopback() {
        return None;
    }
    Some(match peer {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        IpAddr::V4(_) => peer,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19, finding 3: one address could hold every connection slot. Now each network
    /// has its own cap, and a slot comes back when its connection ends.
    #[test]
    fn connections_per_address_are_capped() {
        let open = OpenByAddress::default();
        let client: IpAddr = "203.0.113.9".parse().unwrap();
        let first = PerAddress::enter(&open, client, 2).unwrap();
        let _second = PerAddress::enter(&open, client, 2).unwrap();
        assert!(PerAddress::enter(&open, client, 2).is_none());
        // Another client is not affected.
        assert!(PerAddress::enter(&open, "203.0.113.10".parse().unwrap(), 2).is_some());
        drop(first);
        assert!(PerAddress::enter(&open, client, 2).is_some());
        // A /64 counts as one client; loopback (a local proxy) is not counted.
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let _a = PerAddress::enter(&open, a, 1).unwrap();
        assert!(PerAddress::enter(&open, b, 1).is_none());
        let local: Vec<_> = (0..5)
            .map(|_| PerAddress::enter(&open, "127.0.0.1".parse().unwrap(), 1))
            .collect();
        assert!(local.iter().all(Option::is_some));
        assert_eq!(
            network_key("::ffff:203.0.113.9".parse().unwrap()),
            Some(client)
        );
    }
}
