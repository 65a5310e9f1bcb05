//! `ocs serve` and `ocs demo`: the server on its runtime until a signal stops it.

use std::net::SocketAddr;

use super::application::Application;
use crate::config::Config;
use crate::runtime::Workload;

/// Runs the server on a multi-threaded runtime until Ctrl-C or SIGTERM, then lets the
/// writer finish what it has queued. `on_listen` hears the bound address (the demo prints
/// it; port 0 picks a free one).
pub fn run_server(
    config: Config,
    on_listen: Option<Box<dyn FnOnce(SocketAddr) + Send>>,
) -> anyhow::Result<()> {
    crate::runtime::block_on(Workload::Server, async move {
        let mut application = Box::pin(Application::build(config)).await?;
        let address = application.address();
        let signal = shutdown_signal();
        let shutdown = async move {
            signal.await;
            crate::notify::stopping();
        };
        let scheme = if application.serves_tls() {
            "https"
        } else {
            "http"
        };
        tracing::info!(%address, scheme, "listening");
        if let Some(redirect) = application.redirect_address() {
            tracing::info!(%redirect, "redirecting plain HTTP to https");
            println!("OpenOCS redirecting http://{redirect}/ to https");
        }
        match on_listen {
            Some(callback) => callback(address),
            None => println!("OpenOCS listening on {scheme}://{address}/"),
        }
        // systemd (`Type=notify`): ready once listening, then the watchdog while alive.
        crate::notify::ready(address);
        if let Some(watchdog) = crate::notify::watchdog() {
            application.spawn_background(watchdog);
        }
        Box::pin(application.run_until_stopped(shutdown)).await
    })
}

fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    use tokio::signal::unix::{SignalKind, signal};
    // Registered now, not when first polled: a signal that arrives right after the address
    // is announced still shuts down cleanly (the socket file removed, the queue committed).
    let mut terminate = signal(SignalKind::terminate()).ok();
    let mut interrupt = signal(SignalKind::interrupt()).ok();
    async move {
        let terminated = async {
            match terminate.as_mut() {
                Some(signal) => {
                    signal.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        let interrupted = async {
            match interrupt.as_mut() {
                Some(signal) => {
                    signal.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = terminated => {},
            () = interrupted => {},
        }
    }
}
