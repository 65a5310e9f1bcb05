//! Configuration: built-in defaults, a TOML file, then `OCS_*` variables (`__` nests), read
//! once and checked into a typed `Config`. A bad value stops the start with what to change.

mod admission;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use figment::Figment;
use figment::providers::{Env, Format as _, Serialized, Toml};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use ocs_crypto::RecipientPublicKey;
use ocs_domain::initiative::PeriodError;
use ocs_domain::lifecycle::{DateRules, HolidayCalendar};
use ocs_domain::retention::{LifecycleDates, RetentionRules};
use ocs_domain::rules::{Strictness, ValidationPolicy};
use ocs_domain::{
    CollectionPeriod, CountryCode, CountryTable, Initiative, InitiativeId, InitiativeStatus,
    Organiser, Slug,
};
use serde::{Deserialize, Serialize};

mod backup;
pub(crate) mod credentials;
pub mod tls;

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
    http: crate::hardening::RawHttp,
    #[serde(default)]
    rate_limits: crate::hardening::RawRateLimits,
    #[serde(default)]
    monitor: crate::hardening::RawMonitor,
    /// Optional e-mail updates (docs/MAIL.md).
    #[serde(default)]
    mail: Option<crate::mail::RawMail>,
    /// eID providers (`[[eid]]`, see docs/EID.md).
    #[serde(default)]
    eid: Vec<crate::eid_config::RawEidProvider>,
    /// When public figures and the tally log are published (ADR 0007).
    #[serde(default)]
    counters: crate::counters::RawCounters,
    /// Scheduled backups while serving (`[backup]`).
    #[serde(default)]
    backup: Option<backup::RawBackup>,
}

/// `[retention]`: the destruction deadlines (docs/SECURITY.md, "Retention").
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawRetention {
    after_submission_months: i8,
    after_collection_start_months: i8,
    after_withdrawal_months: i8,
    /// Days after the conclusion of proceedings that held the data (Art. 19(5)).
    after_proceedings_days: i16,
    /// Per-initiative backup keys (`ocs backup`), destroyed at the deadline.
    keys_dir: PathBuf,
    /// Export artefacts kept on the server, per initiative in `DIR/<slug>/`.
    artefacts_dir: Option<PathBuf>,
}

impl Default for RawRetention {
    fn default() -> Self {
        let rules = RetentionRules::default();
        Self {
            after_submission_months: rules.after_submission_months,
            after_collection_start_months: rules.after_collection_start_months,
            after_withdrawal_months: rules.after_withdrawal_months,
            after_proceedings_days: rules.after_proceedings_days,
            keys_dir: PathBuf::from("keys"),
            artefacts_dir: None,
        }
    }
}

/// `[lifecycle]`: the date rules of collection periods and the working-day calendar.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawLifecycle {
    /// Whether collection may start only `notice_working_days` after notice is recorded.
    notice_rule: bool,
    notice_working_days: u32,
    start_within_months: i8,
    /// Public holidays (YYYY-MM-DD) that are not working days.
    holidays: Vec<String>,
}

impl Default for RawLifecycle {
    fn default() -> Self {
        Self {
            notice_rule: true,
            notice_working_days: 10,
            start_within_months: 6,
            holidays: Vec::new(),
        }
    }
}

fn lifecycle_rules(raw: &RawLifecycle, max_months: i8) -> anyhow::Result<DateRules> {
    let holidays = raw
        .holidays
        .iter()
        .map(|day| {
            day.parse::<Date>()
                .with_context(|| format!("lifecycle.holidays: {day:?} is not a YYYY-MM-DD date"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if !(1..=6).contains(&raw.start_within_months) {
        bail!("lifecycle.start_within_months must be between 1 and 6");
    }
    Ok(DateRules {
        start_within_months: raw.start_within_months,
        max_period_months: max_months,
        notice_working_days: raw.notice_rule.then_some(raw.notice_working_days),
        calendar: HolidayCalendar::new(holidays),
    })
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawServer {
    listen: String,
    public_url: Option<String>,
    body_limit_bytes: usize,
    /// Reverse proxies whose X-Forwarded-For is believed: addresses or blocks.
    trusted_proxies: Vec<String>,
    /// `[server.tls]`: HTTPS without a proxy.
    tls: Option<tls::RawTls>,
}

impl Default for RawServer {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            public_url: None,
            body_limit_bytes: 16 * 1024,
            trusted_proxies: Vec::new(),
            tls: None,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDatabase {
    url: Option<String>,
    /// A file holding the URL (for URLs with a password).
    url_file: Option<PathBuf>,
    #[serde(default = "default_queue")]
    queue_capacity: usize,
    #[serde(default = "default_batch")]
    max_batch: usize,
    /// PostgreSQL connections per node.
    #[serde(default = "default_pool")]
    pool_size: u32,
}

fn default_pool() -> u32 {
    8
}

fn default_queue() -> usize {
    4096
}
fn default_batch() -> usize {
    512
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSecrets {
    /// Keys the anti-bot challenges, form tokens and receipts.
    server_key_file: PathBuf,
    /// Keys the de-duplication tags. Rotating it needs re-tagging offline.
    dedup_key_file: PathBuf,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawAntibot {
    max_number: u64,
    challenge_ttl_seconds: i64,
    min_fill_seconds: i64,
    form_lifetime_minutes: i64,
    no_script_burst: u32,
    no_script_refill_seconds: i64,
}

impl Default for RawAntibot {
    fn default() -> Self {
        Self {
            max_number: 50_000,
            challenge_ttl_seconds: 600,
            min_fill_seconds: 3,
            form_lifetime_minutes: 120,
            no_script_burst: 20,
            no_script_refill_seconds: 60,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawSigning {
    time_zone: String,
    seal_epoch_uses: u32,
    seal_epoch_millis: u64,
    busy_retry_after_seconds: i64,
    max_in_flight: usize,
    /// Admission control: the longest estimated wait a statement is admitted with (ADR 0008).
    admission_target_ms: u64,
}

impl Default for RawSigning {
    fn default() -> Self {
        Self {
            time_zone: "Europe/Brussels".into(),
            seal_epoch_uses: 1000,
            seal_epoch_millis: 1000,
            busy_retry_after_seconds: 2,
            max_in_flight: 4096,
            admission_target_ms: 100,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawCountries {
    /// A replacement for the built-in member-state table.
    table_file: Option<PathBuf>,
    /// Minimum-age overrides by EU code, for values marked "verify".
    min_age: BTreeMap<String, u8>,
    format_mismatch: Option<String>,
    unconfirmed_check_digit: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawLog {
    level: String,
    json: bool,
    file: Option<PathBuf>,
}

impl Default for RawLog {
    fn default() -> Self {
        Self {
            level: "info".into(),
            json: false,
            file: None,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInitiative {
    id: u32,
    slug: String,
    registration_number: String,
    registration_date: String,
    title: String,
    subject: String,
    objectives: String,
    #[serde(default)]
    organisers: Vec<Organiser>,
    register_url: String,
    website: Option<String>,
    privacy_notice: String,
    /// Language of the texts above (an EU language code); English when absent.
    #[serde(default)]
    language: Option<String>,
    /// The texts in further languages: `[initiatives.translations.de] title = "…"`.
    #[serde(default)]
    translations: std::collections::BTreeMap<String, ocs_domain::initiative::InitiativeText>,
    /// First day of collection, in the signing time zone.
    collection_start: String,
    /// Last day of collection (inclusive), in the signing time zone.
    collection_end: String,
    /// Ignored since the lifecycle stage lives in the database (`ocs initiative`, the
    /// console); still read so that older files load. Start-up warns when it is set.
    #[serde(default)]
    status: Option<InitiativeStatus>,
    recipient_keys: Vec<String>,
    /// Day of submission to the Commission (starts the one-month destruction deadline).
    #[serde(default)]
    submitted_on: Option<String>,
    /// Day the organisers withdrew the initiative (starts the one-month deadline).
    #[serde(default)]
    withdrawn_on: Option<String>,
    /// `eci` or `national`; required (an `eci` registered after 2022 is refused; `demo`
    /// is set only by `ocs demo`).
    regime: ocs_domain::Regime,
    /// Member state where the statements are stored (two letters); required.
    storage_country: String,
    /// `[initiatives.data_protection]`: the controller's legal entity and the DPO, if any.
    #[serde(default)]
    data_protection: ocs_domain::initiative::DataProtection,
}

/// A database location. Its `Debug` hides any password.
#[derive(Clone)]
pub enum DatabaseUrl {
    /// `sqlite://PATH`.
    Sqlite(PathBuf),
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?OPTIONS]`, kept whole for the driver.
    Postgres(String),
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

/// `url` with the password of its user part, if any, replaced by `***`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "postgres://***".to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    // Options after `?` may carry a password too: never shown.
    let path = path.split_once('?').map_or(path, |(path, _)| path);
    if let Some((user_info, host)) = authority.rsplit_once('@') {
        let user = user_info
            .split_once(':')
            .map_or(user_info, |(user, _)| user);
        let hidden = if user_info.contains(':') { ":***" } else { "" };
        format!("{scheme}://{user}{hidden}@{host}{path}")
    } else {
        format!("{scheme}://{authority}{path}")
    }
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH` or `postgres://…`.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let text = text.trim();
        if let Some(path) = text.strip_prefix("sqlite://") {
            if path.is_empty() {
                bail!("the database URL sqlite:// needs a file path, e.g. sqlite://./data/ocs.db");
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(Self::Postgres(text.to_owned()));
        }
        bail!("unsupported database URL scheme; use sqlite://PATH or postgres://USER@HOST:PORT/DB")
    }
}

/// Logging settings.
#[derive(Debug, Clone)]
pub struct LogConfig {
    /// Default filter, e.g. `info`.
    pub level: String,
    /// One JSON object per line.
    pub json: bool,
    /// Also append to this file.
    pub file: Option<PathBuf>,
}

/// One hosted initiative, checked.
#[derive(Debug, Clone)]
pub struct InitiativeConfig {
    /// Register data, period and status.
    pub initiative: Initiative,
    /// Recipient public keys.
    pub recipients: Vec<RecipientPublicKey>,
    /// The dates the retention deadline depends on.
    pub lifecycle: LifecycleDates,
    /// The `status` the file still gives, ignored: the stored stage decides.
    pub ignored_status: Option<InitiativeStatus>,
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
    pub security: crate::hardening::SecurityConfig,
    /// Optional e-mail updates; `None` without a `[mail]` section.
    pub mail: Option<crate::mail::MailConfig>,
    /// Destruction deadlines.
    pub retention: RetentionRules,
    /// Per-initiative backup keys.
    pub backup_keys_dir: PathBuf,
    /// Server-side export artefacts (`DIR/<slug>/`), destroyed at the deadline.
    pub artefacts_dir: Option<PathBuf>,
    /// eID providers.
    pub eid: Vec<crate::eid_config::EidProviderSpec>,
    /// When public figures and the tally log are published (`[counters]`).
    pub counters: ocs_service::tally_log::PublishRule,
    /// Scheduled backups (`[backup]`), if configured.
    pub backup: Option<ocs_service::backup::scheduled::BackupSchedule>,
}

/// The member-state table: built in or from `countries.table_file`, with the configured
/// age overrides and validation policy.
fn country_table(raw: &RawCountries, base: &Path) -> anyhow::Result<CountryTable> {
    let mut table = match &raw.table_file {
        Some(file) => {
            let text = std::fs::read_to_string(relative(base, file))
                .with_context(|| format!("reading countries.table_file {}", file.display()))?;
            CountryTable::from_toml(&text).context("countries.table_file")?
        }
        None => CountryTable::embedded().context("built-in member-state table")?,
    };
    for (code, age) in &raw.min_age {
        let country = CountryCode::parse(code)
            .map_err(|_| anyhow!("countries.min_age: {code:?} is not an EU country code"))?;
        if !(16..=18).contains(age) {
            bail!("countries.min_age.{code} = {age}: the ECI allows 16, 17 or 18");
        }
        table = table.with_min_age_override(country, *age);
    }
    table = table.with_policy(ValidationPolicy {
        format_mismatch: strictness(raw.format_mismatch.as_deref(), "format_mismatch")?,
        unconfirmed_check_digit: strictness(
            raw.unconfirmed_check_digit.as_deref(),
            "unconfirmed_check_digit",
        )?,
    });

    Ok(table)
}

/// The database URL from `url` or `url_file`, a SQLite path made relative to `base`.
fn database_url(raw: &RawDatabase, base: &Path) -> anyhow::Result<DatabaseUrl> {
    let url = match (&raw.url, &raw.url_file) {
        (Some(url), None) => url.clone(),
        (None, Some(file)) => std::fs::read_to_string(relative(base, file))
            .with_context(|| format!("reading database.url_file {}", file.display()))?,
        (Some(_), Some(_)) => bail!("set database.url or database.url_file, not both"),
        (None, None) => bail!("database.url is missing, e.g. url = \"sqlite://./data/ocs.db\""),
    };
    Ok(match DatabaseUrl::parse(&url)? {
        DatabaseUrl::Sqlite(path) => DatabaseUrl::Sqlite(relative(base, &path)),
        postgres @ DatabaseUrl::Postgres(_) => postgres,
    })
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

fn strictness(value: Option<&str>, what: &str) -> anyhow::Result<Strictness> {
    Ok(match value.unwrap_or("confirmable") {
        "reject" => Strictness::Reject,
        "confirmable" => Strictness::Confirmable,
        "ignore" => Strictness::Ignore,
        other => {
            bail!("countries.{what} = {other:?}: use \"reject\", \"confirmable\" or \"ignore\"")
        }
    })
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
    let security = crate::hardening::check(
        &raw.http,
        &raw.rate_limits,
        &raw.monitor,
        raw.server.public_url.as_deref(),
        base,
    )?;
    let mail = crate::mail::check(raw.mail, base, raw.server.public_url.as_deref())?;
    let (retention, backup_keys_dir, artefacts_dir) = retention(&raw.retention, base)?;
    let eid = crate::eid_config::check(raw.eid, raw.server.public_url.as_deref(), base)?;
    let counters = crate::counters::check(&raw.counters)?;
    Ok(Config {
        tls: tls::check(&raw.server, listen, base)?,
        backup: backup::check(raw.backup.as_ref(), base)?,
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

/// The checked `[log]` section (a log file relative to the configuration's folder).
fn log_config(raw: RawLog, base: &Path) -> LogConfig {
    LogConfig {
        level: raw.level,
        json: raw.json,
        file: raw.file.map(|f| relative(base, &f)),
    }
}

/// The checked `[retention]` section: deadlines, backup keys folder, artefacts folder.
fn retention(
    raw: &RawRetention,
    base: &Path,
) -> anyhow::Result<(RetentionRules, PathBuf, Option<PathBuf>)> {
    let months = [
        raw.after_submission_months,
        raw.after_collection_start_months,
        raw.after_withdrawal_months,
    ];
    if months.iter().any(|m| !(0..=60).contains(m)) {
        bail!("retention: every *_months must be between 0 and 60");
    }
    if !(0..=31).contains(&raw.after_proceedings_days) {
        bail!("retention: after_proceedings_days must be between 0 and 31");
    }
    let rules = RetentionRules {
        after_submission_months: raw.after_submission_months,
        after_collection_start_months: raw.after_collection_start_months,
        after_withdrawal_months: raw.after_withdrawal_months,
        after_proceedings_days: raw.after_proceedings_days,
    };
    let artefacts = raw.artefacts_dir.as_deref().map(|p| relative(base, p));
    Ok((rules, relative(base, &raw.keys_dir), artefacts))
}

fn date(text: &str, what: &str, slug: &str) -> anyhow::Result<Date> {
    text.parse()
        .with_context(|| format!("initiative {slug}: {what} = {text:?} is not a YYYY-MM-DD date"))
}

/// What the public pages show: official languages, a regime a served initiative may have,
/// and links that are `https:` only (`http:` to loopback, `INI-018`).
fn check_public_parts(slug: &Slug, raw: &RawInitiative) -> anyhow::Result<()> {
    for lang in raw.language.iter().chain(raw.translations.keys()) {
        if !ocs_web::i18n::OFFICIAL_LANGUAGES.contains(&lang.as_str()) {
            bail!(
                "initiative {slug}: language {lang:?} is not an official EU language code \
                 (bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv)"
            );
        }
    }
    if raw.regime.is_demo() {
        bail!(
            "initiative {slug}: regime = \"demo\" is set only by `ocs demo`; a served \
             initiative is \"eci\" or \"national\""
        );
    }
    if !ocs_domain::initiative::is_safe_link(&raw.register_url) {
        bail!("initiative {slug}: register_url must be an https:// address (INI-018)");
    }
    if let Some(website) = raw.website.as_deref()
        && !ocs_domain::initiative::is_safe_link(website)
    {
        bail!("initiative {slug}: website must be an https:// address (INI-018)");
    }
    Ok(())
}

fn check_initiative(
    raw: RawInitiative,
    zone: &TimeZone,
    max_months: i8,
) -> anyhow::Result<InitiativeConfig> {
    let slug = Slug::parse(&raw.slug).with_context(|| format!("initiative slug {:?}", raw.slug))?;
    let registration_date = date(&raw.registration_date, "registration_date", &raw.slug)?;
    raw.regime
        .check_registration(registration_date)
        .with_context(|| format!("initiative {slug}: regime"))?;
    let storage_country =
        ocs_domain::CountryCode::parse(raw.storage_country.trim()).map_err(|_| {
            anyhow!(
                "INI-015: initiative {slug}: storage_country {:?} is not a member state code; \
                 name the member state where the statements are stored (e.g. \"BE\")",
                raw.storage_country
            )
        })?;
    let start_date = date(&raw.collection_start, "collection_start", &raw.slug)?;
    let last_date = date(&raw.collection_end, "collection_end", &raw.slug)?;
    let end_date = last_date
        .tomorrow()
        .with_context(|| format!("initiative {slug}: collection_end out of range"))?;
    let start = start_date
        .to_zoned(zone.clone())
        .with_context(|| format!("initiative {slug}: collection_start"))?
        .timestamp();
    let end = end_date
        .to_zoned(zone.clone())
        .with_context(|| format!("initiative {slug}: collection_end"))?
        .timestamp();
    let period = CollectionPeriod::new(start, end, start_date, end_date, max_months).map_err(
        |e| match e {
            PeriodError::TooLong { max_months } => anyhow!(
                "initiative {slug}: the collection period may last at most {max_months} months \
                 (collection_end is the last day)"
            ),
            PeriodError::EndBeforeStart => {
                anyhow!("initiative {slug}: collection_end is before collection_start")
            }
        },
    )?;
    check_public_parts(&slug, &raw)?;
    if raw.recipient_keys.is_empty() {
        bail!(
            "initiative {slug}: recipient_keys is empty; make a key pair with `ocs keygen --out \
             PREFIX` and put the public key here"
        );
    }
    let optional_date = |text: &Option<String>, what: &str| {
        text.as_deref()
            .map(|text| date(text, what, &raw.slug))
            .transpose()
    };
    let lifecycle = LifecycleDates {
        collection_start: Some(start_date),
        submitted_on: optional_date(&raw.submitted_on, "submitted_on")?,
        withdrawn_on: optional_date(&raw.withdrawn_on, "withdrawn_on")?,
    };
    let recipients = raw
        .recipient_keys
        .iter()
        .map(|k| {
            RecipientPublicKey::parse(k)
                .map_err(|e| anyhow!("initiative {slug}: recipient key {k:?}: {e}"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(InitiativeConfig {
        initiative: Initiative {
            id: InitiativeId::new(raw.id),
            slug,
            registration_number: raw.registration_number,
            registration_date,
            title: raw.title,
            subject: raw.subject,
            objectives: raw.objectives,
            organisers: raw.organisers,
            register_url: raw.register_url,
            website: raw.website,
            privacy_notice: raw.privacy_notice,
            period,
            // The stored lifecycle stage decides (`ocs_domain::lifecycle::statement_mode`).
            status: InitiativeStatus::Draft,
            translations: ocs_domain::initiative::InitiativeTranslations {
                original: raw.language.unwrap_or_else(|| "en".to_owned()),
                texts: raw.translations,
            },
            regime: raw.regime,
            storage_country,
            data_protection: raw.data_protection,
        },
        recipients,
        lifecycle,
        ignored_status: raw.status,
    })
}

impl Config {
    /// `ocs serve` off loopback needs `server.public_url`: without it the Origin check can
    /// only compare with the request's own `Host`, which a DNS-rebinding page controls
    /// (issue 19, finding 14). A loopback listener (behind a local proxy, or a test) may go
    /// without; the check then accepts only IP-literal and `localhost` hosts.
    pub fn require_public_url(&self) -> anyhow::Result<()> {
        if self.public_url.is_none() && !self.listen.ip().is_loopback() {
            bail!(
                "server.public_url is required when listening on {} (not loopback): set it to \
                 the address signers use, e.g. public_url = \"https://sign.example.eu\"",
                self.listen
            );
        }
        Ok(())
    }

    /// A readable summary with secrets masked (file paths only, never contents).
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "listen            {}", self.listen);
        out.push_str(&tls::describe(self.tls.as_ref()));
        out.push_str(&backup::describe(self.backup.as_ref()));
        let _ = writeln!(out, "database          {:?}", self.database);
        let _ = writeln!(
            out,
            "writer            queue {}, batch {}{}",
            self.queue_capacity,
            self.max_batch,
            match self.database {
                DatabaseUrl::Postgres(_) => format!(", {} connections", self.pool_size),
                DatabaseUrl::Sqlite(_) => String::new(),
            }
        );
        let _ = writeln!(
            out,
            "admission         wait at most {} ms, at most {} signing requests in flight",
            self.admission_target.as_millis(),
            self.max_in_flight
        );
        let _ = writeln!(
            out,
            "server secret     file {} (contents not shown)",
            self.server_key_file.display()
        );
        let _ = writeln!(
            out,
            "dedup secret      file {} (contents not shown)",
            self.dedup_key_file.display()
        );
        let security = &self.security;
        let _ = writeln!(
            out,
            "allowed origin    {}",
            security
                .allowed_origin
                .as_deref()
                .unwrap_or("(the request's Host; set server.public_url)")
        );
        let _ = writeln!(
            out,
            "rate limits       {}",
            if security.rate_limits.is_some() {
                "on"
            } else {
                "OFF"
            }
        );
        let _ = writeln!(
            out,
            "metrics           {}",
            security.metrics_token_file.as_ref().map_or_else(
                || "loopback only".to_owned(),
                |f| format!(
                    "loopback, or bearer token file {} (contents not shown)",
                    f.display()
                )
            )
        );
        let _ = writeln!(out, "time zone         {}", self.time_zone_name);
        let _ = writeln!(
            out,
            "proof of work     max number {}",
            self.altcha_max_number
        );
        for entry in &self.initiatives {
            let i = &entry.initiative;
            let _ = writeln!(
                out,
                "initiative {} [{}] {} regime {:?}, {} recipient key(s), period {} .. {}",
                i.id,
                i.slug,
                i.registration_number,
                i.regime,
                entry.recipients.len(),
                i.period.start(),
                i.period.end()
            );
        }
        if let Some(mail) = &self.mail {
            out.push_str(&mail.describe());
        }
        for provider in &self.eid {
            let _ = writeln!(out, "{}", provider.describe());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(extra: &str) -> String {
        format!(
            r#"
[database]
url = "sqlite://data/ocs.db"
[secrets]
server_key_file = "secrets/server.key"
dedup_key_file = "secrets/dedup.key"
{extra}
"#
        )
    }

    fn parse(text: &str) -> anyhow::Result<Config> {
        let raw: RawConfig = toml::from_str(text)?;
        check(raw, Path::new("/srv/ocs"))
    }

    #[test]
    fn minimal_file_gets_defaults_and_relative_paths() {
        let config = parse(&raw("")).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(
            config.server_key_file,
            PathBuf::from("/srv/ocs/secrets/server.key")
        );
        assert!(
            matches!(config.database, DatabaseUrl::Sqlite(ref p) if p == Path::new("/srv/ocs/data/ocs.db"))
        );
        assert_eq!(config.time_zone_name, "Europe/Brussels");
    }

    #[test]
    fn postgres_urls_are_accepted_and_their_password_never_shown() {
        let url =
            "postgres://ocs:s3cret-pw@db.internal:5432/ocs?password=s3cret-pw&sslmode=require";
        let config = parse(&raw("").replace("sqlite://data/ocs.db", url)).unwrap();
        let shown = format!("{:?}", config.database);
        assert_eq!(shown, "postgres://ocs:***@db.internal:5432/ocs");
        assert!(!config.describe().contains("s3cret"));
        assert!(matches!(config.database, DatabaseUrl::Postgres(ref u) if u == url));
        assert_eq!(
            redact_password("postgresql://ocs@127.0.0.1/ocs"),
            "postgresql://ocs@127.0.0.1/ocs"
        );
        assert_eq!(redact_password("nonsense"), "postgres://***");
        let error = parse(&raw("").replace("sqlite://data/ocs.db", "mysql://x")).unwrap_err();
        assert!(error.to_string().contains("postgres://"), "{error}");
    }

    /// Issue 19, finding 14: `ocs serve` on a public address without `server.public_url`
    /// could only compare the Origin with a Host an attacker's DNS controls.
    #[test]
    fn serve_off_loopback_requires_the_public_url() {
        let public = parse(&raw("[server]\nlisten = \"0.0.0.0:8080\"")).unwrap();
        let error = public.require_public_url().unwrap_err();
        assert!(error.to_string().contains("server.public_url"), "{error}");
        let named = parse(&raw(
            "[server]\nlisten = \"0.0.0.0:8080\"\npublic_url = \"https://sign.example.eu\"",
        ))
        .unwrap();
        assert!(named.require_public_url().is_ok());
        let local = parse(&raw("")).unwrap();
        assert!(local.require_public_url().is_ok());
    }

    #[test]
    fn trusted_proxies_are_address_blocks() {
        let config = parse(&raw(
            "[server]\ntrusted_proxies = [\"10.0.0.0/8\", \"::1\"]",
        ))
        .unwrap();
        assert_eq!(config.trusted_proxies.len(), 2);
        let error = parse(&raw("[server]\ntrusted_proxies = [\"10.0.0.0/40\"]")).unwrap_err();
        assert!(
            format!("{error:#}").contains("server.trusted_proxies"),
            "{error:#}"
        );
    }

    #[test]
    fn typos_and_bad_values_are_refused_with_the_key_named() {
        let typo = toml::from_str::<RawConfig>(&raw("[server]\nlisten_addr = \"x\"")).unwrap_err();
        assert!(typo.to_string().contains("listen_addr"), "{typo}");
        let error = parse(&raw("[server]\nlisten = \"nope\"")).unwrap_err();
        assert!(error.to_string().contains("server.listen"), "{error}");
        let error = parse(&raw("[countries.min_age]\nBE = 15")).unwrap_err();
        assert!(error.to_string().contains("16, 17 or 18"), "{error}");
        let error = parse(&raw("[signing]\ntime_zone = \"Mars/Olympus\"")).unwrap_err();
        assert!(error.to_string().contains("time_zone"), "{error}");
    }

    #[test]
    fn eid_providers_are_checked() {
        let provider = |extra: &str| {
            format!(
                "[server]\npublic_url = \"https://sign.example.eu\"\n{}\n[[eid]]\nid = \"de-eid\"\nlabel = \"Test\"\nprotocol = \"oidc\"\nissuer = \"https://id.example.de\"\nclient_id = \"ocs\"\nclient_secret_file = \"secrets/eid.secret\"\nnationalities = [\"DE\"]\n{extra}",
                raw("").replace("[server]\n", "")
            )
        };
        let config = parse(&provider("")).unwrap();
        assert_eq!(config.eid.len(), 1);
        assert!(config.describe().contains("https://id.example.de"));
        let error = |extra: &str| format!("{:#}", parse(&provider(extra)).unwrap_err());
        assert!(error("minimum_loa = \"medium\"").contains("minimum_loa"));
        assert!(error("loa_map = { x = \"top\" }").contains("loa_map"));
        let other = provider("").replace("\"oidc\"", "\"ws-fed\"");
        assert!(format!("{:#}", parse(&other).unwrap_err()).contains("not supported"));
        let saml_with_oidc_fields = provider("").replace("\"oidc\"", "\"saml\"");
        assert!(
            format!("{:#}", parse(&saml_with_oidc_fields).unwrap_err())
                .contains("are for protocol = \"oidc\"")
        );
        let http = provider("").replace("https://id.example.de", "http://id.example.de");
        assert!(format!("{:#}", parse(&http).unwrap_err()).contains("must be https"));
        let foreign = provider("").replace("[\"DE\"]", "[\"US\"]");
        assert!(format!("{:#}", parse(&foreign).unwrap_err()).contains("member state"));
    }

    #[test]
    fn saml_providers_are_checked() {
        let certificate = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../ocs-eid/fixtures/saml-idp.pem"
        );
        let provider = |extra: &str| {
            format!(
                "[server]\npublic_url = \"https://sign.example.eu\"\n{}\n[[eid]]\nid = \"be-eidas\"\nlabel = \"eIDAS\"\nprotocol = \"saml\"\nsso_url = \"https://eidas.example.be/SpecificConnector/ServiceProvider\"\nidp_entity_id = \"https://eidas.example.be/metadata\"\nidp_certificate_file = \"{certificate}\"\nnationalities = [\"BE\"]\n{extra}",
                raw("").replace("[server]\n", "")
            )
        };
        let config = parse(&provider("")).unwrap();
        let described = config.describe();
        assert!(
            described.contains("saml https://eidas.example.be/"),
            "{described}"
        );
        assert!(
            described.contains("https://sign.example.eu/eid/saml/metadata/be-eidas"),
            "{described}"
        );
        let ocs_eid::Protocol::Saml(settings) = &config.eid[0].load().unwrap().protocol else {
            panic!("not SAML");
        };
        assert_eq!(settings.acs_url, "https://sign.example.eu/eid/saml/acs");
        assert_eq!(
            settings.requested_loa,
            ocs_eid::LevelOfAssurance::Substantial
        );
        let error = |extra: &str| format!("{:#}", parse(&provider(extra)).unwrap_err());
        assert!(error("requested_loa = \"top\"").contains("requested_loa"));
        // No level for an absent or unmapped value unless one is set (issue 19 B).
        assert_eq!(config.eid[0].load().unwrap().default_loa, None);
        let explicit = parse(&provider("default_loa = \"substantial\"")).unwrap();
        assert_eq!(
            explicit.eid[0].load().unwrap().default_loa,
            Some(ocs_eid::LevelOfAssurance::Substantial)
        );
        assert!(error("default_loa = \"top\"").contains("default_loa"));
        assert!(error("sp_type = \"other\"").contains("sp_type"));
        assert!(error("client_id = \"x\"").contains("are for protocol = \"oidc\""));
        assert!(error("acs_url = \"https://sign.example.eu/acs\"").contains("/eid/saml/acs"));
        let missing = provider("").replace(certificate, "/nonexistent/idp.pem");
        assert!(format!("{:#}", parse(&missing).unwrap_err()).contains("idp_certificate_file"));
        let not_a_cert = provider("").replace(
            certificate,
            concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"),
        );
        assert!(format!("{:#}", parse(&not_a_cert).unwrap_err()).contains("CERTIFICATE"));
        let http = provider("").replace(
            "https://eidas.example.be/Specific",
            "http://eidas.example.be/Specific",
        );
        assert!(format!("{:#}", parse(&http).unwrap_err()).contains("must be https"));
        let no_sso = provider("").replace("sso_url", "# sso_url");
        assert!(format!("{:#}", parse(&no_sso).unwrap_err()).contains("needs sso_url"));
    }

    #[cfg(unix)]
    #[test]
    fn a_saml_signing_key_is_read_from_a_private_file() {
        use std::os::unix::fs::PermissionsExt as _;
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../ocs-eid/fixtures");
        let directory = std::env::temp_dir().join(format!("ocs-samlsig-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let key = directory.join("sp.key");
        std::fs::copy(format!("{fixtures}/saml-sp.key"), &key).unwrap();
        let text = |extra: &str| {
            format!(
                "[server]\npublic_url = \"https://sign.example.eu\"\n{}\n[[eid]]\nid = \"be-eidas\"\nlabel = \"eIDAS\"\nprotocol = \"saml\"\nsso_url = \"https://eidas.example.be/sso\"\nidp_entity_id = \"https://eidas.example.be/metadata\"\nidp_certificate_file = \"{fixtures}/saml-idp.pem\"\nnationalities = [\"BE\"]\n{extra}",
                raw("").replace("[server]\n", "")
            )
        };
        let both = format!(
            "sp_signing_key_file = \"{}\"\nsp_certificate_file = \"{fixtures}/saml-sp.pem\"",
            key.display()
        );
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        let config = parse(&text(&both)).unwrap();
        let ocs_eid::Protocol::Saml(settings) = &config.eid[0].load().unwrap().protocol else {
            panic!("not SAML");
        };
        assert!(settings.signing.is_some());
        assert!(ocs_eid::saml::sp_metadata(settings).contains("AuthnRequestsSigned=\"true\""));
        // Readable by others: refused at start-up.
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        let error = format!("{:#}", config.eid[0].load().unwrap_err());
        assert!(error.contains("chmod 600"), "{error}");
        // A key that is not the certificate's.
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        let other = both.replace("saml-sp.pem", "saml-idp.pem");
        let error = format!(
            "{:#}",
            parse(&text(&other)).unwrap().eid[0].load().unwrap_err()
        );
        assert!(error.contains("not for this key"), "{error}");
        // One without the other.
        let error = format!(
            "{:#}",
            parse(&text(both.lines().next().unwrap())).unwrap_err()
        );
        assert!(error.contains("both sp_signing_key_file"), "{error}");
        std::fs::remove_dir_all(&directory).unwrap();
    }

    #[test]
    fn initiative_period_over_twelve_months_is_refused() {
        let key = ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy)
            .1
            .to_text();
        let initiative = format!(
            r#"
[[initiatives]]
id = 1
slug = "x"
registration_number = "ECI(2026)000001"
registration_date = "2026-01-10"
title = "T"
subject = "S"
objectives = "O"
register_url = "https://register.example/x"
privacy_notice = "P"
collection_start = "2026-02-01"
collection_end = "2027-02-01"
status = "collecting"
recipient_keys = ["{key}"]
regime = "national"
storage_country = "BE"
"#
        );
        let error = parse(&raw(&initiative)).unwrap_err();
        assert!(error.to_string().contains("12 months"), "{error}");
        let ok = initiative.replace("2027-02-01", "2027-01-31");
        let config = parse(&raw(&ok)).unwrap();
        assert_eq!(config.initiatives.len(), 1);
    }

    /// An initiative of the configuration file with `extra` lines appended.
    fn initiative_with(registration_date: &str, extra: &str) -> String {
        let key = ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy)
            .1
            .to_text();
        format!(
            r#"
[[initiatives]]
id = 1
slug = "x"
registration_number = "ECI(2022)000001"
registration_date = "{registration_date}"
title = "T"
subject = "S"
objectives = "O"
register_url = "https://register.example/x"
privacy_notice = "P"
collection_start = "{registration_date}"
collection_end = "{registration_date}"
status = "collecting"
recipient_keys = ["{key}"]
{extra}
"#
        )
    }

    #[test]
    fn regime_eci_after_2022_is_refused_by_the_configuration() {
        let late = initiative_with("2023-01-01", "regime = \"eci\"\nstorage_country = \"BE\"");
        let error = format!("{:#}", parse(&raw(&late)).unwrap_err());
        assert!(error.contains("INI-014"), "{error}");
        assert!(error.contains("2022-12-31"), "{error}");
        let early = initiative_with("2022-12-31", "regime = \"eci\"\nstorage_country = \"BE\"");
        let config = parse(&raw(&early)).unwrap();
        assert_eq!(
            config.initiatives[0].initiative.regime,
            ocs_domain::Regime::Eci
        );
        let national = initiative_with(
            "2026-01-10",
            "regime = \"national\"\nstorage_country = \"BE\"",
        );
        assert!(parse(&raw(&national)).is_ok());
        let missing = initiative_with("2026-01-10", "storage_country = \"BE\"");
        let error = format!("{:#}", parse(&raw(&missing)).unwrap_err());
        assert!(error.contains("regime"), "{error}");
    }

    #[test]
    fn storage_country_is_required_by_the_configuration() {
        let missing = initiative_with("2026-01-10", "regime = \"national\"");
        let error = format!("{:#}", parse(&raw(&missing)).unwrap_err());
        assert!(error.contains("storage_country"), "{error}");
        let wrong = initiative_with(
            "2026-01-10",
            "regime = \"national\"\nstorage_country = \"CH\"",
        );
        let error = format!("{:#}", parse(&raw(&wrong)).unwrap_err());
        assert!(error.contains("INI-015"), "{error}");
        let good = initiative_with(
            "2026-01-10",
            "regime = \"national\"\nstorage_country = \"de\"",
        );
        let config = parse(&raw(&good)).unwrap();
        assert_eq!(
            config.initiatives[0].initiative.storage_country,
            ocs_domain::CountryCode::DE
        );
    }

    /// Cases per property: 64 in CI, more with `PROPTEST_CASES` (`scripts/fuzz`).
    fn fuzz_config() -> proptest::test_runner::Config {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(64);
        proptest::test_runner::Config {
            cases,
            ..proptest::test_runner::Config::default()
        }
    }

    /// A value a person might write for any setting, hostile ones included.
    fn toml_value() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|n| format!("{n:?}")),
            ".{0,40}".prop_map(|s| format!("{s:?}")),
            Just("true".to_owned()),
            Just("[]".to_owned()),
            Just("\"9999-99-99\"".to_owned()),
            Just("-1".to_owned()),
            Just("0".to_owned()),
        ]
    }

    const KEYS: &[&str] = &[
        "[server]\nlisten",
        "[server]\npublic_url",
        "[server]\nbody_limit_bytes",
        "[server]\ntrusted_proxies",
        "[antibot]\nmax_number",
        "[antibot]\nchallenge_ttl_seconds",
        "[antibot]\nmin_fill_seconds",
        "[signing]\ntime_zone",
        "[signing]\nmax_in_flight",
        "[signing]\nadmission_target_ms",
        "[countries]\nformat_mismatch",
        "[http]\nheader_read_timeout_seconds",
        "[http]\nmax_header_bytes",
        "[rate_limits]\nenabled",
        "[rate_limits.signing]\naddress_burst",
        "[monitor]\nprefix_min_share",
        "[monitor]\ncountry_factor",
    ];

    proptest::proptest! {
        #![proptest_config(fuzz_config())]

        /// Arbitrary text as a configuration file: an error with a message, never a panic.
        #[test]
        fn config_loader_never_panics_on_arbitrary_text(text in ".{0,400}") {
            if let Ok(raw) = toml::from_str::<RawConfig>(&text) {
                let _ = check(raw, Path::new("/srv/ocs"));
            }
        }

        /// One setting of a valid file set to a hostile value: accepted or refused with a
        /// message naming the section, never a panic.
        #[test]
        fn config_loader_checks_every_setting(key in 0..KEYS.len(), value in toml_value()) {
            let line = format!("{} = {value}", KEYS[key]);
            let text = raw("").replace("[secrets]", &format!("{line}\n[secrets]"));
            let parsed = toml::from_str::<RawConfig>(&text);
            if let Ok(raw) = parsed
                && let Err(error) = check(raw, Path::new("/srv/ocs"))
            {
                proptest::prop_assert!(!error.to_string().is_empty());
            }
        }
    }
}
