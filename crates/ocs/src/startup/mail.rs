//! The optional e-mail updates in the running server: the mail service with its key, and
//! the outbox worker that sends what is due.

use std::sync::Arc;

use anyhow::Context as _;
use ocs_crypto::{MailKey, OsEntropy};
use ocs_service::SystemClock;
use ocs_service::audit::AuditSink;
use ocs_service::catalog::SharedCatalog;
use ocs_service::mail::{MailBackend, MailParts, MailService, SmtpTransport};

use crate::config::MailConfig;

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
        // Each initiative's mail key (`mail-N.key`), next to the mail key file; destroyed
        // with the initiative's addresses.
        key_dir: Some(initiative_key_dir(&config.key_file)),
        audit,
        settings: config.settings.clone(),
    })))
}

/// The folder of the per-initiative mail keys: `KEY_FILE.initiatives` beside the mail key.
pub fn initiative_key_dir(key_file: &std::path::Path) -> std::path::PathBuf {
    let mut name = key_file.as_os_str().to_owned();
    name.push(".initiatives");
    std::path::PathBuf::from(name)
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
