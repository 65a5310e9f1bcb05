//! Shared state of the web layer, built once by [`WebState::builder`].

mod builder;

pub use builder::{WebSecurity, WebStateBuilder};

use std::sync::Arc;

use ocs_crypto::{BearerToken, CsrfTokens, OsEntropy};
use ocs_service::console_auth::ConsoleAuth;
use ocs_service::lifecycle::LifecycleService;
use ocs_service::mail::MailService;
use ocs_service::{SelfService, SigningService};

use crate::i18n::I18n;
use crate::monitor::{BurstMonitor, BurstRules};
use crate::ratelimit::{RateLimitSettings, RateLimits};

/// Web-only settings.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Send `Strict-Transport-Security` (on when the public URL is https).
    pub hsts: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed. Empty: the peer address of the
    /// connection is the client.
    pub trusted_proxies: Vec<crate::client::Network>,
    /// The origin (`scheme://host[:port]`) state-changing requests must come from: the
    /// public base URL. `None`: the request's own `Host`.
    pub allowed_origin: Option<String>,
    /// Lets a scraper read `/metrics` from off the host. Without it, loopback only.
    pub metrics_token: Option<BearerToken>,
    /// Rate limits per route class; `None` turns them off (the in-process test default).
    pub rate_limits: Option<RateLimitSettings>,
    /// Longest time to read a request body, in total, once the application asks for it
    /// (`bodies::guard_bodies`); it grows by a second per `body_min_rate` bytes received.
    pub body_read_timeout: std::time::Duration,
    /// The slowest rate, in bytes per second, at which a large body earns more time.
    pub body_min_rate: u64,
    /// Keys of the CSRF tokens (`ServerKeys::csrf_keys`: the token role, rotatable, ADR
    /// 0012). `None`: a random key per process (tokens then do not verify across nodes or
    /// restarts).
    pub csrf_key: Option<ocs_crypto::RoleKeys>,
    /// Thresholds of the burst monitor.
    pub burst_rules: BurstRules,
}

impl Default for WebSettings {
    fn default() -> Self {
        Self {
            body_limit: 16 * 1024,
            hsts: true,
            trusted_proxies: Vec::new(),
            allowed_origin: None,
            metrics_token: None,
            rate_limits: None,
            body_read_timeout: std::time::Duration::from_secs(10),
            body_min_rate: 16 * 1024,
            csrf_key: None,
            burst_rules: BurstRules::default(),
        }
    }
}

/// How long a CSRF token stays valid: a console page left open for a working day.
pub const CSRF_MAX_AGE: jiff::SignedDuration = jiff::SignedDuration::from_hours(12);

/// What every handler gets.
#[derive(Clone)]
pub struct WebState(Arc<Inner>);

struct Inner {
    signing: Arc<SigningService>,
    self_service: Arc<SelfService>,
    lifecycle: Option<Arc<LifecycleService>>,
    setup: Option<Arc<ocs_service::setup::InitiativeSetup>>,
    console: Option<Arc<ConsoleAuth>>,
    i18n: Arc<I18n>,
    settings: WebSettings,
    rate_limits: Option<RateLimits>,
    bursts: BurstMonitor,
    csrf: CsrfTokens,
    /// Optional e-mail updates; `None` when `[mail]` is not configured.
    mail: Option<Arc<MailService>>,
    eid: std::sync::OnceLock<Arc<ocs_eid::EidService>>,
    /// The destruction job, for the console's warning before the deadline.
    destruction: Option<Arc<ocs_service::retention::Destruction>>,
    /// The public tally logs (ADR 0007); `None` shows exact figures and serves no log.
    tally_log: Option<Arc<ocs_service::tally_log::TallyLog>>,
    /// The open-data daily counts, folded from the tally logs.
    daily_counts: Option<Arc<ocs_service::daily_counts::DailyCounts>>,
    /// Public renderings until the next publication ([`crate::read_cache`]).
    read_cache: crate::read_cache::ReadCache,
}

impl WebState {
    /// The public tally logs, when the server keeps them.
    pub fn tally_log(&self) -> Option<&Arc<ocs_service::tally_log::TallyLog>> {
        self.0.tally_log.as_ref()
    }

    /// The cache of public renderings.
    pub fn read_cache(&self) -> &crate::read_cache::ReadCache {
        &self.0.read_cache
    }

    /// The open-data daily counts, when the server keeps tally logs.
    pub fn daily_counts(&self) -> Option<&Arc<ocs_service::daily_counts::DailyCounts>> {
        self.0.daily_counts.as_ref()
    }

    /// The initiative set-up use cases, when the server offers them.
    pub fn setup(&self) -> Option<&ocs_service::setup::InitiativeSetup> {
        self.0.setup.as_deref()
    }

    /// The e-mail updates, when configured.
    pub fn mail(&self) -> Option<&Arc<MailService>> {
        self.0.mail.as_ref()
    }

    /// The destruction job, when the server runs one.
    pub fn destruction(&self) -> Option<&ocs_service::retention::Destruction> {
        self.0.destruction.as_deref()
    }

    /// Signer self-service (check and withdraw with a receipt).
    pub fn self_service(&self) -> &SelfService {
        &self.0.self_service
    }

    /// The console use cases, when the console is on.
    pub fn console(&self) -> Option<&ConsoleAuth> {
        self.0.console.as_deref()
    }

    /// The console use cases as a shared handle (the assembly hands it to the command
    /// line's dispatcher and to tests).
    pub fn console_service(&self) -> Option<Arc<ConsoleAuth>> {
        self.0.console.clone()
    }

    /// The lifecycle use cases, when the server manages initiatives' lifecycles.
    pub fn lifecycle(&self) -> Option<&LifecycleService> {
        self.0.lifecycle.as_deref()
    }

    /// Offers eID sign-in with these providers (see docs/EID.md). The one part set after
    /// [`WebStateBuilder::build`], on a state already shared with its router: a relying
    /// party's redirect address may only be known once the listener is bound (the test kit).
    #[must_use]
    pub fn with_eid(self, eid: Arc<ocs_eid::EidService>) -> Self {
        // Set once, at start-up; a second call keeps the first service.
        let _ = self.0.eid.set(eid);
        self
    }

    /// The eID relying party, when configured.
    pub fn eid(&self) -> Option<&ocs_eid::EidService> {
        self.0.eid.get().map(AsRef::as_ref)
    }

    /// The signing use case.
    pub fn signing(&self) -> &SigningService {
        &self.0.signing
    }

    /// Translations.
    pub fn i18n(&self) -> &I18n {
        &self.0.i18n
    }

    /// Settings.
    pub fn settings(&self) -> &WebSettings {
        &self.0.settings
    }

    /// The live rate limits, when configured.
    pub fn rate_limits(&self) -> Option<&RateLimits> {
        self.0.rate_limits.as_ref()
    }

    /// The burst monitor (the console lists [`BurstMonitor::alerts`]).
    pub fn bursts(&self) -> &BurstMonitor {
        &self.0.bursts
    }

    /// A CSRF token for `binding` (the session id of a console user, say): put it in a
    /// hidden `csrf` field of every form that changes state.
    pub fn csrf_token(&self, binding: &[u8]) -> String {
        self.0.csrf.issue(binding, self.signing().now(), &OsEntropy)
    }

    /// Whether `token` is a CSRF token for `binding` issued within [`CSRF_MAX_AGE`].
    pub fn csrf_valid(&self, token: &str, binding: &[u8]) -> bool {
        self.0
            .csrf
            .verify(token, binding, self.signing().now(), CSRF_MAX_AGE)
            .is_ok()
    }
}

impl AsRef<I18n> for WebState {
    fn as_ref(&self) -> &I18n {
        &self.0.i18n
    }
}
