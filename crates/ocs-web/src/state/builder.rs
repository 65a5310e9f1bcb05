//! The one way to make a [`WebState`]: a consuming builder whose security parts are
//! arguments of [`WebState::builder`], so a state without them does not compile.

use std::sync::Arc;

use ocs_crypto::password::Pepper;
use ocs_crypto::{CsrfTokens, OsEntropy, SecretKey, TotpKey};
use ocs_service::audit::StoredAudit;
use ocs_service::console_auth::ConsoleAuth;
use ocs_service::lifecycle::LifecycleService;
use ocs_service::mail::MailService;
use ocs_service::{SelfService, SigningService};

use super::{Inner, WebSettings, WebState};
use crate::i18n::I18n;
use crate::monitor::BurstMonitor;
use crate::ratelimit::RateLimits;

/// The parts a web state cannot go without: every console it serves peppers passwords and
/// seals TOTP secrets, and what signers do themselves (withdrawals) is written to the
/// hash-chained trail in the database (`ocs audit verify`), not only to the log.
pub struct WebSecurity {
    /// `server_key.derive("openocs password pepper v1")`: peppers console passwords and the
    /// sign-in throttle keys.
    pub pepper: Pepper,
    /// `server_key.derive("openocs totp v1")`: seals console TOTP secrets at rest.
    pub totp_key: TotpKey,
    /// The stored audit trail.
    pub audit: Arc<StoredAudit>,
}

/// Collects the optional parts of a [`WebState`]; [`WebStateBuilder::build`] makes it.
///
/// ```no_run
/// # use std::sync::Arc;
/// # fn assemble(
/// #     signing: Arc<ocs_service::SigningService>,
/// #     i18n: ocs_web::i18n::I18n,
/// #     security: ocs_web::WebSecurity,
/// #     console: ocs_service::console_auth::ConsoleAuth,
/// # ) -> ocs_web::WebState {
/// // `security` holds the pepper, the TOTP key and the stored audit trail.
/// ocs_web::WebState::builder(signing, i18n, ocs_web::WebSettings::default(), security)
///     .console(console)
///     .build()
/// # }
/// ```
#[must_use = "a builder does nothing until `build`"]
pub struct WebStateBuilder {
    signing: Arc<SigningService>,
    i18n: I18n,
    settings: WebSettings,
    security: WebSecurity,
    console: Option<ConsoleAuth>,
    lifecycle: Option<Arc<LifecycleService>>,
    setup: Option<Arc<ocs_service::setup::InitiativeSetup>>,
    mail: Option<Arc<MailService>>,
    destruction: Option<Arc<ocs_service::retention::Destruction>>,
    tally_log: Option<Arc<ocs_service::tally_log::TallyLog>>,
}

impl WebState {
    /// Starts a web state from the signing use case, the translations, the settings and the
    /// security parts every state must have.
    pub fn builder(
        signing: Arc<SigningService>,
        i18n: I18n,
        settings: WebSettings,
        security: WebSecurity,
    ) -> WebStateBuilder {
        WebStateBuilder {
            signing,
            i18n,
            settings,
            security,
            console: None,
            lifecycle: None,
            setup: None,
            mail: None,
            destruction: None,
            tally_log: None,
        }
    }
}

impl WebStateBuilder {
    /// Serves the console (sign-in, accounts, audit view; the `/console` pages answer 404
    /// without it). [`WebStateBuilder::build`] gives it the pepper and the TOTP key.
    pub fn console(mut self, console: ConsoleAuth) -> Self {
        self.console = Some(console);
        self
    }

    /// Adds the lifecycle use cases (certificate download, console).
    pub fn lifecycle(mut self, lifecycle: Arc<LifecycleService>) -> Self {
        self.lifecycle = Some(lifecycle);
        self
    }

    /// Adds the initiative set-up use cases (console pages under `/console/setup`).
    pub fn setup(mut self, setup: Arc<ocs_service::setup::InitiativeSetup>) -> Self {
        self.setup = Some(setup);
        self
    }

    /// Adds the optional e-mail updates (`[mail]`).
    pub fn mail(mut self, mail: Arc<MailService>) -> Self {
        self.mail = Some(mail);
        self
    }

    /// Adds the destruction job, whose deadlines the console warns about (see
    /// `ocs_service::retention`).
    pub fn destruction(mut self, destruction: Arc<ocs_service::retention::Destruction>) -> Self {
        self.destruction = Some(destruction);
        self
    }

    /// Adds the public tally logs (ADR 0007): public figures become the published ones and
    /// `/log/…` is served.
    pub fn tally_log(mut self, log: Arc<ocs_service::tally_log::TallyLog>) -> Self {
        self.tally_log = Some(log);
        self
    }

    /// The web state: the console (if any) keyed with the pepper and the TOTP key, signer
    /// self-service audited to the stored trail.
    pub fn build(self) -> WebState {
        let Self {
            signing,
            i18n,
            settings,
            security,
            console,
            lifecycle,
            setup,
            mail,
            destruction,
            tally_log,
        } = self;
        let WebSecurity {
            pepper,
            totp_key,
            audit,
        } = security;
        let csrf_key = settings.csrf_key.clone().unwrap_or_else(|| {
            let mut bytes = [0u8; 32];
            ocs_crypto::Entropy::fill(&OsEntropy, &mut bytes);
            ocs_crypto::RoleKeys::single(SecretKey::from_bytes(bytes))
        });
        let self_service = Arc::new(SelfService::new(
            Arc::clone(&signing),
            audit,
            SelfService::DEFAULT_QUOTA,
        ));
        let console =
            console.map(|console| Arc::new(console.with_pepper(pepper).with_totp_key(totp_key)));
        let daily_counts = tally_log
            .as_ref()
            .map(|log| Arc::new(ocs_service::daily_counts::DailyCounts::new(Arc::clone(log))));
        WebState(Arc::new(Inner {
            rate_limits: settings.rate_limits.as_ref().map(RateLimits::new),
            bursts: BurstMonitor::new(settings.burst_rules),
            csrf: CsrfTokens::with_keys(csrf_key),
            signing,
            self_service,
            lifecycle,
            setup,
            console,
            i18n: Arc::new(i18n),
            settings,
            mail,
            eid: std::sync::OnceLock::new(),
            destruction,
            tally_log,
            daily_counts,
            read_cache: crate::read_cache::ReadCache::default(),
        }))
    }
}
