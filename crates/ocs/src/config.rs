//! Configuration: built-in defaults, a TOML file, then `OCS_*` variables (`__` nests), read
//! once and checked into a typed `Config`. A bad value stops the start with what to change.

mod admission;
mod antibot;
mod backup;
mod counters;
mod countries;
pub(crate) mod credentials;
mod database;
mod describe;
pub(crate) mod eid;
mod initiative;
mod lifecycle;
mod logging;
mod mail;
mod retention;
mod secrets;
pub(crate) mod security;
mod server;
mod signing;
pub mod tagd;
mod tally_log;
pub mod tls;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use figment::Figment;
use figment::providers::{Env, Format as _, Serialized, Toml};
use jiff::tz::TimeZone;
use ocs_domain::CountryTable;
use ocs_domain::lifecycle::DateRules;
use ocs_domain::retention::RetentionRules;
use serde::{Deserialize, Serialize};

use antibot::RawAntibot;
use countries::{RawCountries, country_table};
pub use database::DatabaseUrl;
use database::{RawDatabase, database_url};
pub use initiative::InitiativeConfig;
use initiative::{RawInitiative, check_initiative};
use lifecycle::{RawLifecycle, lifecycle_rules};
pub use logging::LogConfig;
use logging::{RawLog, log_config};
pub use mail::MailConfig;
use retention::{RawRetention, retention};
use secrets::RawSecrets;
use server::RawServer;
use signing::RawSigning;
pub use tally_log::TallyLogConfig;

/// The file layout, as written by people. Unknown keys are errors, so a typo is caught.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    #[serde(default)]
    server: RawServer,
    database: RawDatabase,
    secrets: RawSecrets,
    #[serde(default)]
    antibot: RawAntibot,
    #[serde(default)]
    signing: RawSigning,
    #[serde(default)]
    countries: RawCountries,
    #[serde(default)]
    log: RawLog,
    #[serde(default)]
    retention: RawRetention,
    #[serde(default)]
    lifecycle: RawLifecycle,
    #[serde(default)]
    initiatives: Vec<RawInitiative>,
    #[serde(default)]
    http: security::RawHttp,
    #[serde(default)]
    rate_limits: security::RawRateLimits,
    #[serde(default)]
    monitor: security::RawMonitor,
    /// Optional e-mail updates (docs/MAIL.md).
    #[serde(default)]
    mail: Option<mail::RawMail>,
    /// eID providers (`[[eid]]`, see docs/EID.md).
    #[serde(default)]
    eid: Vec<eid::RawEidProvider>,
    /// When public figures and the tally log are published (ADR 0007).
    #[serde(default)]
    counters: counters::RawCounters,
    /// Scheduled backups while serving (`[backup]`).
    #[serde(default)]
    backup: Option<backup::RawBackup>,
    /// The tag process (`[tagd]`, ADR 0011 part 6).
    #[serde(default)]
    tagd: tagd::RawTagd,
    /// The tally log's witnesses and on/off switch (`[tally_log]`).
    #[serde(default)]
    tally_log: tally_log::RawTallyLog,
}

/// The checked configuration.
#[derive(Debug)]
pub struct Config {
    /// Listen address.
    pub listen: SocketAddr,
    /// Public base URL, if known.
    pub public_url: Option<String>,
    /// Request body cap.
    pub body_limit: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ocs_web::client::Network>,
    /// HTTPS served by `ocs` itself (`[server.tls]`), if configured.
    pub tls: Option<tls::TlsConfig>,
    /// Database.
    pub database: DatabaseUrl,
    /// Writer queue capacity.
    pub queue_capacity: usize,
    /// Largest group commit.
    pub max_batch: usize,
    /// PostgreSQL connections per node.
    pub pool_size: u32,
    /// Server secret file.
    pub server_key_file: PathBuf,
    /// De-duplication secret file.
    pub dedup_key_file: PathBuf,
    /// Directory of rotated server keys by role (ADR 0012).
    pub role_keys_dir: PathBuf,
    /// How long a replaced token key still verifies.
    pub token_key_grace: jiff::SignedDuration,
    /// Proof-of-work difficulty (largest number).
    pub altcha_max_number: u64,
    /// Challenge lifetime.
    pub challenge_ttl: jiff::SignedDuration,
    /// No-JavaScript minimum fill time.
    pub min_fill: jiff::SignedDuration,
    /// Form lifetime.
    pub form_lifetime: jiff::SignedDuration,
    /// No-JavaScript burst per network.
    pub no_script_burst: u32,
    /// No-JavaScript refill time per submission.
    pub no_script_refill: jiff::SignedDuration,
    /// Zone of the signing date.
    pub time_zone: TimeZone,
    /// Zone name, for display.
    pub time_zone_name: String,
    /// Seals per HPKE encapsulation.
    pub seal_epoch_uses: u32,
    /// Longest life of an HPKE encapsulation.
    pub seal_epoch_age: std::time::Duration,
    /// Retry-After on a full queue.
    pub busy_retry_after: jiff::SignedDuration,
    /// Admission control: signing requests worked on at once, at most (memory).
    pub max_in_flight: usize,
    /// Admission control: the longest estimated wait a statement is admitted with.
    pub admission_target: jiff::SignedDuration,
    /// Member-state rules.
    pub table: CountryTable,
    /// Hosted initiatives.
    pub initiatives: Vec<InitiativeConfig>,
    /// Served by `ocs demo` ([`crate::mark_demo`]): the configured initiatives are shown
    /// under the demo regime while it runs. Never read from the file, never stored.
    pub demo: bool,
    /// Date rules and holiday calendar of the lifecycle.
    pub lifecycle: DateRules,
    /// Logging.
    pub log: LogConfig,
    /// HTTP limits, rate limits, burst monitor, `/metrics` token.
    pub security: security::SecurityConfig,
    /// Optional e-mail updates; `None` without a `[mail]` section.
    pub mail: Option<mail::MailConfig>,
    /// Destruction deadlines.
    pub retention: RetentionRules,
    /// Per-initiative backup keys.
    pub backup_keys_dir: PathBuf,
    /// Server-side export artefacts (`DIR/<slug>/`), destroyed at the deadline.
    pub artefacts_dir: Option<PathBuf>,
    /// eID providers.
    pub eid: Vec<eid::EidProviderSpec>,
    /// When public figures and the tally log are published (`[counters]`).
    pub counters: ocs_service::tally_log::PublishRule,
    /// Scheduled backups (`[backup]`), if configured.
    pub backup: Option<ocs_service::backup::scheduled::BackupSchedule>,
    /// Where tags are made and their rate limits (`[tagd]`).
    pub tagd: tagd::TagdConfig,
    /// The tally log's witnesses and on/off switch (`[tally_log]`).
    pub tally_log: TallyLogConfig,
}

/// `OCS_*` variables that are not settings. `TEST_POSTGRES_URL` is the admin URL
/// `./scripts/test` exports for the PostgreSQL tests, which the tests running this binary
/// inherit. `SKIP_*` steer `./scripts/test`.
const NOT_SETTINGS: &[&str] = &[
    "CONFIG",
    "DATABASE_URL",
    "TEST_POSTGRES_URL",
    "TEST_BACKEND",
    "TEST_SMTP_PORT",
    "TEST_SMTP_DIR",
    "TEST_SMTP_PYTHON",
    "TEST_OIDC_ISSUER",
    "TEST_SAML_IDP_URL",
    "TEST_SAML_IDP_CERT",
    "TEST_EID_REQUIRED",
    "SKIP_BENCH",
    "SKIP_DENY",
    "SKIP_MACHETE",
    "FUZZ_CASES",
];

/// Loads `path`, applies `OCS_*` variables and checks the result.
pub fn load(path: &Path) -> anyhow::Result<Config> {
    if !path.exists() {
        bail!("configuration file {} does not exist", path.display());
    }
    let mut figment = Figment::new()
        .merge(Toml::file(path))
        .merge(Env::prefixed("OCS_").split("__").ignore(NOT_SETTINGS));
    if let Ok(url) = std::env::var("OCS_DATABASE_URL") {
        figment = figment.merge(Serialized::default("database.url", url));
    }
    let raw: RawConfig = figment
        .extract()
        .map_err(|e| anyhow!("configuration {}: {e}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    check(raw, base)
}

/// Checks the TOML `text` as a configuration file in `base`, without `OCS_*` variables (the
/// test kit writes its configuration this way).
pub fn from_toml(text: &str, base: &Path) -> anyhow::Result<Config> {
    let raw: RawConfig = Figment::new()
        .merge(Toml::string(text))
        .extract()
        .map_err(|e| anyhow!("configuration: {e}"))?;
    check(raw, base)
}

fn relative(base: &Path, path: &Path) -> PathBuf {
    credentials::resolve(base, path)
}

fn seconds(value: i64, what: &str) -> anyhow::Result<jiff::SignedDuration> {
    if value < 0 {
        bail!("{what} must not be negative");
    }
    Ok(jiff::SignedDuration::from_secs(value))
}

/// Turns the raw layout into a checked `Config`. Relative paths are taken from `base`.
#[expect(
    clippy::too_many_lines,
    reason = "one line per setting of the checked configuration"
)]
pub fn check(raw: RawConfig, base: &Path) -> anyhow::Result<Config> {
    let listen: SocketAddr = raw.server.listen.parse().with_context(|| {
        format!(
            "server.listen = {:?} is not an address:port",
            raw.server.listen
        )
    })?;
    let database = database_url(&raw.database, base)?;
    let time_zone = TimeZone::get(&raw.signing.time_zone).with_context(|| {
        format!(
            "signing.time_zone = {:?} is not a known IANA zone",
            raw.signing.time_zone
        )
    })?;

    let table = country_table(&raw.countries, base)?;
    let max_months = table.max_collection_months();
    let lifecycle = lifecycle_rules(&raw.lifecycle, max_months)?;
    let initiatives = raw
        .initiatives
        .into_iter()
        .map(|i| check_initiative(i, &time_zone, max_months))
        .collect::<anyhow::Result<Vec<_>>>()?;
    if raw.antibot.max_number == 0 {
        bail!("antibot.max_number must be at least 1");
    }
    if raw.database.queue_capacity == 0 || raw.database.max_batch == 0 {
        bail!("database.queue_capacity and database.max_batch must be at least 1");
    }
    if raw.database.pool_size == 0 {
        bail!("database.pool_size must be at least 1");
    }
    let admission_target = admission::check(&raw.signing)?;
    let security = security::check(
        &raw.http,
        &raw.rate_limits,
        &raw.monitor,
        raw.server.public_url.as_deref(),
        base,
    )?;
    let mail = mail::check(raw.mail, base, raw.server.public_url.as_deref())?;
    let (retention, backup_keys_dir, artefacts_dir) = retention(&raw.retention, base)?;
    let eid = eid::check(raw.eid, raw.server.public_url.as_deref(), base)?;
    let counters = counters::check(&raw.counters)?;
    let (role_keys_dir, token_key_grace) = secrets::role_keys(&raw.secrets, &raw.antibot, base)?;
    Ok(Config {
        tls: tls::check(&raw.server, listen, base)?,
        backup: backup::check(raw.backup.as_ref(), base, &database)?,
        tagd: tagd::check(&raw.tagd, base)?,
        tally_log: tally_log::check(&raw.tally_log)?,
        demo: false,
        counters,
        eid,
        mail,
        security,
        listen,
        public_url: raw.server.public_url,
        body_limit: raw.server.body_limit_bytes.max(1024),
        trusted_proxies: raw
            .server
            .trusted_proxies
            .iter()
            .map(|net| net.parse().context("server.trusted_proxies"))
            .collect::<anyhow::Result<_>>()?,
        database,
        queue_capacity: raw.database.queue_capacity,
        max_batch: raw.database.max_batch,
        pool_size: raw.database.pool_size,
        server_key_file: relative(base, &raw.secrets.server_key_file),
        role_keys_dir,
        token_key_grace,
        dedup_key_file: relative(base, &raw.secrets.dedup_key_file),
        altcha_max_number: raw.antibot.max_number,
        challenge_ttl: seconds(
            raw.antibot.challenge_ttl_seconds,
            "antibot.challenge_ttl_seconds",
        )?,
        min_fill: seconds(raw.antibot.min_fill_seconds, "antibot.min_fill_seconds")?,
        form_lifetime: seconds(
            raw.antibot.form_lifetime_minutes.saturating_mul(60),
            "antibot.form_lifetime_minutes",
        )?,
        no_script_burst: raw.antibot.no_script_burst.max(1),
        no_script_refill: seconds(
            raw.antibot.no_script_refill_seconds,
            "antibot.no_script_refill_seconds",
        )?,
        time_zone,
        time_zone_name: raw.signing.time_zone,
        seal_epoch_uses: raw.signing.seal_epoch_uses.max(1),
        seal_epoch_age: std::time::Duration::from_millis(raw.signing.seal_epoch_millis.max(1)),
        busy_retry_after: seconds(
            raw.signing.busy_retry_after_seconds,
            "signing.busy_retry_after_seconds",
        )?,
        max_in_flight: raw.signing.max_in_flight,
        admission_target,
        table,
        initiatives,
        lifecycle,
        log: log_config(raw.log, base),
        retention,
        backup_keys_dir,
        artefacts_dir,
    })
}

#[cfg(test)]
mod tests;
