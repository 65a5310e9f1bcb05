//! Shared state of the web layer.

use std::sync::Arc;

use ocs_crypto::{BearerToken, CsrfTokens, OsEntropy, SecretKey};
use ocs_service::console_auth::ConsoleAuth;
use ocs_service::lifecycle::LifecycleService;
use ocs_service::mail::MailService;
use ocs_service::{LogAudit, SelfService, SigningService};

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
    /// Bundles the service, translations and settings. Self-service withdrawals are audited
    /// to the log ([`LogAudit`]) until [`WebState::with_self_service`] gives another sink.
    pub fn new(signing: Arc<SigningService>, i18n: I18n, settings: WebSettings) -> Self {
        let csrf_key = settings.csrf_key.clone().unwrap_or_else(|| {
            let mut bytes = [0u8; 32];
            ocs_crypto::Entropy::fill(&OsEntropy, &mut bytes);
            ocs_crypto::RoleKeys::single(SecretKey::from_bytes(bytes))
        });
        let self_service = Arc::new(SelfService::new(
            Arc::clone(&signing),
            Arc::new(LogAudit),
            SelfService::DEFAULT_QUOTA,
        ));
        Self(Arc::new(Inner {
            rate_limits: settings.rate_limits.as_ref().map(RateLimits::new),
            bursts: BurstMonitor::new(settings.burst_rules),
            csrf: CsrfTokens::with_keys(csrf_key),
            signing,
            self_service,
            lifecycle: None,
            setup: None,
            console: None,
            i18n: Arc::new(i18n),
            settings,
            mail: None,
            eid: std::sync::OnceLock::new(),
            destruction: None,
            tally_log: None,
            daily_counts: None,
            read_cache: crate::read_cache::ReadCache::default(),
        }))
    }

    /// Adds the public tally logs (ADR 0007): public figures become the published ones and
    /// `/log/…` is served. Call before the state is cloned.
    #[must_use]
    pub fn with_tally_log(mut self, log: Arc<ocs_service::tally_log::TallyLog>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.daily_counts = Some(Arc::new(ocs_service::daily_counts::DailyCounts::new(
                Arc::clone(&log),
            )));
            inner.tally_log = Some(log);
        } else {
            tracing::warn!("with_tally_log on a shared WebState: no tally log");
        }
        self
    }

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

    /// Adds the optional e-mail updates. Call right after [`WebState::new`], before the state
    /// is cloned into a router (a shared state is left unchanged, with a warning).
    #[must_use]
    pub fn with_mail(mut self, mail: Arc<MailService>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.mail = Some(mail);
        } else {
            tracing::warn!("with_mail on a shared WebState: e-mail updates stay off");
        }
        self
    }

    /// Adds the lifecycle use cases (certificate download, console). Call before the state
    /// is cloned; on a shared state it changes nothing.
    #[must_use]
    pub fn with_lifecycle(mut self, lifecycle: Arc<LifecycleService>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.lifecycle = Some(lifecycle);
        } else {
            tracing::warn!("with_lifecycle on a shared WebState: no lifecycle");
        }
        self
    }

    /// Adds the initiative set-up use cases (console pages under `/console/setup`). Call
    /// before the state is cloned; on a shared state it changes nothing.
    #[must_use]
    pub fn with_setup(mut self, setup: Arc<ocs_service::setup::InitiativeSetup>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.setup = Some(setup);
        } else {
            tracing::warn!("with_setup on a shared WebState: no initiative set-up");
        }
        self
    }

    /// The initiative set-up use cases, when the server offers them.
    pub fn setup(&self) -> Option<&ocs_service::setup::InitiativeSetup> {
        self.0.setup.as_deref()
    }

    /// The e-mail updates, when configured.
    pub fn mail(&self) -> Option<&Arc<MailService>> {
        self.0.mail.as_ref()
    }

    /// The same state with another self-service (its own audit sink or quota).
    /// Call right after [`WebState::new`], before the state is cloned into a router (a shared
    /// state is left unchanged, with a warning).
    #[must_use]
    pub fn with_self_service(mut self, self_service: Arc<SelfService>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.self_service = self_service;
        } else {
            tracing::warn!("with_self_service on a shared WebState: the default sink stays");
        }
        self
    }

    /// Adds the console's sign-in, accounts and audit view (the `/console` pages answer
    /// 404 without it). Call before the state is cloned.
    #[must_use]
    pub fn with_console(mut self, console: Arc<ConsoleAuth>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.console = Some(console);
        } else {
            tracing::warn!("with_console on a shared WebState: the console stays off");
        }
        self
    }

    /// Adds the destruction job, whose deadlines the console warns about (see
    /// `ocs_service::retention`). Call before the state is cloned.
    #[must_use]
    pub fn with_destruction(
        mut self,
        destruction: Arc<ocs_service::retention::Destruction>,
    ) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.destruction = Some(destruction);
        } else {
            tracing::warn!("with_destruction on a shared WebState: no destruction warning");
        }
        self
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

    /// The lifecycle use cases, when the server manages initiatives' lifecycles.
    pub fn lifecycle(&self) -> Option<&LifecycleService> {
        self.0.lifecycle.as_deref()
    }

    /// Offers eID sign-in with these providers (see docs/EID.md).
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
