//! Optional e-mail updates (docs/MAIL.md): the subscription a signer may add after signing,
//! the double opt-in, unsubscribe, the outbox worker, and the organisers' export and send.
//!
//! **Apart from the statements.** Nothing here knows a statement: the signing path hands over
//! only the initiative and the address, after the statement is recorded, and does not wait.
//! [`MailService::queue_subscription`] never fails the signature: it spawns the store write
//! under a bounded number of permits and drops (and counts) a subscription when they are all
//! in use. The stored rows carry no statement id and no time finer than a day.
//!
//! **Delivery.** Messages go through the outbox table; [`MailService::deliver_due`] sends the
//! due ones under a job lease (one node sends), deletes each delivered one, and reschedules a
//! failed one with exponential backoff until `max_attempts`.

mod organisers;
mod outbox;
pub mod smtp;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::{SignedDuration, Timestamp};
use ocs_crypto::{
    Entropy, MailKey, MailKeyring, confirm_token_hash, new_confirm_token, random_bytes,
};
use ocs_domain::{EmailAddress, InitiativeId, Slug};
use ocs_storage::{Added, Day, MailStore, NewMessage, NewSubscriber, StorageError, Store};
use serde::{Deserialize, Serialize};

use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, AuditSink};
use crate::catalog::SharedCatalog;
use crate::clock::Clock;
use crate::storage::narrow_storage;

pub use organisers::{
    ExportedAddress, MAX_BODY_BYTES, MAX_SUBJECT_CHARS, UpdateProblem, addresses_csv, check_update,
};
pub use outbox::Delivery;
pub use smtp::{MailTransport, OutgoingMail, SendError, SmtpSecurity, SmtpSettings, SmtpTransport};

/// Associated data of a sealed address.
const ADDRESS_CONTEXT: &[u8] = b"openocs mail address";
/// Associated data of a sealed message.
const MESSAGE_CONTEXT: &[u8] = b"openocs mail message";
/// Placeholder for the confirmation link in a confirmation text.
pub const CONFIRM_PLACEHOLDER: &str = "{confirm}";
/// Placeholder for the unsubscribe link in any text.
pub const UNSUBSCRIBE_PLACEHOLDER: &str = "{unsubscribe}";

/// Everything the e-mail updates need that the operator sets.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The public address of the site, without a trailing slash: links in messages start
    /// with it.
    pub public_url: String,
    /// Days a confirmation link stays valid (counted in whole days).
    pub confirm_days: i64,
    /// Delivery attempts before a message is given up.
    pub max_attempts: u32,
    /// Wait after the first failed attempt; doubled after each further one.
    pub retry_base: SignedDuration,
    /// Longest wait between attempts.
    pub retry_max: SignedDuration,
    /// Subscriptions being written at once; one more is dropped (and counted).
    pub intake_capacity: usize,
    /// Messages sent per worker round.
    pub batch: u32,
    /// Per initiative (slug) and language: the organisers' own consent text for the box.
    pub consent_texts: BTreeMap<String, BTreeMap<String, String>>,
    /// Footer added to every update, with [`UNSUBSCRIBE_PLACEHOLDER`].
    pub update_footer: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            public_url: "http://localhost:8080".to_owned(),
            confirm_days: 7,
            max_attempts: 10,
            retry_base: SignedDuration::from_secs(30),
            retry_max: SignedDuration::from_hours(1),
            intake_capacity: 1024,
            batch: 50,
            consent_texts: BTreeMap::new(),
            update_footer: "--\nYou receive this because you asked for updates about this \
                            European Citizens' Initiative.\nUnsubscribe: {unsubscribe}\n"
                .to_owned(),
        }
    }
}

/// A localised confirmation message; `body` holds [`CONFIRM_PLACEHOLDER`] and may hold
/// [`UNSUBSCRIBE_PLACEHOLDER`].
#[derive(Debug, Clone)]
pub struct ConfirmationText {
    /// Subject line.
    pub subject: String,
    /// Body with the placeholders.
    pub body: String,
}

/// What is sealed into an outbox row.
#[derive(Serialize, Deserialize)]
struct SealedMail {
    to: String,
    subject: String,
    body: String,
    unsubscribe: String,
}

/// Why a mail use case failed.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// No initiative has that slug.
    #[error("no such initiative")]
    InitiativeNotFound,
    /// The store failed.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
    /// The audit trail refused the event, so the action did not happen.
    #[error("{0}")]
    Audit(#[from] crate::audit::AuditError),
    /// Sealing or opening failed (a wrong mail key, or the random source).
    #[error("mail key: {0}")]
    Key(String),
    /// The organisers' update is not sendable; nothing was queued.
    #[error("the update is not sendable: {0:?}")]
    BadUpdate(UpdateProblem),
}

/// Outcome counters of the e-mail updates (no addresses, no per-person data).
#[derive(Debug, Default)]
pub struct MailMetrics {
    /// Subscriptions stored (pending confirmation).
    pub subscribed: AtomicU64,
    /// Subscriptions dropped because the intake was full or the store failed.
    pub dropped: AtomicU64,
    /// Addresses confirmed.
    pub confirmed: AtomicU64,
    /// Addresses removed by their owner.
    pub unsubscribed: AtomicU64,
    /// Messages delivered to the SMTP server.
    pub sent: AtomicU64,
    /// Failed attempts that will be retried.
    pub retried: AtomicU64,
    /// Messages given up.
    pub failed: AtomicU64,
}

/// Everything `MailService::new` needs.
pub struct MailParts {
    /// The hosted initiatives.
    pub catalog: Arc<SharedCatalog>,
    /// The store (mail tables and job leases).
    pub store: MailStorage,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Randomness.
    pub entropy: Arc<dyn Entropy>,
    /// The mail key.
    pub key: MailKey,
    /// The folder of the per-initiative mail keys (`mail-N.key`, see
    /// [`ocs_crypto::mail_keys`]); `None` keeps them in memory only (tests).
    pub key_dir: Option<std::path::PathBuf>,
    /// Where organiser actions are recorded.
    pub audit: Arc<dyn AuditSink>,
    /// Settings.
    pub settings: MailSettings,
}

/// A backend with every storage trait, the mail tables included: what the application hands
/// the mail service (which keeps only [`MailStorage`] of it) and the test kit.
pub trait MailBackend: MailStore + Store {}

impl<T: MailStore + Store> MailBackend for T {}

narrow_storage! {
    /// What the mail service may touch in storage.
    pub struct MailStorage from MailBackend {
        /// Subscribers and the outbox.
        mail: MailStore,
        /// The lease under which one node sends the outbox.
        leases: Coordination,
    }
}

/// The e-mail updates.
pub struct MailService {
    catalog: Arc<SharedCatalog>,
    store: MailStorage,
    clock: Arc<dyn Clock>,
    entropy: Arc<dyn Entropy>,
    key: MailKey,
    /// Each initiative's own key for addresses and messages (the mail key for old values).
    ring: MailKeyring,
    audit: Arc<dyn AuditSink>,
    settings: MailSettings,
    intake: Arc<tokio::sync::Semaphore>,
    metrics: Arc<MailMetrics>,
    node: String,
}

fn day_of(now: Timestamp) -> Day {
    now.as_second().div_euclid(86_400)
}

fn date_of(day: Day) -> jiff::civil::Date {
    Timestamp::from_second(day.saturating_mul(86_400)).map_or(jiff::civil::Date::ZERO, |t| {
        t.to_zoned(jiff::tz::TimeZone::UTC).date()
    })
}

impl MailService {
    /// Assembles the service.
    pub fn new(parts: MailParts) -> Self {
        let node: [u8; 8] = random_bytes(parts.entropy.as_ref());
        Self {
            node: hex::encode(node),
            intake: Arc::new(tokio::sync::Semaphore::new(
                parts.settings.intake_capacity.max(1),
            )),
            metrics: Arc::new(MailMetrics::default()),
            catalog: parts.catalog,
            store: parts.store,
            clock: parts.clock,
            entropy: parts.entropy,
            ring: MailKeyring::new(parts.key.clone(), parts.key_dir),
            key: parts.key,
            audit: parts.audit,
            settings: parts.settings,
        }
    }

    /// Outcome counters.
    pub fn metrics(&self) -> &MailMetrics {
        &self.metrics
    }

    /// The organisers' own consent text for `slug` in `lang`, if they wrote one.
    pub fn consent_text(&self, slug: &Slug, lang: &str) -> Option<&str> {
        let texts = self.settings.consent_texts.get(slug.as_str())?;
        texts
            .get(lang)
            .or_else(|| texts.get("en"))
            .map(String::as_str)
    }

    fn link(&self, kind: &str, token: &str) -> String {
        format!("{}/mail/{kind}/{token}", self.settings.public_url)
    }

    fn seal_mail(&self, initiative: InitiativeId, mail: &SealedMail) -> Result<Vec<u8>, MailError> {
        let json = zeroize::Zeroizing::new(
            serde_json::to_vec(mail).map_err(|e| MailError::Key(e.to_string()))?,
        );
        self.ring
            .seal(initiative, MESSAGE_CONTEXT, &json, self.entropy.as_ref())
            .map_err(|e| MailError::Key(e.to_string()))
    }

    /// After a recorded signature: queues the subscription of `address` to updates about
    /// `slug` and returns at once. Never fails and never waits for the store or SMTP; a
    /// subscription that cannot be taken now is dropped and counted in `dropped`.
    pub fn queue_subscription(
        self: &Arc<Self>,
        slug: &Slug,
        address: EmailAddress,
        text: ConfirmationText,
    ) {
        let Some(entry) = self.catalog.by_slug(slug) else {
            return;
        };
        let initiative = entry.initiative.id;
        let Ok(permit) = Arc::clone(&self.intake).try_acquire_owned() else {
            self.metrics.dropped.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(%initiative, "mail intake full: a subscription was dropped");
            return;
        };
        let service = Arc::clone(self);
        tokio::spawn(async move {
            let _permit = permit;
            match service.subscribe(initiative, &address, &text).await {
                Ok(_) => {
                    service.metrics.subscribed.fetch_add(1, Ordering::Relaxed);
                }
                Err(error) => {
                    service.metrics.dropped.fetch_add(1, Ordering::Relaxed);
                    tracing::warn!(%initiative, %error, "storing a subscription failed");
                }
            }
        });
    }

    /// Stores a pending subscription and its confirmation message (one transaction).
    pub async fn subscribe(
        &self,
        initiative: InitiativeId,
        address: &EmailAddress,
        text: &ConfirmationText,
    ) -> Result<Added, MailError> {
        let today = day_of(self.clock.now());
        let address_hash = self.key.address_hash(initiative, &address.normalized());
        let sealed_address = self
            .ring
            .seal(
                initiative,
                ADDRESS_CONTEXT,
                address.as_str().as_bytes(),
                self.entropy.as_ref(),
            )
            .map_err(|e| MailError::Key(e.to_string()))?;
        let (token, confirm_hash) = new_confirm_token(self.entropy.as_ref());
        let unsubscribe = self.link(
            "unsubscribe",
            &self.key.unsubscribe_token(initiative, &address_hash),
        );
        let body = text
            .body
            .replace(CONFIRM_PLACEHOLDER, &self.link("confirm", &token))
            .replace(UNSUBSCRIBE_PLACEHOLDER, &unsubscribe);
        let sealed_message = self.seal_mail(
            initiative,
            &SealedMail {
                to: address.as_str().to_owned(),
                subject: text.subject.clone(),
                body,
                unsubscribe,
            },
        )?;
        let subscriber = NewSubscriber {
            initiative,
            address_hash,
            sealed_address,
            confirm_hash,
            confirm_by: today.saturating_add(self.settings.confirm_days),
            created: today,
        };
        let message = NewMessage {
            id: random_bytes(self.entropy.as_ref()),
            initiative,
            address_hash,
            sealed_message,
        };
        Ok(self.store.mail.add_subscriber(subscriber, message).await?)
    }

    /// The double opt-in: confirms the address whose link carried `token`. Returns the
    /// initiative, or `None` for an unknown, used or expired link.
    pub async fn confirm(&self, token: &str) -> Result<Option<InitiativeId>, MailError> {
        if token.len() > 128 {
            return Ok(None);
        }
        let today = day_of(self.clock.now());
        let confirmed = self
            .store
            .mail
            .confirm_subscriber(confirm_token_hash(token), today)
            .await?;
        if confirmed.is_some() {
            self.metrics.confirmed.fetch_add(1, Ordering::Relaxed);
        }
        Ok(confirmed)
    }

    /// Deletes the address an unsubscribe link names. Returns the initiative when the link
    /// is valid (whether or not the address was still there: unsubscribing twice is fine).
    pub async fn unsubscribe(&self, token: &str) -> Result<Option<InitiativeId>, MailError> {
        let Some((initiative, address_hash)) = self.key.verify_unsubscribe(token) else {
            return Ok(None);
        };
        if self
            .store
            .mail
            .remove_subscriber(initiative, address_hash)
            .await?
        {
            self.metrics.unsubscribed.fetch_add(1, Ordering::Relaxed);
        }
        Ok(Some(initiative))
    }

    fn initiative(&self, slug: &Slug) -> Result<InitiativeId, MailError> {
        self.catalog
            .by_slug(slug)
            .map(|entry| entry.initiative.id)
            .ok_or(MailError::InitiativeNotFound)
    }

    /// The retention deadline of an initiative: deletes every address and queued message.
    /// Called by the destruction job; audited as the system with the count.
    pub async fn purge_initiative_mail(&self, initiative: InitiativeId) -> Result<u64, MailError> {
        let removed = self.store.mail.purge_mail(initiative).await?;
        // With the rows gone, the key that opened them: copies of the rows elsewhere (WAL,
        // backups) no longer open.
        let key = self
            .ring
            .destroy(initiative)
            .map_err(|e| MailError::Key(e.to_string()))?;
        let event = AuditEvent::new(
            Actor::System,
            AuditAction::MAIL_PURGED,
            Some(initiative),
            format!(
                "{removed} addresses; initiative mail key {}",
                if key { "destroyed" } else { "absent" }
            ),
        );
        self.audit.record(event, self.clock.now()).await?;
        Ok(removed)
    }
}

#[cfg(test)]
mod tests;
