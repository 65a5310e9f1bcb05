//! Optional e-mail updates in the binary: the `[mail]` configuration, building the mail
//! service and its SMTP transport, the outbox worker loop, and `ocs mail export|send`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use jiff::SignedDuration;
use ocs_crypto::{MailKey, OsEntropy};
use ocs_domain::Slug;
use ocs_service::SystemClock;
use ocs_service::audit::AuditSink;
use ocs_service::catalog::SharedCatalog;
use ocs_service::mail::{
    MailBackend, MailParts, MailService, MailSettings, SmtpSecurity, SmtpSettings, SmtpTransport,
};
use serde::{Deserialize, Serialize};

use crate::operator::{AdminRequest, absolute, operator_label, submit};

/// `[mail]` as written in the file. Absent: no e-mail option on the signing form.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMail {
    /// The mail key (a server secret file of its own: `ocs keygen --secret FILE`).
    key_file: PathBuf,
    /// SMTP server host.
    smtp_host: String,
    /// SMTP port (587 STARTTLS, 465 TLS, 25 plain).
    #[serde(default = "default_port")]
    smtp_port: u16,
    /// `none` (loopback relays and tests only), `starttls` or `tls`.
    #[serde(default = "default_security")]
    security: SmtpSecurity,
    /// File with the SMTP user name on the first line and the password on the second
    /// (mode 0600).
    credentials_file: Option<PathBuf>,
    /// `From:`, e.g. `"Clean Air ECI <updates@example.eu>"`.
    sender: String,
    /// `Reply-To:`.
    reply_to: Option<String>,
    /// Base of the links in messages; defaults to `server.public_url`.
    public_url: Option<String>,
    #[serde(default = "default_confirm_days")]
    confirm_days: i64,
    #[serde(default = "default_attempts")]
    max_attempts: u32,
    #[serde(default = "default_retry_base")]
    retry_base_seconds: i64,
    #[serde(default = "default_retry_max")]
    retry_max_seconds: i64,
    /// How often the worker looks at the outbox.
    #[serde(default = "default_poll")]
    poll_millis: u64,
    /// SMTP timeout per message (1 to 50 seconds).
    #[serde(default = "default_timeout")]
    timeout_seconds: u64,
    /// The organisers' own consent text per initiative slug and language.
    #[serde(default)]
    consent: BTreeMap<String, BTreeMap<String, String>>,
    /// Footer of updates, with `{unsubscribe}`.
    update_footer: Option<String>,
}

fn default_port() -> u16 {
    587
}
fn default_security() -> SmtpSecurity {
    SmtpSecurity::Starttls
}
fn default_confirm_days() -> i64 {
    7
}
fn default_attempts() -> u32 {
    10
}
fn default_retry_base() -> i64 {
    30
}
fn default_retry_max() -> i64 {
    3600
}
fn default_poll() -> u64 {
    5000
}
fn default_timeout() -> u64 {
    30
}

/// `[mail]`, checked.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// The mail key file.
    pub key_file: PathBuf,
    /// SMTP server and sender.
    pub smtp: SmtpSettings,
    /// Service settings.
    pub settings: MailSettings,
    /// Worker poll interval.
    pub poll: Duration,
}

impl MailConfig {
    /// One line per setting, secrets masked, for `ocs check-config`.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "mail.key_file = {}", self.key_file.display());
        let _ = writeln!(
            out,
            "mail.smtp = {}:{} ({:?}){}",
            self.smtp.host,
            self.smtp.port,
            self.smtp.security,
            if self.smtp.credentials.is_some() {
                ", with credentials"
            } else {
                ""
            }
        );
        let _ = writeln!(out, "mail.sender = {}", self.smtp.sender);
        let _ = writeln!(out, "mail.public_url = {}", self.settings.public_url);
        out
    }
}

/// Checks `[mail]`; `base` resolves relative paths.
pub fn check(
    raw: Option<RawMail>,
    base: &Path,
    server_public_url: Option<&str>,
) -> anyhow::Result<Option<MailConfig>> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let relative = |path: &Path| crate::config::credentials::resolve(base, path);
    let public_url = raw
        .public_url
        .as_deref()
        .or(server_public_url)
        .context("mail: set mail.public_url or server.public_url (the links in messages)")?
        .trim_end_matches('/')
        .to_owned();
    if !(public_url.starts_with("https://") || public_url.starts_with("http://")) {
        bail!("mail.public_url {public_url:?} must start with https:// (or http:// for tests)");
    }
    if raw.smtp_host.trim().is_empty() {
        bail!("mail.smtp_host is empty");
    }
    let credentials = raw
        .credentials_file
        .as_deref()
        .map(|file| read_credentials(&relative(file)))
        .transpose()?;
    if !(1..=365).contains(&raw.confirm_days) {
        bail!("mail.confirm_days must be between 1 and 365");
    }
    if raw.max_attempts == 0 || raw.retry_base_seconds < 0 || raw.retry_max_seconds < 1 {
        bail!("mail.max_attempts must be at least 1 and the retry times positive");
    }
    for slug in raw.consent.keys() {
        Slug::parse(slug).with_context(|| format!("mail.consent.{slug}: not a slug"))?;
    }
    let mut settings = MailSettings {
        public_url,
        confirm_days: raw.confirm_days,
        max_attempts: raw.max_attempts,
        retry_base: SignedDuration::from_secs(raw.retry_base_seconds),
        retry_max: SignedDuration::from_secs(raw.retry_max_seconds),
        consent_texts: raw.consent,
        ..MailSettings::default()
    };
    if let Some(footer) = raw.update_footer {
        if !footer.contains(ocs_service::mail::UNSUBSCRIBE_PLACEHOLDER) {
            bail!("mail.update_footer must contain {{unsubscribe}}");
        }
        settings.update_footer = footer;
    }
    let smtp = SmtpSettings {
        host: raw.smtp_host,
        port: raw.smtp_port,
        security: raw.security,
        credentials,
        sender: raw.sender,
        reply_to: raw.reply_to,
        // At most 50 s: a worker round stops starting messages after 60 s of its 120 s lease.
        timeout: Duration::from_secs(raw.timeout_seconds.clamp(1, 50)),
    };
    // Parse the addresses now, so a typo stops the start.
    SmtpTransport::new(&smtp).context("mail")?;
    Ok(Some(MailConfig {
        key_file: relative(&raw.key_file),
        smtp,
        settings,
        poll: Duration::from_millis(raw.poll_millis.max(50)),
    }))
}

/// Reads `user\npassword` from a file only its owner can read.
fn read_credentials(path: &Path) -> anyhow::Result<(String, String)> {
    use std::os::unix::fs::PermissionsExt as _;
    let metadata = std::fs::metadata(path)
        .with_context(|| format!("mail.credentials_file {}", path.display()))?;
    if metadata.permissions().mode() & 0o077 != 0 {
        bail!(
            "mail.credentials_file {} can be read by other users; run chmod 600 on it",
            path.display()
        );
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("mail.credentials_file {}", path.display()))?;
    let mut lines = text.lines();
    match (lines.next(), lines.next()) {
        (Some(user), Some(password)) if !user.trim().is_empty() && !password.is_empty() => {
            Ok((user.trim().to_owned(), password.to_owned()))
        }
        _ => bail!(
            "mail.credentials_file {}: expected the user name on line 1 and the password on \
             line 2",
            path.display()
        ),
    }
}

/// The mail service over `store`, with the key from the configured file.
pub fn service(
    config: &MailConfig,
    store: Arc<dyn MailBackend>,
    catalog: Arc<SharedCatalog>,
    audit: Arc<dyn AuditSink>,
) -> anyhow::Result<Arc<MailService>> {
    let key = MailKey::load(&config.key_file)
        .with_context(|| format!("mail.key_file {}", config.key_file.display()))?;
    Ok(Arc::new(MailService::new(MailParts {
        catalog,
        store: store.into(),
        clock: Arc::new(SystemClock),
        entropy: Arc::new(OsEntropy),
        key,
        audit,
        settings: config.settings.clone(),
    })))
}

/// The outbox worker: every `poll`, sends what is due (under the lease, so one node sends).
pub fn spawn_worker(
    mail: Arc<MailService>,
    config: &MailConfig,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let transport = SmtpTransport::new(&config.smtp).context("mail")?;
    let poll = config.poll;
    Ok(tokio::spawn(async move {
        let mut tick = tokio::time::interval(poll);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match mail.deliver_due(&transport).await {
                Ok(Some(round)) if round.sent + round.retried + round.failed > 0 => {
                    tracing::info!(
                        sent = round.sent,
                        retried = round.retried,
                        failed = round.failed,
                        "mail outbox round"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "mail outbox round failed"),
            }
        }
    }))
}

/// `ocs mail export`: the confirmed addresses of an initiative as CSV (`email,confirmed_on`),
/// written by the operator dispatcher (here or in the running server).
pub fn export(config_path: &Path, slug: &str, out: &Path) -> anyhow::Result<()> {
    let config = crate::config::load(config_path)?;
    let request = AdminRequest::MailExport {
        initiative: slug.to_owned(),
        out: absolute(out)?,
    };
    submit(&config, &operator_label(None), request)
}

/// `ocs mail send`: queues an update to every confirmed subscriber.
pub fn send(config_path: &Path, slug: &str, subject: &str, body_file: &Path) -> anyhow::Result<()> {
    let config = crate::config::load(config_path)?;
    let body = std::fs::read_to_string(body_file)
        .with_context(|| format!("--body-file {}", body_file.display()))?;
    if let Err(problem) = ocs_service::mail::check_update(subject, &body) {
        bail!(
            "{}: --subject must be one non-empty line of at most {} characters and \
             --body-file a non-empty text of at most {} bytes ({problem:?})",
            problem.code(),
            ocs_service::mail::MAX_SUBJECT_CHARS,
            ocs_service::mail::MAX_BODY_BYTES
        );
    }
    let request = AdminRequest::MailSend {
        initiative: slug.to_owned(),
        subject: subject.to_owned(),
        body,
    };
    submit(&config, &operator_label(None), request)
}

/// Creates `path` (refused if it exists) with mode 0600 and writes `bytes`.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {} (it must not exist)", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}
