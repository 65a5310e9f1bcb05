//! [`PostgresStore`]: the [`StatementStore`] and [`Coordination`] on PostgreSQL, with its
//! options, its connect and close.

use std::fmt;
use std::hash::BuildHasher;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use ocs_domain::access::{AccountId, AccountName};
use ocs_domain::{CountSnapshot, InitiativeId, StatementId};
use ocs_storage::{
    Account, AccountChange, AccountStore, AuditEntry, AuditLog, Coordination, Destroyed,
    LifecycleChange, LifecycleRecord, LifecycleStore, NewAccount, NewAuditEntry, ReceiptRecord,
    Recorded, SealedStatement, SessionRecord, SessionStore, StatementStore, StorageError,
    StoreStats, StoredStatement, Withdrawn,
};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{Semaphore, mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::error::{PostgresError, database};
use crate::integrity::{self, IntegrityReport};
use crate::writer::{Job, WriterStats};
use crate::{accounts, console, coordination, migrate, read, selfservice, writer};

/// Counter slots per (initiative, nationality); each node writes one, chosen at random.
const SLOTS: u64 = 16;
/// How long a caller waits for a pooled connection before the call fails as unavailable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// Sizes of the writer queue, of one group commit, and of the connection pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostgresOptions {
    /// Statements that may wait for this node's writer; one more gets
    /// [`StorageError::Busy`]. At least 1.
    pub queue_capacity: usize,
    /// Most statements written in one transaction. At least 1.
    pub max_batch: usize,
    /// Connections this node opens at most: one for the writer, the rest for reads, claims
    /// and leases. At least 1; with 1 or 2 the node still opens 2.
    pub pool_size: u32,
}

impl Default for PostgresOptions {
    fn default() -> Self {
        Self {
            queue_capacity: 4096,
            max_batch: 512,
            pool_size: 8,
        }
    }
}

impl PostgresOptions {
    fn check(self) -> Result<Self, StorageError> {
        if self.queue_capacity == 0 || self.queue_capacity > Semaphore::MAX_PERMITS {
            return Err(PostgresError::InvalidOption("queue_capacity must be at least 1").into());
        }
        if self.max_batch == 0 {
            return Err(PostgresError::InvalidOption("max_batch must be at least 1").into());
        }
        if self.pool_size == 0 {
            return Err(PostgresError::InvalidOption("pool_size must be at least 1").into());
        }
        Ok(self)
    }
}

/// Sealed statements, counts, claims and leases in one PostgreSQL database that several app
/// nodes share. Each store (node) has one writer task doing group commit on a connection of
/// its own, and a connection pool for everything else.
///
/// Dropping the store closes the queue: the writer commits what is queued and stops on its
/// own (as long as the runtime runs). [`PostgresStore::close`] does the same and waits.
pub struct PostgresStore {
    pub(crate) pool: PgPool,
    queue: mpsc::Sender<Job>,
    writer: JoinHandle<()>,
    stats: Arc<WriterStats>,
    options: PostgresOptions,
    slot: i16,
    /// The mail tables, on the shared pool.
    mail: crate::mail::PostgresMail,
}

impl PostgresStore {
    /// Connects to the database at `url`, applies pending migrations, and starts the writer
    /// task. Call it inside a Tokio runtime.
    pub async fn connect(url: &str, options: PostgresOptions) -> Result<Self, StorageError> {
        let options = options.check()?;
        let connect_options: PgConnectOptions = url
            .parse()
            .map_err(database("reading the PostgreSQL URL"))?;
        // The writer gets a pool of its own (one connection, reopened by the pool after a
        // failure), so per-request reads can never keep a batch waiting for a connection.
        let writer_pool = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(connect_options.clone())
            .await
            .map_err(database("connecting to PostgreSQL"))?;
        let applied = {
            let mut connection = writer_pool
                .acquire()
                .await
                .map_err(database("connecting to PostgreSQL"))?;
            migrate::run_pending(&mut connection).await?
        };
        let pool = PgPoolOptions::new()
            .max_connections(options.pool_size.saturating_sub(1).max(1))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(connect_options)
            .await
            .map_err(database("connecting to PostgreSQL"))?;
        let slot = random_slot();
        let stats = Arc::new(WriterStats::default());
        let (queue, receiver) = mpsc::channel(options.queue_capacity);
        let writer = tokio::spawn(writer::run(
            writer_pool,
            receiver,
            Arc::clone(&stats),
            options.max_batch,
            slot,
        ));
        tracing::info!(
            ?applied,
            slot,
            queue_capacity = options.queue_capacity,
            max_batch = options.max_batch,
            pool_size = options.pool_size,
            "postgres store connected"
        );
        Ok(Self {
            mail: crate::mail::PostgresMail::new(pool.clone()),
            pool,
            queue,
            writer,
            stats,
            options,
            slot,
        })
    }

    /// Closes the queue, waits until the writer has committed (or failed) everything queued
    /// and closed its connection, then closes the pool.
    pub async fn close(self) -> Result<(), StorageError> {
        let Self {
            pool,
            queue,
            writer,
            ..
        } = self;
        drop(queue);
        let stopped = writer
            .await
            .map_err(|error| StorageError::Unavailable(format!("closing the writer: {error}")));
        pool.close().await;
        stopped
    }

    /// Compares every initiative's counter rows with its stored rows and looks for
    /// duplicated tags or statement identifiers; for crash tests and operators. It reads the
    /// whole table: do not call it per request.
    pub async fn integrity_check(&self) -> Result<IntegrityReport, StorageError> {
        integrity::check(&self.pool).await
    }

    fn writer_stopped(&self) -> bool {
        self.writer.is_finished() || self.queue.is_closed()
    }
}

/// A per-process random slot. Not security-relevant, so std's randomly keyed hasher is enough.
fn random_slot() -> i16 {
    let hash = std::hash::RandomState::new().hash_one(std::process::id());
    i16::try_from(hash % SLOTS).unwrap_or(0)
}

impl fmt::Debug for PostgresStore {
    // Never the URL or the pool's connect options: they can hold a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresStore")
            .field("options", &self.options)
            .field("slot", &self.slot)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl StatementStore for PostgresStore {
    async fn record_statement(&self, statement: SealedStatement) -> Result<Recorded, StorageError> {
        let (reply, answer) = oneshot::channel();
        match self.queue.try_send(Job { statement, reply }) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.stats.rejected_busy.fetch_add(1, Ordering::Relaxed);
                return Err(StorageError::Busy);
            }
            Err(TrySendError::Closed(_)) => {
                return Err(StorageError::Unavailable(
                    "the writer has stopped".to_owned(),
                ));
            }
        }
        answer.await.map_err(|_| {
            StorageError::Unavailable("the writer stopped before answering".to_owned())
        })?
    }

    async fn counts(&self, initiative: InitiativeId) -> Result<CountSnapshot, StorageError> {
        read::counts(&self.pool, initiative).await
    }

    async fn statements(
        &self,
        initiative: InitiativeId,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<StoredStatement>, StorageError> {
        read::statements(&self.pool, initiative, after_sequence, limit).await
    }

    async fn find_receipt(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Option<ReceiptRecord>, StorageError> {
        selfservice::find_receipt(&self.pool, initiative, id).await
    }

    async fn withdraw_statement(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Withdrawn, StorageError> {
        selfservice::withdraw(&self.pool, initiative, id, self.slot).await
    }

    async fn paper_counts(
        &self,
        initiative: InitiativeId,
    ) -> Result<std::collections::BTreeMap<ocs_domain::CountryCode, u64>, StorageError> {
        read::paper_counts(&self.pool, initiative).await
    }

    async fn destroy_initiative(
        &self,
        initiative: InitiativeId,
    ) -> Result<Destroyed, StorageError> {
        selfservice::destroy(&self.pool, initiative).await
    }

    async fn counts_over_time(
        &self,
        initiative: InitiativeId,
        since: Timestamp,
        bucket: jiff::SignedDuration,
    ) -> Result<Vec<(Timestamp, u64)>, StorageError> {
        read::counts_over_time(&self.pool, initiative, since, bucket).await
    }

    async fn health(&self) -> Result<(), StorageError> {
        if self.writer_stopped() {
            return Err(StorageError::Unavailable(
                "the writer has stopped".to_owned(),
            ));
        }
        read::probe(&self.pool).await
    }

    fn stats(&self) -> StoreStats {
        let queue_capacity = self.queue.max_capacity();
        StoreStats {
            committed: self.stats.committed.load(Ordering::Relaxed),
            duplicates: self.stats.duplicates.load(Ordering::Relaxed),
            batches: self.stats.batches.load(Ordering::Relaxed),
            rejected_busy: self.stats.rejected_busy.load(Ordering::Relaxed),
            queue_depth: queue_capacity.saturating_sub(self.queue.capacity()),
            queue_capacity,
        }
    }
}

#[async_trait]
impl ocs_storage::EidSubjects for PostgresStore {
    async fn reserve_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: ocs_domain::DedupTag,
    ) -> Result<bool, StorageError> {
        coordination::reserve_eid_subject(&self.pool, initiative, tag).await
    }

    async fn release_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: ocs_domain::DedupTag,
    ) -> Result<(), StorageError> {
        coordination::release_eid_subject(&self.pool, initiative, tag).await
    }
}

#[async_trait]
impl Coordination for PostgresStore {
    async fn claim_once(
        &self,
        key: [u8; 32],
        expires_at: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        coordination::claim_once(&self.pool, key, expires_at, now).await
    }

    async fn try_lease(
        &self,
        job: &str,
        holder: &str,
        until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        coordination::try_lease(&self.pool, job, holder, until, now).await
    }

    async fn prune_claims(&self, now: Timestamp) -> Result<u64, StorageError> {
        coordination::prune_claims(&self.pool, now).await
    }

    async fn release_claim(&self, key: [u8; 32]) -> Result<(), StorageError> {
        coordination::release_claim(&self.pool, key).await
    }
}

#[async_trait]
impl ocs_storage::MailStore for PostgresStore {
    async fn add_subscriber(
        &self,
        subscriber: ocs_storage::NewSubscriber,
        confirmation: ocs_storage::NewMessage,
    ) -> Result<ocs_storage::Added, StorageError> {
        self.mail.add_subscriber(subscriber, confirmation).await
    }

    async fn confirm_subscriber(
        &self,
        confirm_hash: [u8; 32],
        today: ocs_storage::Day,
    ) -> Result<Option<InitiativeId>, StorageError> {
        self.mail.confirm_subscriber(confirm_hash, today).await
    }

    async fn remove_subscriber(
        &self,
        initiative: InitiativeId,
        address_hash: ocs_storage::AddressHash,
    ) -> Result<bool, StorageError> {
        self.mail.remove_subscriber(initiative, address_hash).await
    }

    async fn confirmed_subscribers(
        &self,
        initiative: InitiativeId,
    ) -> Result<Vec<ocs_storage::Subscriber>, StorageError> {
        self.mail.confirmed_subscribers(initiative).await
    }

    async fn queue_messages(
        &self,
        messages: Vec<ocs_storage::NewMessage>,
    ) -> Result<(), StorageError> {
        self.mail.queue_messages(messages).await
    }

    async fn due_messages(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<ocs_storage::QueuedMessage>, StorageError> {
        self.mail.due_messages(now, limit).await
    }

    async fn delete_message(&self, id: [u8; 16]) -> Result<(), StorageError> {
        self.mail.delete_message(id).await
    }

    async fn retry_message(
        &self,
        id: [u8; 16],
        attempts: u32,
        next_attempt: Timestamp,
    ) -> Result<(), StorageError> {
        self.mail.retry_message(id, attempts, next_attempt).await
    }

    async fn purge_mail(&self, initiative: InitiativeId) -> Result<u64, StorageError> {
        self.mail.purge_mail(initiative).await
    }

    async fn prune_unconfirmed(&self, today: ocs_storage::Day) -> Result<u64, StorageError> {
        self.mail.prune_unconfirmed(today).await
    }
}

#[async_trait]
impl AuditLog for PostgresStore {
    async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry, StorageError> {
        console::append(&self.pool, entry).await
    }

    async fn audit_entries(
        &self,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StorageError> {
        console::entries(&self.pool, after_sequence, limit).await
    }

    async fn recent_audit(&self, limit: u32) -> Result<Vec<AuditEntry>, StorageError> {
        console::recent(&self.pool, limit).await
    }
}

#[async_trait]
impl LifecycleStore for PostgresStore {
    async fn lifecycle(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<LifecycleRecord>, StorageError> {
        Ok(console::lifecycles(&self.pool, Some(initiative))
            .await?
            .pop())
    }

    async fn lifecycles(&self) -> Result<Vec<LifecycleRecord>, StorageError> {
        console::lifecycles(&self.pool, None).await
    }

    async fn change_lifecycle(
        &self,
        initiative: InitiativeId,
        change: LifecycleChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        console::change(&self.pool, initiative, change, audit).await
    }

    async fn certificate_pdf(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<Vec<u8>>, StorageError> {
        console::certificate_pdf(&self.pool, initiative).await
    }
}

#[async_trait]
impl ocs_storage::RetentionStore for PostgresStore {
    async fn retention(
        &self,
        initiative: InitiativeId,
    ) -> Result<ocs_storage::RetentionRecord, StorageError> {
        crate::retention::read(&self.pool, initiative).await
    }

    async fn change_retention(
        &self,
        initiative: InitiativeId,
        change: ocs_storage::RetentionChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        crate::retention::change(&self.pool, initiative, change, audit).await
    }
}

#[async_trait]
impl ocs_storage::InitiativeStore for PostgresStore {
    async fn stored_initiatives(&self) -> Result<Vec<ocs_storage::StoredInitiative>, StorageError> {
        crate::initiatives::read(&self.pool).await
    }

    async fn save_initiative(
        &self,
        initiative: ocs_storage::StoredInitiative,
        expected_revision: Option<u64>,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        crate::initiatives::save(&self.pool, &initiative, expected_revision, audit).await
    }
}

#[async_trait]
impl AccountStore for PostgresStore {
    async fn create_account(
        &self,
        account: NewAccount,
        audit: NewAuditEntry,
    ) -> Result<Account, StorageError> {
        accounts::create(&self.pool, &account, audit).await
    }

    async fn account_by_name(&self, name: &AccountName) -> Result<Option<Account>, StorageError> {
        Ok(accounts::read(&self.pool, Some(name)).await?.pop())
    }

    async fn accounts(&self) -> Result<Vec<Account>, StorageError> {
        accounts::read(&self.pool, None).await
    }

    async fn change_account(
        &self,
        id: AccountId,
        change: AccountChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        accounts::change(&self.pool, id, change, audit).await
    }

    async fn accept_totp_step(&self, id: AccountId, step: i64) -> Result<bool, StorageError> {
        accounts::accept_totp_step(&self.pool, id, step).await
    }
}

#[async_trait]
impl SessionStore for PostgresStore {
    async fn create_session(
        &self,
        session_hash: [u8; 32],
        record: SessionRecord,
    ) -> Result<(), StorageError> {
        accounts::create_session(&self.pool, session_hash, &record).await
    }

    async fn session(&self, session_hash: [u8; 32]) -> Result<Option<SessionRecord>, StorageError> {
        accounts::session(&self.pool, session_hash).await
    }

    async fn touch_session(
        &self,
        session_hash: [u8; 32],
        now: Timestamp,
    ) -> Result<(), StorageError> {
        accounts::touch_or_end(&self.pool, session_hash, Some(now)).await
    }

    async fn end_session(&self, session_hash: [u8; 32]) -> Result<(), StorageError> {
        accounts::touch_or_end(&self.pool, session_hash, None).await
    }

    async fn record_login_failure(
        &self,
        key: &str,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError> {
        let cutoff = ocs_storage::throttle_cutoff_ms(now, window);
        let prune = ocs_storage::accounts::throttle_prune_ms(now, window);
        accounts::record_login_failure(&self.pool, key, now.as_millisecond(), cutoff, prune).await
    }

    async fn login_failures(
        &self,
        key: &str,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError> {
        let cutoff = ocs_storage::throttle_cutoff_ms(now, window);
        accounts::login_failures(&self.pool, key, cutoff).await
    }

    async fn clear_login_failures(&self, key: &str) -> Result<(), StorageError> {
        accounts::clear_login_failures(&self.pool, key).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_out_of_range_are_refused() {
        assert!(PostgresOptions::default().check().is_ok());
        for options in [
            PostgresOptions {
                queue_capacity: 0,
                ..PostgresOptions::default()
            },
            PostgresOptions {
                max_batch: 0,
                ..PostgresOptions::default()
            },
            PostgresOptions {
                pool_size: 0,
                ..PostgresOptions::default()
            },
        ] {
            assert!(options.check().is_err(), "{options:?}");
        }
    }

    #[test]
    fn slots_stay_in_range() {
        for _ in 0..100 {
            assert!((0..16).contains(&random_slot()));
        }
    }
}
