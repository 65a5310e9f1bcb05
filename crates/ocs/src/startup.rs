//! The one assembly of the application from a checked `Config` ([`Application`]): `ocs
//! serve`, `ocs demo` and the test kit (`ocs-testkit`) all build it here, so the tests run
//! what production runs. [`Assembly`] holds the only seams (the clock, console password
//! costs, web settings the file does not express); everything else comes from the `Config`.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use ocs_crypto::{
    AltchaIssuer, DedupKey, EpochPolicy, FormTokens, InitiativeKeyWrap, OsEntropy, ReceiptTokens,
    Sealer, SecretKey,
};
use ocs_service::audit::StoredAudit;
use ocs_service::backup::BackupKeys;
use ocs_service::catalog::{Catalog, SharedCatalog};
use ocs_service::initiative_keys::Keyring;
use ocs_service::lifecycle::{LifecycleParts, LifecycleService};
use ocs_service::limiter::Quota;
use ocs_service::retention::{ConfiguredLifecycle, Destruction, DestructionParts};
use ocs_service::setup::InitiativeSetup;
use ocs_service::{
    AuditSink, Clock, Metrics, SelfService, SigningParts, SigningSecrets, SigningService,
    SigningSettings, SystemClock,
};
use ocs_web::i18n::I18n;
use ocs_web::{WebSettings, WebState};

use crate::backend::Backend;

/// From 2027-03-01T00:00:00Z on, console sign-in refuses unpeppered password hashes and
/// TOTP secrets stored in clear (issue 20, item 6; docs/SECURITY.md): formats that someone
/// able to write the database could plant. Set in the binary, not in the database or its
/// rows; accounts not upgraded by then are reset with `ocs admin reset`.
pub const LEGACY_CREDENTIALS_CUTOFF: jiff::Timestamp = jiff::Timestamp::constant(1_803_859_200, 0);
use crate::config::Config;

/// The assembled application.
pub struct App {
    /// The HTTP router.
    pub router: axum::Router,
    /// The signing service, for periodic upkeep.
    pub signing: Arc<SigningService>,
    /// The destruction job, run by the upkeep loop.
    pub destruction: Arc<Destruction>,
    /// The lifecycle service, for the scheduler.
    pub lifecycle: Arc<LifecycleService>,
    /// The initiative set-up, reloaded periodically (changes made on other nodes).
    pub setup: Arc<InitiativeSetup>,
    /// The store, to close it after the server stops.
    pub backend: Backend,
    /// The optional e-mail updates, for the outbox worker.
    pub mail: Option<Arc<ocs_service::mail::MailService>>,
    /// The web state behind the router (tests read its CSRF tokens and burst monitor).
    pub web: WebState,
    /// The console's sign-in, accounts and audit view.
    pub console: Arc<ocs_service::console_auth::ConsoleAuth>,
    /// The public tally logs, published by the upkeep loop (ADR 0007); `None` with
    /// `[tally_log] enabled = false`.
    pub tally_log: Option<Arc<ocs_service::tally_log::TallyLog>>,
    /// Scheduled backups (`[backup]`), run by their own background task.
    pub backups: Option<Arc<ocs_service::backup::scheduled::ScheduledBackups>>,
}

/// [backup] The scheduled backups over the destruction job's initiatives and deadlines.
fn scheduled_backups(
    config: &Config,
    store: Arc<dyn ocs_storage::Store>,
    destruction: &Arc<Destruction>,
    audit: Arc<dyn AuditSink>,
    clock: Arc<dyn Clock>,
    node: &str,
) -> Option<Arc<ocs_service::backup::scheduled::ScheduledBackups>> {
    use ocs_service::backup::scheduled::{ScheduledBackupParts, ScheduledBackups};
    let schedule = config.backup.clone()?;
    Some(Arc::new(ScheduledBackups::new(ScheduledBackupParts {
        schedule,
        store,
        keys: BackupKeys::new(config.backup_keys_dir.clone()),
        destruction: destruction.clone(),
        audit,
        clock,
        entropy: Arc::new(OsEntropy),
        node: node.to_owned(),
    })))
}

/// [tally log] The public tally logs over the store (ADR 0007): keys derived from the server
/// key, named after the public URL (or the listen address), published by `[counters]`.
fn tally_log(
    config: &Config,
    catalog: Arc<SharedCatalog>,
    store: Arc<dyn ocs_storage::Store>,
    server_key: &SecretKey,
    clock: Arc<dyn Clock>,
) -> Arc<ocs_service::tally_log::TallyLog> {
    let host = config.public_url.as_deref().map_or_else(
        || config.listen.to_string(),
        |url| {
            url.trim_start_matches("https://")
                .trim_start_matches("http://")
                .to_owned()
        },
    );
    Arc::new(
        ocs_service::tally_log::TallyLog::new(
            store,
            catalog,
            clock,
            ocs_crypto::LogKeys::new(server_key),
            &host,
            config.counters,
        )
        .with_witnesses(config.tally_log.witnesses.clone()),
    )
}

/// What the assembly takes besides the `Config`: the seams a test sets. Production uses
/// [`Assembly::default`] (the system clock, the configured costs).
pub struct Assembly {
    /// Time, for every service (tests pass a clock they move).
    pub clock: Arc<dyn Clock>,
    /// Console sign-in: sessions, throttling, Argon2id costs.
    pub auth: ocs_service::console_auth::AuthSettings,
    /// Last say over the web settings derived from the `Config` (HSTS on plain-http loopback,
    /// rate limits off for an in-process test …).
    pub adjust_web: Option<WebAdjustment>,
}

/// A last change to the web settings derived from the `Config` (see [`Assembly`]).
pub type WebAdjustment = Box<dyn FnOnce(&mut WebSettings) + Send>;

impl Default for Assembly {
    fn default() -> Self {
        Self {
            clock: Arc::new(SystemClock),
            auth: ocs_service::console_auth::AuthSettings::default(),
            adjust_web: None,
        }
    }
}

/// The destruction job over the configured initiatives, deadlines and folders.
fn destruction(
    config: &Config,
    store: Arc<dyn ocs_storage::Store>,
    node: &str,
    audit: Arc<dyn AuditSink>,
    clock: Arc<dyn Clock>,
) -> Destruction {
    let lifecycle = ConfiguredLifecycle(
        config
            .initiatives
            .iter()
            .map(|entry| (entry.initiative.id, entry.lifecycle))
            .collect(),
    );
    Destruction::new(DestructionParts {
        initiatives: config
            .initiatives
            .iter()
            .map(|entry| (entry.initiative.id, entry.initiative.slug.clone()))
            .collect(),
        store,
        clock,
        time_zone: config.time_zone.clone(),
        rules: config.retention,
        lifecycle: Arc::new(lifecycle),
        audit,
        backup_keys: Some(BackupKeys::new(config.backup_keys_dir.clone())),
        artefacts_dir: config.artefacts_dir.clone(),
        node: node.to_owned(),
    })
}

/// The signing service's secrets: the de-duplication key from its file, the rest derived from
/// the server key.
fn signing_secrets(
    config: &Config,
    server_key: &SecretKey,
    store: Arc<dyn ocs_storage::Store>,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<SigningSecrets> {
    let dedup_key = SecretKey::load(&config.dedup_key_file).with_context(|| {
        format!(
            "secrets.dedup_key_file {0} (make one with `ocs keygen --secret {0}`)",
            config.dedup_key_file.display()
        )
    })?;
    Ok(SigningSecrets {
        // Per-initiative random subkeys beside the backup keys (ADR 0011); the shared
        // secret stays for initiatives created before them.
        tag_keys: Arc::new(Keyring::new(
            config.backup_keys_dir.clone(),
            InitiativeKeyWrap::new(server_key),
            DedupKey::new(dedup_key),
            store,
            Arc::new(OsEntropy),
            clock,
        )),
        altcha: AltchaIssuer::new(
            server_key.derive("openocs altcha v1"),
            config.altcha_max_number,
            config.challenge_ttl,
        ),
        form_tokens: FormTokens::new(server_key.derive("openocs form token v1")),
        receipts: ReceiptTokens::new(server_key.derive("openocs receipt v1")),
    })
}

/// Makes or loads the de-duplication subkeys of every served initiative at start, so the
/// first node of a deployment makes them before statements arrive, and a node that lacks a
/// key file says so now (`KEY-001`) rather than at the first statement.
async fn prepare_tag_keys(keyring: &Keyring, catalog: &SharedCatalog) {
    for entry in catalog.all() {
        let initiative = entry.initiative.id;
        match keyring.tag_key(initiative).await {
            Ok(_) => {}
            Err(error) if error.code() == ocs_domain::ErrorCode::KeyDestroyed => {}
            Err(error) => {
                tracing::error!(code = %error.code(), %error, "initiative keys unavailable: its statements are refused on this node");
            }
        }
    }
}

/// Offers eID sign-in when `[[eid]]` providers are configured (docs/EID.md).
fn with_eid(web: WebState, config: &Config, server_key: &SecretKey) -> anyhow::Result<WebState> {
    if config.eid.is_empty() {
        return Ok(web);
    }
    let providers = config
        .eid
        .iter()
        .map(crate::eid_config::EidProviderSpec::load)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let eid = ocs_eid::EidService::new(
        providers,
        server_key.derive("openocs eid state v1"),
        Arc::new(OsEntropy),
        Arc::new(config.table.clone()),
        config.time_zone.clone(),
    )
    .map_err(anyhow::Error::msg)
    .context("eID providers")?;
    Ok(web.with_eid(Arc::new(eid)))
}

/// The web layer's settings from the configuration.
/// The key that seals console TOTP secrets at rest (see `ocs_crypto::totp::TotpKey`).
pub fn totp_key(server_key: &SecretKey) -> ocs_crypto::totp::TotpKey {
    ocs_crypto::totp::TotpKey::new(server_key.derive("openocs totp v1"))
}

/// The console password pepper (see `ocs_crypto::password`); `ocs admin` derives the same.
pub fn password_pepper(server_key: &SecretKey) -> ocs_crypto::password::Pepper {
    ocs_crypto::password::Pepper::new(server_key.derive("openocs password pepper v1"))
}

fn web_settings(config: &Config, server_key: &SecretKey) -> anyhow::Result<WebSettings> {
    Ok(WebSettings {
        body_limit: config.body_limit,
        // Over https (behind a proxy, or `[server.tls]`): HSTS and `Secure` `__Host-` cookies.
        hsts: config.tls.is_some()
            || config
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
        trusted_proxies: config.trusted_proxies.clone(),
        allowed_origin: config.security.allowed_origin.clone(),
        metrics_token: config.security.metrics_token()?,
        rate_limits: config.security.rate_limits.clone(),
        body_read_timeout: config.security.body_read_timeout,
        body_min_rate: WebSettings::default().body_min_rate,
        csrf_key: Some(server_key.derive("openocs csrf v1")),
        burst_rules: config.security.burst_rules,
    })
}

/// The catalogue every service reads, empty until [`InitiativeSetup::reload`] fills it from
/// the store (where [`crate::configured::seed`] put the configuration file's initiatives).
pub fn catalog() -> SharedCatalog {
    SharedCatalog::new(Catalog::default())
}

/// The initiative set-up use cases over `store` and `catalog`, for the server and the CLI.
pub fn setup_service(
    config: &Config,
    catalog: Arc<SharedCatalog>,
    store: Arc<dyn ocs_storage::Store>,
) -> InitiativeSetup {
    InitiativeSetup::new(
        store,
        catalog,
        Arc::new(config.table.clone()),
        Arc::new(SystemClock),
        config.time_zone.clone(),
    )
    .with_demo(config.demo)
}

/// Opens the store, loads secrets and builds every service and the router, on the system
/// clock, for a command-line process: it stores configured initiatives that are absent but
/// never updates one (the file it reads may be `ocs demo`'s, marked otherwise when served).
pub async fn build(config: &Config) -> anyhow::Result<App> {
    Box::pin(assemble_seeding(config, Assembly::default(), false)).await
}

/// Warns about configuration-file settings that no longer decide anything.
fn warn_ignored(config: &Config) {
    for entry in &config.initiatives {
        if entry
            .ignored_status
            .is_some_and(|status| status != ocs_domain::InitiativeStatus::Draft)
        {
            tracing::warn!(
                initiative = %entry.initiative.id,
                "initiatives.status is ignored: the lifecycle stage lives in the database \
                 (console or `ocs initiative`); this initiative collects once it has its \
                 certificate and is opened"
            );
        }
    }
}

/// Builds the application to serve, with the given seams: the configuration file's
/// initiatives are created or updated in the store first (`crate::configured::seed`).
pub async fn assemble(config: &Config, assembly: Assembly) -> anyhow::Result<App> {
    Box::pin(assemble_seeding(config, assembly, true)).await
}

#[expect(
    clippy::too_many_lines,
    reason = "the one place every service is wired, in order"
)]
async fn assemble_seeding(
    config: &Config,
    assembly: Assembly,
    update_configured: bool,
) -> anyhow::Result<App> {
    let Assembly {
        clock,
        auth,
        adjust_web,
    } = assembly;
    warn_ignored(config);
    let backend = Backend::open(config).await?;
    let server_key = SecretKey::load(&config.server_key_file).with_context(|| {
        format!(
            "secrets.server_key_file {0} (make one with `ocs keygen --secret {0}`)",
            config.server_key_file.display()
        )
    })?;
    let secrets = signing_secrets(config, &server_key, backend.store(), clock.clone())?;
    let keyring = secrets.tag_keys.clone();
    let catalog = Arc::new(catalog());
    let catalog_for_log = catalog.clone(); // [tally log]
    let signing = SigningService::new(SigningParts {
        catalog: catalog.clone(),
        table: Arc::new(config.table.clone()),
        store: backend.store(),
        clock: clock.clone(),
        entropy: Arc::new(OsEntropy),
        sealer: Sealer::new(EpochPolicy {
            max_uses: config.seal_epoch_uses,
            max_age: config.seal_epoch_age,
        }),
        secrets,
        settings: SigningSettings {
            min_fill_time: config.min_fill,
            form_lifetime: config.form_lifetime,
            no_script_quota: Quota {
                burst: config.no_script_burst,
                per: config.no_script_refill,
            },
            busy_retry_after: config.busy_retry_after,
            time_zone: config.time_zone.clone(),
            max_in_flight: config.max_in_flight,
            admission_target: config.admission_target,
            tally_log: config.tally_log.enabled,
        },
        metrics: Arc::new(Metrics::default()),
    });
    let lifecycle = Arc::new(LifecycleService::new(LifecycleParts {
        catalog: catalog.clone(),
        store: backend.store(),
        clock: clock.clone(),
        time_zone: config.time_zone.clone(),
        rules: config.lifecycle.clone(),
        node: signing.node().to_owned(),
    }));
    let setup = Arc::new(
        InitiativeSetup::new(
            backend.store(),
            catalog.clone(),
            Arc::new(config.table.clone()),
            clock.clone(),
            config.time_zone.clone(),
        )
        .with_demo(config.demo)
        .with_lifecycle(lifecycle.clone()),
    );
    // The store is the one source: the file's initiatives go there first, audited.
    crate::configured::seed(config, &setup, update_configured)
        .await
        .context("storing the configuration file's initiatives")?;
    setup
        .reload()
        .await
        .context("reading the stored initiatives")?;
    lifecycle
        .refresh()
        .await
        .context("reading the initiatives' lifecycle")?;
    prepare_tag_keys(&keyring, &catalog).await;
    let signing = signing.with_lifecycle(lifecycle.board());
    // Every audited action of the running server goes to the hash-chained trail in the
    // database (`ocs audit verify`).
    let audit: Arc<dyn AuditSink> = Arc::new(StoredAudit::new(backend.store()));
    // Configured initiatives and those set up in the console (the shared catalogue).
    let destruction = destruction(
        config,
        backend.store(),
        signing.node(),
        audit.clone(),
        clock.clone(),
    )
    .with_catalog(catalog.clone())
    .with_keyring(keyring);
    // [backup] Scheduled backup files are destroyed with the data.
    let destruction = match &config.backup {
        Some(schedule) => destruction.with_backups_dir(schedule.dir.clone()),
        None => destruction,
    };
    let signing = Arc::new(signing);
    let self_service = Arc::new(SelfService::new(
        signing.clone(),
        audit.clone(),
        SelfService::DEFAULT_QUOTA,
    ));
    let console = Arc::new(
        ocs_service::console_auth::ConsoleAuth::new(
            backend.store(),
            clock.clone(),
            Arc::new(OsEntropy),
            auth,
        )
        .with_pepper(password_pepper(&server_key))
        .with_totp_key(totp_key(&server_key))
        .with_legacy_cutoff(LEGACY_CREDENTIALS_CUTOFF),
    );
    let mut settings = web_settings(config, &server_key)?;
    if let Some(adjust) = adjust_web {
        adjust(&mut settings);
    }
    // An initiative of the demo regime (set only by `ocs demo`) puts the demonstration banner
    // on every page.
    let demo = config.demo;
    let web = WebState::new(
        signing.clone(),
        I18n::load()
            .context("loading translations")?
            .with_demo_notice(demo),
        settings,
    )
    .with_self_service(self_service)
    .with_lifecycle(lifecycle.clone())
    .with_setup(setup.clone())
    .with_console(console.clone());
    let mail = match &config.mail {
        Some(mail_config) => Some(crate::mail::service(
            mail_config,
            backend.mail_store(),
            catalog,
            audit,
        )?),
        None => None,
    };
    let (web, destruction) = match &mail {
        Some(mail) => (
            web.with_mail(mail.clone()),
            destruction.with_mail(mail.clone()),
        ),
        None => (web, destruction),
    };
    // The console warns before the deadline; the job also purges the mail addresses.
    let destruction = Arc::new(destruction);
    let backups = scheduled_backups(
        config,
        backend.store(),
        &destruction,
        Arc::new(StoredAudit::new(backend.store())),
        clock.clone(),
        signing.node(),
    );
    let web = web.with_destruction(destruction.clone());
    let web = with_eid(web, config, &server_key)?;
    // [tally log] Public figures and `/log/…` come from the published log.
    let tally_log = tally_log(
        config,
        catalog_for_log,
        backend.store(),
        &server_key,
        clock.clone(),
    );
    // `[tally_log] enabled = false` (measurement only): no log, the live counts are shown.
    let tally_log = config.tally_log.enabled.then_some(tally_log);
    let web = match &tally_log {
        Some(log) => web.with_tally_log(Arc::clone(log)),
        None => web,
    };
    Ok(App {
        backups,
        tally_log,
        router: ocs_web::router(web.clone()),
        web,
        console,
        signing,
        destruction,
        lifecycle,
        setup,
        backend,
        mail,
    })
}

/// The lifecycle use cases over `store`, for the server and the CLI.
pub fn lifecycle_service(
    config: &Config,
    catalog: Arc<SharedCatalog>,
    store: Arc<dyn ocs_storage::Store>,
    node: &str,
) -> LifecycleService {
    LifecycleService::new(LifecycleParts {
        catalog,
        store,
        clock: Arc::new(SystemClock),
        time_zone: config.time_zone.clone(),
        rules: config.lifecycle.clone(),
        node: node.to_owned(),
    })
}

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
            background.push(crate::mail::spawn_worker(mail.clone(), mail_config)?);
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

/// The upkeep loop: key batches every 500 ms; every 5 s stored initiatives and the
/// lifecycle schedule; every 30 s the shared jobs, each under its lease.
fn spawn_upkeep(app: &App) -> tokio::task::JoinHandle<()> {
    let signing = app.signing.clone();
    let destruction = app.destruction.clone();
    let lifecycle = app.lifecycle.clone();
    let setup = app.setup.clone();
    let tally_log = app.tally_log.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(500));
        let mut ticks = 0u64;
        loop {
            tick.tick().await;
            signing.maintain();
            // Every 30 s: shared jobs, each under its lease.
            if ticks.is_multiple_of(60) {
                signing.prune_claims().await;
                match destruction.run().await {
                    Ok(done) if !done.is_empty() => {
                        tracing::info!(initiatives = done.len(), "destruction certified");
                    }
                    Ok(_) => {}
                    Err(error) => tracing::error!(%error, "destruction failed; retried"),
                }
                // Key files of initiatives destroyed on another node.
                if let Err(error) = signing.tag_keys().shred_destroyed().await {
                    tracing::error!(code = %error.code(), %error, "removing destroyed key files failed; retried");
                }
            }
            // Every 5 s: initiatives set up or edited on other nodes, then open and close on
            // schedule (under its lease), and read changes other nodes made.
            if ticks.is_multiple_of(10) {
                if let Err(error) = setup.reload().await {
                    tracing::warn!(%error, "reloading stored initiatives failed");
                }
                if let Err(error) = lifecycle.run_schedule().await {
                    tracing::warn!(code = %error.code(), %error, "lifecycle scheduler failed");
                }
                // Publish due batches of the tally logs; a conflict means another node
                // published first (PostgreSQL), and the next round reads it.
                if let Some(tally_log) = &tally_log
                    && let Err(error) = tally_log.publish_due().await
                {
                    tracing::warn!(%error, "tally log publication failed; retried");
                }
            }
            ticks = ticks.wrapping_add(1);
        }
    })
}

/// [backup] Every minute, a round of scheduled backups (each initiative when its interval has
/// passed, under the job lease); apart from the upkeep loop, so a long backup delays nothing.
fn spawn_backups(
    backups: Arc<ocs_service::backup::scheduled::ScheduledBackups>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_mins(1));
        loop {
            tick.tick().await;
            match backups.run_due().await {
                Ok(round) if !round.written.is_empty() || round.removed > 0 => {
                    tracing::info!(
                        written = round.written.len(),
                        removed = round.removed,
                        "scheduled backups"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "scheduled backup failed; retried"),
            }
        }
    })
}

/// Runs the server on a multi-threaded runtime until Ctrl-C or SIGTERM, then lets the
/// writer finish what it has queued. `on_listen` hears the bound address (the demo prints
/// it; port 0 picks a free one).
pub fn run_server(
    config: Config,
    on_listen: Option<Box<dyn FnOnce(SocketAddr) + Send>>,
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
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
