#![doc = include_str!("../README.md")]

use std::net::SocketAddr;
use std::sync::Arc;

use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use ocs_crypto::{
    AltchaIssuer, DedupKey, EpochPolicy, FormTokens, OsEntropy, ReceiptTokens, RecipientPrivateKey,
    Sealer, SecretKey,
};
use ocs_domain::initiative::{Organiser, OrganiserRole};
use ocs_domain::lifecycle::DateRules;
use ocs_domain::retention::{LifecycleDates, RetentionRules};
use ocs_domain::{
    CollectionPeriod, CountryTable, Initiative, InitiativeId, InitiativeStatus, Slug,
};
use ocs_service::audit::StoredAudit;
use ocs_service::catalog::{Catalog, CatalogEntry, SharedCatalog};
use ocs_service::console_auth::{AuthSettings, ConsoleAuth};
use ocs_service::lifecycle::{LifecycleParts, LifecycleService};
use ocs_service::retention::{ConfiguredLifecycle, Destruction, DestructionParts};
use ocs_service::setup::InitiativeSetup;
use ocs_service::{Clock, Metrics, SigningParts, SigningSecrets, SigningService, SigningSettings};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};
use ocs_web::i18n::I18n;
use ocs_web::{WebSettings, WebState};
use parking_lot::Mutex;

/// A clock the test sets and moves.
#[derive(Debug)]
pub struct ManualClock(Mutex<Timestamp>);

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: Timestamp) -> Self {
        Self(Mutex::new(start))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.0.lock();
        *now = now.checked_add(by).unwrap_or(*now);
    }

    /// Sets the clock.
    pub fn set(&self, to: Timestamp) {
        *self.0.lock() = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock()
    }
}

/// The moment every test app starts at: inside the test initiative's period.
pub fn test_start() -> Timestamp {
    "2026-06-15T10:00:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A deterministic secret for tests.
pub fn test_secret(byte: u8) -> SecretKey {
    let mut bytes = [0u8; 32];
    for (index, slot) in bytes.iter_mut().enumerate() {
        *slot = byte
            .wrapping_add(u8::try_from(index).unwrap_or(0))
            .wrapping_mul(31);
    }
    SecretKey::from_bytes(bytes)
}

/// A collecting initiative with the given number and slug.
pub fn test_initiative(id: u32, slug: &str) -> Initiative {
    let start: Timestamp = "2026-01-01T00:00:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let end: Timestamp = "2026-12-31T00:00:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let period = CollectionPeriod::new(start, end, date(2026, 1, 1), date(2026, 12, 31), 12)
        .unwrap_or_else(|_| unreachable_period());
    Initiative {
        id: InitiativeId::new(id),
        slug: Slug::parse(slug).unwrap_or_else(|_| unreachable_slug()),
        registration_number: format!("ECI(2025)00000{id}"),
        registration_date: date(2025, 12, 1),
        title: format!("Test initiative {id}"),
        subject: "Subject".into(),
        objectives: "Objectives".into(),
        organisers: vec![Organiser {
            name: "Alex Example".into(),
            role: OrganiserRole::Representative,
            email: Some("alex@example.org".into()),
        }],
        register_url: "https://register.example/1".into(),
        website: None,
        privacy_notice: "Privacy notice".into(),
        period,
        status: InitiativeStatus::Collecting,
        translations: ocs_domain::initiative::InitiativeTranslations::default(),
    }
}

#[expect(clippy::panic, reason = "test fixture with constant, valid input")]
fn unreachable_period() -> CollectionPeriod {
    panic!("fixture period is valid")
}

#[expect(clippy::panic, reason = "test fixture with constant, valid input")]
fn unreachable_slug() -> Slug {
    panic!("fixture slug is valid")
}

/// Options of a test app.
pub struct TestAppBuilder {
    initiatives: Vec<Initiative>,
    queue_capacity: usize,
    altcha_max_number: u64,
    settings: SigningSettings,
    web: WebSettings,
    lifecycle_dates: std::collections::HashMap<InitiativeId, LifecycleDates>,
}

impl Default for TestAppBuilder {
    fn default() -> Self {
        Self {
            initiatives: vec![test_initiative(1, "demo"), test_initiative(2, "other")],
            queue_capacity: 4096,
            altcha_max_number: 50,
            settings: SigningSettings::default(),
            web: WebSettings::default(),
            lifecycle_dates: std::collections::HashMap::new(),
        }
    }
}

impl TestAppBuilder {
    /// Replaces the hosted initiatives.
    #[must_use]
    pub fn initiatives(mut self, initiatives: Vec<Initiative>) -> Self {
        self.initiatives = initiatives;
        self
    }

    /// Sets the writer queue capacity (small values provoke `Busy`).
    #[must_use]
    pub fn queue_capacity(mut self, capacity: usize) -> Self {
        self.queue_capacity = capacity;
        self
    }

    /// Sets the signing settings.
    #[must_use]
    pub fn settings(mut self, settings: SigningSettings) -> Self {
        self.settings = settings;
        self
    }

    /// Configured lifecycle dates of an initiative (the destruction job's fallback when the
    /// stored lifecycle does not know them).
    #[must_use]
    pub fn lifecycle_dates(mut self, initiative: u32, dates: LifecycleDates) -> Self {
        self.lifecycle_dates
            .insert(InitiativeId::new(initiative), dates);
        self
    }

    /// Sets the web settings (rate limits, origin, timeouts, metrics token).
    #[must_use]
    pub fn web_settings(mut self, web: WebSettings) -> Self {
        self.web = web;
        self
    }

    /// Builds the app on a fresh SQLite file.
    #[expect(
        clippy::too_many_lines,
        reason = "one straight assembly of every service of the app, in start-up order"
    )]
    pub fn build(self) -> TestApp {
        let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&e));
        let store = Arc::new(
            SqliteStore::open(
                &dir.path().join("ocs.db"),
                SqliteOptions {
                    queue_capacity: self.queue_capacity,
                    max_batch: 512,
                },
            )
            .unwrap_or_else(|e| fail(&e)),
        );
        let clock = Arc::new(ManualClock::new(test_start()));
        let (private_key, public_key) = ocs_crypto::generate_recipient_keys(&OsEntropy);
        let table = CountryTable::embedded().unwrap_or_else(|e| fail(&e));
        let catalog = Catalog::new(
            self.initiatives
                .into_iter()
                .map(|initiative| CatalogEntry {
                    minimums: table.minimums_for(initiative.registration_date),
                    initiative,
                    recipients: vec![public_key],
                    authority_keys: std::collections::BTreeMap::new(),
                    stored: false,
                })
                .collect(),
        )
        .unwrap_or_else(|e| fail(&e));
        let server = test_secret(1);
        let store_dyn: Arc<dyn ocs_storage::Store> = store.clone();
        let catalog = Arc::new(SharedCatalog::new(catalog));
        let lifecycle = Arc::new(LifecycleService::new(LifecycleParts {
            catalog: catalog.clone(),
            store: store_dyn.clone(),
            clock: clock.clone(),
            time_zone: self.settings.time_zone.clone(),
            rules: DateRules::default(),
            node: "test-node".to_owned(),
        }));
        let destruction = test_destruction(
            &catalog,
            store_dyn.clone(),
            clock.clone(),
            &self.settings.time_zone,
            self.lifecycle_dates,
        );
        let table = Arc::new(table);
        let setup = Arc::new(
            InitiativeSetup::new(
                store_dyn.clone(),
                catalog.clone(),
                table.clone(),
                clock.clone(),
                self.settings.time_zone.clone(),
            )
            .with_lifecycle(lifecycle.clone()),
        );
        // [tally log] Published at once, so public figures follow every statement in tests.
        let tally_log = Arc::new(ocs_service::tally_log::TallyLog::new(
            store_dyn.clone(),
            catalog.clone(),
            clock.clone(),
            ocs_crypto::LogKeys::new(&server),
            "ocs.test",
            ocs_service::tally_log::PublishRule::AT_ONCE,
        ));
        let signing = SigningService::new(SigningParts {
            catalog,
            table,
            store: store_dyn,
            clock: clock.clone(),
            entropy: Arc::new(OsEntropy),
            sealer: Sealer::new(EpochPolicy {
                max_uses: 1000,
                max_age: std::time::Duration::from_secs(1),
            }),
            secrets: SigningSecrets {
                dedup: DedupKey::new(test_secret(2)),
                altcha: AltchaIssuer::new(
                    server.derive("altcha"),
                    self.altcha_max_number,
                    SignedDuration::from_mins(10),
                ),
                form_tokens: FormTokens::new(server.derive("form")),
                receipts: ReceiptTokens::new(server.derive("receipt")),
            },
            settings: self.settings,
            metrics: Arc::new(Metrics::default()),
        })
        .with_lifecycle(lifecycle.board());
        let signing = Arc::new(signing);
        let console = Arc::new(
            ConsoleAuth::new(
                store.clone(),
                clock.clone(),
                Arc::new(OsEntropy),
                AuthSettings {
                    password: ocs_crypto::password::PasswordParams {
                        memory_kib: 64,
                        iterations: 1,
                        parallelism: 1,
                    },
                    ..AuthSettings::default()
                },
            )
            .with_pepper(ocs_crypto::password::Pepper::new(
                server.derive("openocs password pepper v1"),
            ))
            .with_totp_key(ocs_crypto::totp::TotpKey::new(
                server.derive("openocs totp v1"),
            )),
        );
        let web = WebState::new(
            signing.clone(),
            I18n::load().unwrap_or_else(|e| fail(&e)),
            self.web,
        )
        .with_lifecycle(lifecycle.clone())
        .with_setup(setup.clone())
        .with_console(console.clone())
        .with_destruction(destruction.clone())
        .with_tally_log(tally_log.clone()); // [tally log]
        TestApp {
            tally_log,
            destruction,
            router: ocs_web::router(web.clone()),
            web,
            signing,
            lifecycle,
            setup,
            console,
            store,
            clock,
            private_key,
            dir,
        }
    }
}

/// The destruction job of a test app: configured dates as given, the store's lifecycle
/// records, no backup keys, no artefacts folder, certificates into the store's audit trail.
fn test_destruction(
    catalog: &Arc<SharedCatalog>,
    store: Arc<dyn ocs_storage::Store>,
    clock: Arc<ManualClock>,
    time_zone: &jiff::tz::TimeZone,
    dates: std::collections::HashMap<InitiativeId, LifecycleDates>,
) -> Arc<Destruction> {
    Arc::new(
        Destruction::new(DestructionParts {
            initiatives: catalog
                .all()
                .iter()
                .map(|e| (e.initiative.id, e.initiative.slug.clone()))
                .collect(),
            store: store.clone(),
            clock,
            time_zone: time_zone.clone(),
            rules: RetentionRules::default(),
            lifecycle: Arc::new(ConfiguredLifecycle(dates)),
            audit: Arc::new(StoredAudit::new(store)),
            backup_keys: None,
            artefacts_dir: None,
            node: "test-node".to_owned(),
        })
        .with_catalog(catalog.clone()),
    )
}

#[expect(clippy::panic, reason = "test set-up failures end the test")]
fn fail(error: &dyn std::fmt::Display) -> ! {
    panic!("test app set-up failed: {error}")
}

/// The real application on a throwaway database, driven in-process or over a socket.
pub struct TestApp {
    /// The router.
    pub router: axum::Router,
    /// The web state behind the router (CSRF tokens, rate limits, burst monitor).
    pub web: WebState,
    /// The service behind it.
    pub signing: Arc<SigningService>,
    /// The lifecycle use cases (test mode, go live, certificate, schedule).
    pub lifecycle: Arc<LifecycleService>,
    /// The initiative set-up (create, edit, keys).
    pub setup: Arc<InitiativeSetup>,
    /// The console's sign-in, accounts and audit view.
    pub console: Arc<ConsoleAuth>,
    /// The destruction job (no backup keys, no artefacts folder; audits to the store).
    pub destruction: Arc<Destruction>,
    /// The store behind it.
    pub store: Arc<SqliteStore>,
    /// The clock it reads.
    pub clock: Arc<ManualClock>,
    /// The private half of the initiatives' recipient key.
    pub private_key: RecipientPrivateKey,
    /// [tally log] The public tally logs (published at once).
    pub tally_log: Arc<ocs_service::tally_log::TallyLog>,
    dir: tempfile::TempDir,
}

impl TestApp {
    /// A builder with two collecting initiatives (`demo` = 1, `other` = 2).
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    /// Path of the temporary folder holding the database.
    pub fn data_dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// The current TOTP code of the console account `name` (its secret is stored sealed; this
    /// opens it through the console service). `None` without an account or a secret.
    pub async fn totp_code(&self, name: &str) -> Option<String> {
        let name = ocs_domain::access::AccountName::parse(name).ok()?;
        let account = ocs_storage::AccountStore::account_by_name(self.store.as_ref(), &name)
            .await
            .ok()??;
        let secret = self.console.stored_totp_secret(&account)?;
        Some(format!(
            "{:06}",
            secret.code_at(self.signing.now().as_second())
        ))
    }

    /// A solved proof-of-work payload from the app's own challenge endpoint logic.
    pub fn solved_proof(&self) -> String {
        let challenge = self.signing.challenge();
        ocs_crypto::solve(&challenge).unwrap_or_default()
    }

    /// Serves the app with eID sign-in on a loopback socket: `eid` gets the address (for
    /// the redirect URL a provider must know) and returns the relying party. Cookies are
    /// sent without `Secure`, as the site is plain http on loopback. Returns the address.
    pub async fn spawn_with_eid<F, Fut>(&mut self, eid: F) -> SocketAddr
    where
        F: FnOnce(SocketAddr) -> Fut,
        Fut: std::future::Future<Output = Arc<ocs_eid::EidService>>,
    {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| fail(&e));
        let address = listener.local_addr().unwrap_or_else(|e| fail(&e));
        let service = eid(address).await;
        let web = WebState::new(
            self.signing.clone(),
            I18n::load().unwrap_or_else(|e| fail(&e)),
            WebSettings {
                hsts: false,
                ..WebSettings::default()
            },
        )
        .with_eid(service);
        self.router = ocs_web::router(web);
        let router = self.router.clone();
        tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        address
    }

    /// Serves the router on a loopback socket; returns its address.
    pub async fn spawn(&self) -> SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| fail(&e));
        let address = listener.local_addr().unwrap_or_else(|e| fail(&e));
        let router = self.router.clone();
        tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        address
    }

    /// Serves the app on a loopback port through [`ocs_web::server::serve`] (the
    /// production accept loop, with its connection limits) until the test ends.
    pub async fn spawn_with_limits(&self, limits: ocs_web::server::ServerLimits) -> SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| fail(&e));
        let address = listener.local_addr().unwrap_or_else(|e| fail(&e));
        let router = self.router.clone();
        tokio::spawn(ocs_web::server::serve(
            listener,
            router,
            limits,
            std::future::pending(),
        ));
        address
    }
}
