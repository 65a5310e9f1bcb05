#![doc = include_str!("../README.md")]

use std::net::SocketAddr;
use std::sync::Arc;

use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use ocs_crypto::{OsEntropy, RecipientPrivateKey, SecretKey};
use ocs_domain::initiative::{Organiser, OrganiserRole};
use ocs_domain::lifecycle::Action;
use ocs_domain::retention::LifecycleDates;
use ocs_domain::{CollectionPeriod, Initiative, InitiativeId, InitiativeStatus, Slug};
use ocs_service::console_auth::{AuthSettings, ConsoleAuth};
use ocs_service::lifecycle::{LifecycleService, LifecycleServiceError};
use ocs_service::mail::MailBackend;
use ocs_service::retention::Destruction;
use ocs_service::setup::InitiativeSetup;
use ocs_service::{Clock, SigningService, SigningSettings};
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
        // Not what decides: the stored lifecycle stage does (the builder opens it).
        status: InitiativeStatus::Draft,
        translations: ocs_domain::initiative::InitiativeTranslations::default(),
        regime: ocs_domain::Regime::National,
        storage_country: ocs_domain::CountryCode::BE,
        data_protection: ocs_domain::initiative::DataProtection::default(),
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

/// Which database a test app runs on: `OCS_TEST_BACKEND=postgres` (with
/// `OCS_TEST_POSTGRES_URL`, as `./scripts/test` sets it) or SQLite otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestBackend {
    /// A fresh SQLite file in the app's temporary folder.
    Sqlite,
    /// A fresh database on the PostgreSQL server of `OCS_TEST_POSTGRES_URL`.
    Postgres,
}

impl TestBackend {
    /// The backend the environment asks for.
    pub fn from_env() -> Self {
        match std::env::var("OCS_TEST_BACKEND").as_deref() {
            Ok("postgres") => Self::Postgres,
            _ => Self::Sqlite,
        }
    }
}

/// Options of a test app.
pub struct TestAppBuilder {
    initiatives: Vec<Initiative>,
    queue_capacity: usize,
    altcha_max_number: u64,
    settings: SigningSettings,
    web: WebSettings,
    lifecycle_dates: std::collections::HashMap<InitiativeId, LifecycleDates>,
    drafts: Vec<InitiativeId>,
    backend: TestBackend,
    counters: ocs_service::tally_log::PublishRule,
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
            drafts: Vec::new(),
            backend: TestBackend::from_env(),
            counters: ocs_service::tally_log::PublishRule::AT_ONCE,
        }
    }
}

impl TestAppBuilder {
    /// Sets when public figures are published (`[counters]`; at once by default).
    #[must_use]
    pub fn counters(mut self, rule: ocs_service::tally_log::PublishRule) -> Self {
        self.counters = rule;
        self
    }

    /// Replaces the hosted initiatives (configuration-file initiatives of the app).
    #[must_use]
    pub fn initiatives(mut self, initiatives: Vec<Initiative>) -> Self {
        self.initiatives = initiatives;
        self
    }

    /// Leaves initiative `id` a draft: not opened through the lifecycle at start, so it
    /// takes no statement until a test moves it on.
    #[must_use]
    pub fn draft(mut self, id: u32) -> Self {
        self.drafts.push(InitiativeId::new(id));
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

    /// Runs on this backend instead of the one `OCS_TEST_BACKEND` names.
    #[must_use]
    pub fn backend(mut self, backend: TestBackend) -> Self {
        self.backend = backend;
        self
    }

    /// Builds the app through the one assembly (`ocs::startup::Application`) from a
    /// configuration written for it: secrets in files, a fresh database, the initiatives with
    /// the test's recipient key. Each initiative is then opened through the real lifecycle
    /// (dates, certificate, test, live, open) as the operator, unless left a draft.
    /// (Boxed: the assembly's future is large.)
    pub fn build(self) -> std::pin::Pin<Box<dyn std::future::Future<Output = TestApp>>> {
        Box::pin(self.assemble())
    }

    async fn assemble(self) -> TestApp {
        let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&e));
        let (private_key, public_key) = ocs_crypto::generate_recipient_keys(&OsEntropy);
        let database = match self.backend {
            TestBackend::Sqlite => format!("sqlite://{}", dir.path().join("ocs.db").display()),
            TestBackend::Postgres => fresh_postgres().await,
        };
        for name in ["server.key", "dedup.key"] {
            SecretKey::generate_file(&dir.path().join(name), &OsEntropy)
                .unwrap_or_else(|e| fail(&e));
        }
        let text = format!(
            "[server]\nlisten = \"127.0.0.1:0\"\n[database]\nurl = \"{database}\"\nqueue_capacity = \
             {}\n[secrets]\nserver_key_file = \"server.key\"\ndedup_key_file = \"dedup.key\"\n\
             [antibot]\nmax_number = {}\n[counters]\npublish_interval = 0\nmin_batch = 0\n",
            self.queue_capacity, self.altcha_max_number
        );
        let mut config =
            ocs::config::from_toml(&text, dir.path()).unwrap_or_else(|e| fail(&format!("{e:#}")));
        config.counters = self.counters;
        let settings = self.settings;
        config.min_fill = settings.min_fill_time;
        config.form_lifetime = settings.form_lifetime;
        config.no_script_burst = settings.no_script_quota.burst;
        config.no_script_refill = settings.no_script_quota.per;
        config.busy_retry_after = settings.busy_retry_after;
        config.time_zone = settings.time_zone.clone();
        config.max_in_flight = settings.max_in_flight;
        config.admission_target = settings.admission_target;
        // One key pair per initiative (a key shared across initiatives is refused, INI-019):
        // the first initiative's is `private_key`, the others' are thrown away.
        config.initiatives = self
            .initiatives
            .iter()
            .enumerate()
            .map(|(index, initiative)| ocs::config::InitiativeConfig {
                initiative: initiative.clone(),
                recipients: vec![if index == 0 {
                    public_key
                } else {
                    ocs_crypto::generate_recipient_keys(&OsEntropy).1
                }],
                lifecycle: self
                    .lifecycle_dates
                    .get(&initiative.id)
                    .copied()
                    .unwrap_or_default(),
                ignored_status: None,
            })
            .collect();
        let clock = Arc::new(ManualClock::new(test_start()));
        let web = self.web;
        let assembly = ocs::startup::Assembly {
            clock: clock.clone(),
            // Cheap Argon2id: the tests sign in often; the costs are not what they test.
            auth: AuthSettings {
                password: ocs_crypto::password::PasswordParams {
                    memory_kib: 64,
                    iterations: 1,
                    parallelism: 1,
                },
                ..AuthSettings::default()
            },
            adjust_web: Some(Box::new(move |settings: &mut WebSettings| *settings = web)),
        };
        let application = Box::pin(ocs::startup::Application::build_with(config, assembly))
            .await
            .unwrap_or_else(|e| fail(&format!("{e:#}")));
        let parts = application.app();
        let app = TestApp {
            router: parts.router.clone(),
            web: parts.web.clone(),
            signing: parts.signing.clone(),
            lifecycle: parts.lifecycle.clone(),
            setup: parts.setup.clone(),
            console: parts.console.clone(),
            destruction: parts.destruction.clone(),
            store: parts.backend.mail_store(),
            tally_log: parts
                .tally_log
                .clone()
                .unwrap_or_else(|| fail(&"the test kit runs with the tally log on")),
            clock,
            private_key,
            application,
            dir,
        };
        for initiative in &self.initiatives {
            if !self.drafts.contains(&initiative.id) {
                app.open_for_collection(initiative).await;
            }
        }
        app
    }
}

/// A fresh, empty database on the server of `OCS_TEST_POSTGRES_URL` (left for the
/// throwaway cluster to remove).
async fn fresh_postgres() -> String {
    use sqlx::Connection as _;
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let admin = std::env::var("OCS_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        fail(&"OCS_TEST_BACKEND=postgres needs OCS_TEST_POSTGRES_URL (source scripts/lib/postgres.sh; start_postgres)")
    });
    let name = format!(
        "ocs_testkit_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut connection = sqlx::PgConnection::connect(&admin)
        .await
        .unwrap_or_else(|e| fail(&e));
    sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
        .execute(&mut connection)
        .await
        .unwrap_or_else(|e| fail(&e));
    let _ = connection.close().await;
    let (base, _) = admin.rsplit_once('/').unwrap_or_else(|| fail(&"bad URL"));
    format!("{base}/{name}")
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
    /// The destruction job (audits to the store).
    pub destruction: Arc<Destruction>,
    /// The store behind it (every storage trait, mail included).
    pub store: Arc<dyn MailBackend>,
    /// The clock it reads.
    pub clock: Arc<ManualClock>,
    /// The private half of the first initiative's recipient key (the others have their own
    /// key pairs, not kept).
    pub private_key: RecipientPrivateKey,
    /// The assembled application (holds the listener and the store).
    pub application: ocs::startup::Application,
    /// [tally log] The public tally logs (published at once).
    pub tally_log: Arc<ocs_service::tally_log::TallyLog>,
    dir: tempfile::TempDir,
}

impl TestApp {
    /// A builder with two collecting initiatives (`demo` = 1, `other` = 2).
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    /// Opens `initiative` the way organisers must: collection dates (its period, notice a
    /// month before), the authority's certificate, test mode, live, open, as the operator
    /// on the stored trail. A period starting after the test start is opened at its start
    /// (the clock is moved there and back).
    async fn open_for_collection(&self, initiative: &Initiative) {
        let zone = self.signing.time_zone().clone();
        let start = initiative.period.start().to_zoned(zone.clone()).date();
        let last = initiative
            .period
            .end()
            .checked_sub(SignedDuration::from_secs(1))
            .unwrap_or(initiative.period.end())
            .to_zoned(zone)
            .date();
        let notice = start
            .checked_sub(jiff::Span::new().days(30))
            .unwrap_or(start);
        let operator = ocs_service::Actor::Operator("testkit".to_owned());
        let Some(right) = ocs_domain::access::Principal::operator().can_manage(initiative.id)
        else {
            fail(&"the operator manages every initiative")
        };
        let step = |what: &str, result: Result<(), LifecycleServiceError>| {
            if let Err(error) = result {
                fail(&format!(
                    "opening initiative {} for collection: {what}: {} {error}",
                    initiative.slug,
                    error.code()
                ));
            }
        };
        step(
            "dates",
            self.lifecycle
                .set_dates(&operator, right, Some(notice), start, last)
                .await,
        );
        step(
            "certificate",
            self.lifecycle
                .upload_certificate(
                    &operator,
                    right,
                    b"%PDF-1.7 test certificate".to_vec(),
                    "Test authority",
                    notice,
                )
                .await,
        );
        let now = self.clock.now();
        let opens = initiative.period.start();
        for (action, confirmation) in [
            (Action::StartTest, None),
            (
                Action::GoLive,
                Some(initiative.registration_number.as_str()),
            ),
            (Action::Open, None),
        ] {
            if action == Action::Open && now < opens {
                self.clock.set(opens);
            }
            let result = self
                .lifecycle
                .apply(&operator, right, action, "", confirmation)
                .await
                .map(|_| ());
            step(action.as_str(), result);
        }
        self.clock.set(now);
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
    /// the redirect URL a provider must know) and returns the relying party. Build the app
    /// with `hsts: false` ([`TestAppBuilder::web_settings`]): the site is plain http on
    /// loopback, so its cookies must go without `Secure`. Returns the address.
    pub async fn spawn_with_eid<F, Fut>(&self, eid: F) -> SocketAddr
    where
        F: FnOnce(SocketAddr) -> Fut,
        Fut: std::future::Future<Output = Arc<ocs_eid::EidService>>,
    {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| fail(&e));
        let address = listener.local_addr().unwrap_or_else(|e| fail(&e));
        let service = eid(address).await;
        // The relying party joins the assembled state its router already holds.
        let _ = self.web.clone().with_eid(service);
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
