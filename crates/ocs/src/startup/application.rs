//! The assembled application bound to its listeners ([`Application`]), run until stopped.

use std::net::SocketAddr;

use anyhow::Context as _;

use super::assembly::{Assembly, assemble};
use super::background::{spawn_backups, spawn_upkeep};
use crate::app::App;
use crate::config::Config;

/// The application built and bound to its listening address, ready to run: the assembly
/// `ocs serve`, `ocs demo` and the test kit share (zero2prod's `Application`).
pub struct Application {
    app: App,
    listener: tokio::net::TcpListener,
    address: SocketAddr,
    config: Config,
    background: Vec<tokio::task::JoinHandle<()>>,
    /// `ocs` commands reach a server on a SQLite file through this socket; it listens from
    /// the build on, so it is there before the address is announced.
    admin_socket: Option<crate::admin_socket::AdminSocket>,
    /// HTTPS (`[server.tls]`): the acceptor, and the plain-HTTP listener that only redirects.
    tls: Option<ocs_web::tls::TlsAcceptor>,
    redirect: Option<tokio::net::TcpListener>,
}

/// The TLS acceptor and the bound redirect listener of `[server.tls]`, if configured.
async fn bind_tls(
    config: &Config,
) -> anyhow::Result<(
    Option<ocs_web::tls::TlsAcceptor>,
    Option<tokio::net::TcpListener>,
)> {
    let Some(tls) = &config.tls else {
        return Ok((None, None));
    };
    let acceptor = ocs_web::tls::acceptor(&tls.cert_file, &tls.key_file)
        .context("server.tls: loading the certificate and key")?;
    let redirect = match tls.redirect_listen {
        Some(address) => Some(
            tokio::net::TcpListener::bind(address)
                .await
                .with_context(|| format!("listening on {address} (server.tls.redirect_listen)"))?,
        ),
        None => None,
    };
    Ok((Some(acceptor), redirect))
}

impl Application {
    /// Builds every service from `config` on the system clock and binds `config.listen`
    /// (port 0 picks a free one).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        Box::pin(Self::build_with(config, Assembly::default())).await
    }

    /// [`Application::build`] with the given seams.
    pub async fn build_with(config: Config, assembly: Assembly) -> anyhow::Result<Self> {
        let app = Box::pin(assemble(&config, assembly)).await?;
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("listening on {}", config.listen))?;
        let address = listener.local_addr().context("reading the bound address")?;
        let (tls, redirect) = bind_tls(&config).await?;
        let admin_socket = crate::admin_socket::spawn(&config, &app).await?;
        Ok(Self {
            app,
            listener,
            address,
            config,
            background: Vec::new(),
            admin_socket,
            tls,
            redirect,
        })
    }

    /// Whether it serves HTTPS itself (`[server.tls]`).
    pub fn serves_tls(&self) -> bool {
        self.tls.is_some()
    }

    /// The address of the plain-HTTP listener that redirects to https, if there is one.
    pub fn redirect_address(&self) -> Option<SocketAddr> {
        self.redirect
            .as_ref()
            .and_then(|listener| listener.local_addr().ok())
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Its services (for a test, or for a background task to hold).
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The configuration it was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The hook for more work beside the HTTP server (the local administration socket, …):
    /// `task` runs from [`Application::run_until_stopped`] on and is stopped when the server
    /// stops, before the store is closed.
    pub fn spawn_background(
        &mut self,
        task: impl std::future::Future<Output = ()> + Send + 'static,
    ) {
        self.background.push(tokio::spawn(task));
    }

    /// Serves until `shutdown` completes, with the upkeep loop and the mail worker, then
    /// stops the background work and lets the writer commit what it has queued.
    pub async fn run_until_stopped(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let Self {
            app,
            listener,
            address,
            config,
            mut background,
            admin_socket,
            tls,
            redirect,
        } = self;
        background.push(spawn_upkeep(&app));
        if let Some(backups) = &app.backups {
            background.push(spawn_backups(backups.clone()));
        }
        if let Some(listener) = redirect {
            // Stopped with the other background work; it holds no state worth draining.
            let target = match &config.public_url {
                Some(url) => {
                    ocs_web::tls::RedirectTarget::Origin(url.trim_end_matches('/').to_owned())
                }
                None => ocs_web::tls::RedirectTarget::SameHost {
                    https_port: address.port(),
                },
            };
            background.push(tokio::spawn(ocs_web::server::serve(
                listener,
                ocs_web::tls::redirect_router(target),
                config.security.server,
                std::future::pending(),
            )));
        }
        // The outbox worker: sends queued mail under its lease; never in the signing path.
        if let (Some(mail), Some(mail_config)) = (&app.mail, &config.mail) {
            background.push(super::mail::spawn_worker(mail.clone(), mail_config)?);
        }
        ocs_web::server::serve_with(listener, app.router, config.security.server, tls, shutdown)
            .await;
        for task in &background {
            task.abort();
        }
        for task in background {
            let _ = task.await;
        }
        if let Some(socket) = admin_socket {
            socket.stop().await;
        }
        drop((app.mail, app.signing, app.setup, app.lifecycle));
        drop((
            app.web,
            app.console,
            app.destruction,
            app.tally_log,
            app.backups,
        ));
        tracing::info!("shutting down: waiting for queued statements to commit");
        app.backend.close().await
    }
}
