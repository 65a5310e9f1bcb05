//! [`SqliteStore`]: the [`StatementStore`] on one SQLite file, with its options, its open and
//! close.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use ocs_domain::access::{AccountId, AccountName};
use ocs_domain::{CountSnapshot, DedupTag, InitiativeId, StatementId};
use ocs_storage::{
    Account, AccountChange, AccountStore, AuditEntry, AuditLog, Coordination, Destroyed,
    EidSubjects, LifecycleChange, LifecycleRecord, LifecycleStore, LocalCoordination, NewAccount,
    NewAuditEntry, ReceiptRecord, Recorded, SealedStatement, SessionRecord, SessionStore,
    StatementStore, StorageError, StoreStats, StoredStatement, Withdrawn,
};
use parking_lot::Mutex;
use rusqlite::Connection;
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{Semaphore, mpsc, oneshot};

use crate::claims::PendingClaims;
use crate::connection::{Pragmas, open_reader, open_writer};
use crate::counters::Counters;
use crate::error::SqliteError;
use crate::mail::SqliteMail;
use crate::writer::{Job, Work, WriterStats};
use crate::{accounts, console, migrate, read, selfservice, writer};

/// Sizes of the writer queue and of one group commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqliteOptions {
    /// Statements that may wait for the writer; one more gets [`StorageError::Busy`].
    /// At about 20 k statements/s, 4096 is some 0.2 s of work. At least 1.
    pub queue_capacity: usize,
    /// Most statements written in one transaction. At least 1.
    pub max_batch: usize,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        Self {
            queue_capacity: 4096,
            max_batch: 512,
        }
    }
}

impl SqliteOptions {
    fn check(self) -> Result<Self, StorageError> {
        if self.queue_capacity == 0 || self.queue_capacity > Semaphore::MAX_PERMITS {
            return Err(SqliteError::InvalidOption("queue_capacity must be at least 1").into());
        }
        if self.max_batch == 0 {
            return Err(SqliteError::InvalidOption("max_batch must be at least 1").into());
        }
        Ok(self)
    }
}

/// Sealed statements in one SQLite file: WAL, `synchronous=FULL`, one writer thread doing
/// group commit, a read-only connection for queries, counts kept in memory.
///
/// Dropping the store closes the queue: the writer commits what is queued and stops on its
/// own. [`SqliteStore::close`] does the same and waits for it.
pub struct SqliteStore {
    queue: mpsc::Sender<Work>,
    writer: JoinHandle<()>,
    counters: Arc<Counters>,
    stats: Arc<WriterStats>,
    reader: Arc<Mutex<Connection>>,
    /// A second read-write connection for withdrawals and destruction (rare, and never on
    /// the signing path), so the writer thread's loop stays a pure group commit.
    deleter: Arc<Mutex<Connection>>,
    /// The console's read-write connection (audit trail, lifecycle), apart from the
    /// statement writer thread; opened on first use, so a store that only takes statements
    /// keeps the connections it always had.
    console: Arc<Mutex<Option<Connection>>>,
    pub(crate) path: std::path::PathBuf,
    pragmas: Pragmas,
    /// One app node per SQLite file: leases live in this process, and claims are checked
    /// here first (the fast refusal of a replay) and then stored in `used_claims`.
    local: LocalCoordination,
    /// The connection that prunes (and, at pruning, stores) single-use claims, so a used
    /// proof stays used after a restart (issue 19, finding 6). `synchronous=NORMAL`.
    claims: Arc<Mutex<Option<Connection>>>,
    /// Claims granted in memory and not yet stored: the writer stores them with its next
    /// batch (`crate::claims`).
    pending_claims: PendingClaims,
    /// The mail tables, on a connection of their own.
    mail: SqliteMail,
    /// Its own connection for the rare eID subject records, so they never wait in the
    /// statement queue; SQLite's busy timeout orders it with the writer. Opened on first
    /// use, so a deployment without eID has exactly the connections it had before.
    eid: Arc<Mutex<Option<Connection>>>,
    /// Writes on the connections that may delete statements (deleter, console), counted
    /// after each: the tally log's scan for withdrawn entries is skipped while this has not
    /// moved since a scan found none (`crate::tally_log`).
    pub(crate) deletions: Arc<AtomicU64>,
    /// Per initiative, the value of `deletions` read before the last scan that found no
    /// withdrawn entry.
    pub(crate) gone_checked: Arc<Mutex<HashMap<InitiativeId, u64>>>,
    /// Held for the store's lifetime: a second process opening the same file is refused.
    _node_lock: std::fs::File,
}

impl SqliteStore {
    /// Opens the database at `path`, creating it if needed: sets WAL, `synchronous=FULL`,
    /// `foreign_keys=ON` and a busy timeout, applies pending migrations, rebuilds the counts
    /// from the rows, opens the read-only connection and starts the writer thread.
    ///
    /// Blocking (the count rebuild reads the whole table): call it before serving, or in
    /// `spawn_blocking`.
    pub fn open(path: &Path, options: SqliteOptions) -> Result<Self, StorageError> {
        let options = options.check()?;
        let node_lock = lock_node(path)?;
        let (mut connection, pragmas) = open_writer(path)?;
        let applied = migrate::run_pending(&mut connection)?;
        let counters = Arc::new(Counters::load(&connection)?);
        let local = LocalCoordination::default();
        let remembered = crate::claims::load(&connection, &local)?;
        let pending_claims = PendingClaims::default();
        let reader = open_reader(path)?;
        let (mail, _) = open_writer(path)?;
        let mail = SqliteMail::new(mail)?;
        let (deleter, _) = open_writer(path)?;
        let (initiatives, statements) = counters.totals();
        let stats = Arc::new(WriterStats::default());
        let (queue, receiver) = mpsc::channel(options.queue_capacity);
        let writer = writer::spawn(
            connection,
            receiver,
            Arc::clone(&counters),
            Arc::clone(&stats),
            options.max_batch,
            Arc::clone(&pending_claims),
        )
        .map_err(|error| StorageError::Unavailable(format!("starting the writer: {error}")))?;
        tracing::info!(
            path = %path.display(),
            ?applied,
            initiatives,
            statements,
            remembered,
            queue_capacity = options.queue_capacity,
            max_batch = options.max_batch,
            "sqlite store open"
        );
        Ok(Self {
            queue,
            writer,
            counters,
            stats,
            reader: Arc::new(Mutex::new(reader)),
            deleter: Arc::new(Mutex::new(deleter)),
            console: Arc::new(Mutex::new(None)),
            path: path.to_owned(),
            pragmas,
            local,
            claims: Arc::new(Mutex::new(None)),
            pending_claims,
            mail,
            eid: Arc::new(Mutex::new(None)),
            deletions: Arc::new(AtomicU64::new(0)),
            gone_checked: Arc::new(Mutex::new(HashMap::new())),
            _node_lock: node_lock,
        })
    }

    /// The settings read back from the writer connection when it was opened; for
    /// `ocs check-config` and tests.
    pub fn pragmas(&self) -> &Pragmas {
        &self.pragmas
    }

    /// Closes the queue and waits until the writer has committed everything queued and
    /// closed its connection.
    pub async fn close(self) -> Result<(), StorageError> {
        let Self { queue, writer, .. } = self;
        drop(queue);
        tokio::task::spawn_blocking(move || writer.join())
            .await
            .map_err(|error| StorageError::Unavailable(format!("closing: {error}")))?
            .map_err(|_| StorageError::Unavailable("the writer thread panicked".to_owned()))
    }

    fn writer_stopped(&self) -> bool {
        self.writer.is_finished() || self.queue.is_closed()
    }

    /// Runs `query` on the read-only connection, off the async threads.
    pub(crate) async fn read<T, Q>(&self, query: Q) -> Result<T, StorageError>
    where
        T: Send + 'static,
        Q: FnOnce(&Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let reader = Arc::clone(&self.reader);
        tokio::task::spawn_blocking(move || query(&reader.lock()))
            .await
            .map_err(|error| StorageError::Unavailable(format!("read task failed: {error}")))?
    }

    /// Runs `work` on the deleting connection, off the async threads.
    pub(crate) async fn delete<T, W>(&self, work: W) -> Result<T, StorageError>
    where
        T: Send + 'static,
        W: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let deleter = Arc::clone(&self.deleter);
        let deletions = Arc::clone(&self.deletions);
        tokio::task::spawn_blocking(move || {
            let done = work(&mut deleter.lock());
            deletions.fetch_add(1, Ordering::SeqCst);
            done
        })
        .await
        .map_err(|error| StorageError::Unavailable(format!("delete task failed: {error}")))?
    }

    /// Runs `work` on the statement writer's own connection, between two group commits
    /// (after the statements queued before it). For writes that would otherwise take the
    /// write lock from another connection while signing runs: the writer would wait for
    /// them in SQLite's busy handler, which sleeps in steps of up to 100 ms. Keep `work`
    /// short: statements queue behind it.
    pub(crate) async fn write_on_writer<T, W>(&self, work: W) -> Result<T, StorageError>
    where
        T: Send + 'static,
        W: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let chore: writer::Chore = Box::new(move |connection| {
            // The caller may have gone away; what was committed stays committed.
            let _ = reply.send(work(connection));
        });
        self.queue
            .send(Work::Chore(chore))
            .await
            .map_err(|_| StorageError::Unavailable("the writer has stopped".to_owned()))?;
        answer.await.map_err(|_| {
            StorageError::Unavailable("the writer stopped before answering".to_owned())
        })?
    }

    /// Runs `work` on the console's read-write connection, off the async threads.
    pub(crate) async fn write_console<T, W>(&self, work: W) -> Result<T, StorageError>
    where
        T: Send + 'static,
        W: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let console = Arc::clone(&self.console);
        let deletions = Arc::clone(&self.deletions);
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = console.lock();
            let connection = match &mut *guard {
                Some(connection) => connection,
                empty => empty.insert(open_writer(&path)?.0),
            };
            // Clearing test statements runs here (`console::change`).
            let done = work(connection);
            deletions.fetch_add(1, Ordering::SeqCst);
            done
        })
        .await
        .map_err(|error| StorageError::Unavailable(format!("console task failed: {error}")))?
    }
}

impl fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqliteStore")
            .field("pragmas", &self.pragmas)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

/// Takes an exclusive lock on `PATH.lock`: claims, leases and counts of a SQLite store live in
/// one process's memory, so a second app node on the same file must not start.
fn lock_node(path: &Path) -> Result<std::fs::File, StorageError> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&name)
        .map_err(|error| StorageError::Unavailable(format!("opening the lock file: {error}")))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StorageError::Unavailable(
            "another process has this SQLite database open; SQLite serves one app node \
             (use PostgreSQL for several)"
                .to_owned(),
        )),
        Err(std::fs::TryLockError::Error(error)) => Err(StorageError::Unavailable(format!(
            "locking the database: {error}"
        ))),
    }
}

impl SqliteStore {
    /// Runs `work` on the claims connection, opened on first use.
    async fn on_claims_connection<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StorageError> {
        let connection = Arc::clone(&self.claims);
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = connection.lock();
            if guard.is_none() {
                let opened = open_writer(&path)?.0;
                opened
                    .pragma_update(None, "synchronous", "NORMAL")
                    .map_err(|error| StorageError::Unavailable(format!("claims: {error}")))?;
                *guard = Some(opened);
            }
            let Some(connection) = guard.as_ref() else {
                return Err(StorageError::Unavailable("claims: no connection".into()));
            };
            work(connection).map_err(|error| StorageError::Unavailable(format!("claims: {error}")))
        })
        .await
        .map_err(|error| StorageError::Unavailable(format!("claims task: {error}")))?
    }

    async fn on_eid_connection<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StorageError> {
        let connection = Arc::clone(&self.eid);
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = connection.lock();
            if guard.is_none() {
                *guard = Some(open_writer(&path)?.0);
            }
            let Some(connection) = guard.as_ref() else {
                return Err(StorageError::Unavailable(
                    "eID subjects: no connection".into(),
                ));
            };
            work(connection)
                .map_err(|error| StorageError::Unavailable(format!("eID subjects: {error}")))
        })
        .await
        .map_err(|error| StorageError::Unavailable(format!("eID subjects task: {error}")))?
    }
}

#[async_trait]
impl EidSubjects for SqliteStore {
    async fn reserve_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: DedupTag,
    ) -> Result<bool, StorageError> {
        self.on_eid_connection(move |connection| {
            connection
                .execute(
                    "INSERT INTO eid_subjects (initiative_id, subject_tag) VALUES (?1, ?2)
                     ON CONFLICT DO NOTHING",
                    rusqlite::params![initiative.get(), tag.as_bytes().as_slice()],
                )
                .map(|inserted| inserted == 1)
        })
        .await
    }

    async fn release_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: DedupTag,
    ) -> Result<(), StorageError> {
        self.on_eid_connection(move |connection| {
            connection
                .execute(
                    "DELETE FROM eid_subjects WHERE initiative_id = ?1 AND subject_tag = ?2",
                    rusqlite::params![initiative.get(), tag.as_bytes().as_slice()],
                )
                .map(|_| ())
        })
        .await
    }
}

#[async_trait]
impl Coordination for SqliteStore {
    async fn claim_once(
        &self,
        key: [u8; 32],
        expires_at: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        // Memory decides: it holds every claim of this process and, loaded at open, those
        // of earlier ones. The row is stored with the writer's next batch (`crate::claims`).
        if !self.local.claim(key, expires_at, now) {
            return Ok(false);
        }
        self.pending_claims
            .lock()
            .push((key, expires_at.as_millisecond()));
        Ok(true)
    }

    async fn release_claim(&self, key: [u8; 32]) -> Result<(), StorageError> {
        self.local.release(key);
        if crate::claims::forget(&self.pending_claims, &key) {
            return Ok(());
        }
        self.on_claims_connection(move |connection| {
            connection
                .execute("DELETE FROM used_claims WHERE key = ?1", [&key[..]])
                .map(|_| ())
        })
        .await
    }

    async fn try_lease(
        &self,
        job: &str,
        holder: &str,
        until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        Ok(self.local.lease(job, holder, until, now))
    }

    async fn prune_claims(&self, now: Timestamp) -> Result<u64, StorageError> {
        self.local.prune(now);
        let now_ms = now.as_millisecond();
        // Claims no batch has carried yet (no statement since) are stored here.
        let pending = crate::claims::take(&self.pending_claims);
        let back = Arc::clone(&self.pending_claims);
        let deleted = self
            .on_claims_connection(move |connection| {
                if let Err(error) = crate::claims::write(connection, &pending) {
                    crate::claims::put_back(&back, pending);
                    return Err(error);
                }
                connection.execute(
                    "DELETE FROM used_claims WHERE expires_at_ms <= ?1",
                    [now_ms],
                )
            })
            .await?;
        Ok(u64::try_from(deleted).unwrap_or(u64::MAX))
    }
}

#[async_trait]
impl StatementStore for SqliteStore {
    async fn record_statement(&self, statement: SealedStatement) -> Result<Recorded, StorageError> {
        let (reply, answer) = oneshot::channel();
        match self
            .queue
            .try_send(Work::Statement(Job { statement, reply }))
        {
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
        Ok(self.counters.snapshot(initiative))
    }

    async fn statements(
        &self,
        initiative: InitiativeId,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<StoredStatement>, StorageError> {
        self.read(move |connection| read::statements(connection, initiative, after_sequence, limit))
            .await
    }

    async fn find_receipt(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Option<ReceiptRecord>, StorageError> {
        self.read(move |connection| selfservice::find_receipt(connection, initiative, id))
            .await
    }

    async fn withdraw_statement(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Withdrawn, StorageError> {
        let (withdrawn, nationality) = self
            .delete(move |connection| selfservice::withdraw(connection, initiative, id))
            .await?;
        if let Some(nationality) = nationality {
            self.counters.remove(initiative, nationality);
        }
        Ok(withdrawn)
    }

    async fn paper_counts(
        &self,
        initiative: InitiativeId,
    ) -> Result<std::collections::BTreeMap<ocs_domain::CountryCode, u64>, StorageError> {
        self.read(move |connection| read::paper_counts(connection, initiative))
            .await
    }

    async fn destroy_initiative(
        &self,
        initiative: InitiativeId,
    ) -> Result<Destroyed, StorageError> {
        let destroyed = self
            .delete(move |connection| selfservice::delete_initiative(connection, initiative))
            .await?;
        self.counters.clear(initiative);
        // The reader's cached statements must not pin the old snapshot during the checkpoint.
        // A failed compaction leaves the deletes committed and the destruction pending: the
        // next call compacts again.
        let reader = Arc::clone(&self.reader);
        self.delete(move |connection| {
            let _reader = reader.lock();
            selfservice::compact(connection)
        })
        .await?;
        Ok(destroyed)
    }

    async fn counts_over_time(
        &self,
        initiative: InitiativeId,
        since: Timestamp,
        bucket: jiff::SignedDuration,
    ) -> Result<Vec<(Timestamp, u64)>, StorageError> {
        self.read(move |connection| read::counts_over_time(connection, initiative, since, bucket))
            .await
    }

    async fn health(&self) -> Result<(), StorageError> {
        if self.writer_stopped() {
            return Err(StorageError::Unavailable(
                "the writer has stopped".to_owned(),
            ));
        }
        self.read(read::probe).await
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
impl ocs_storage::MailStore for SqliteStore {
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
impl AuditLog for SqliteStore {
    async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry, StorageError> {
        self.write_console(move |connection| console::append(connection, entry))
            .await
    }

    async fn audit_entries(
        &self,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StorageError> {
        self.read(move |connection| console::entries(connection, after_sequence, limit))
            .await
    }

    async fn recent_audit(&self, limit: u32) -> Result<Vec<AuditEntry>, StorageError> {
        self.read(move |connection| console::recent(connection, limit))
            .await
    }
}

#[async_trait]
impl LifecycleStore for SqliteStore {
    async fn lifecycle(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<LifecycleRecord>, StorageError> {
        let mut all = self
            .read(move |connection| console::lifecycles(connection, Some(initiative)))
            .await?;
        Ok(all.pop())
    }

    async fn lifecycles(&self) -> Result<Vec<LifecycleRecord>, StorageError> {
        self.read(|connection| console::lifecycles(connection, None))
            .await
    }

    async fn change_lifecycle(
        &self,
        initiative: InitiativeId,
        change: LifecycleChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        let (row, erased) = self
            .write_console(move |connection| console::change(connection, initiative, change, audit))
            .await?;
        self.counters.remove_many(initiative, &erased);
        Ok(row)
    }

    async fn certificate_pdf(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<Vec<u8>>, StorageError> {
        self.read(move |connection| console::certificate_pdf(connection, initiative))
            .await
    }
}

#[async_trait]
impl ocs_storage::RetentionStore for SqliteStore {
    async fn retention(
        &self,
        initiative: InitiativeId,
    ) -> Result<ocs_storage::RetentionRecord, StorageError> {
        self.read(move |connection| crate::retention::read(connection, initiative))
            .await
    }

    async fn change_retention(
        &self,
        initiative: InitiativeId,
        change: ocs_storage::RetentionChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        self.write_console(move |connection| {
            crate::retention::change(connection, initiative, change, audit)
        })
        .await
    }
}

#[async_trait]
impl ocs_storage::InitiativeStore for SqliteStore {
    async fn stored_initiatives(&self) -> Result<Vec<ocs_storage::StoredInitiative>, StorageError> {
        self.read(crate::initiatives::read).await
    }

    async fn save_initiative(
        &self,
        initiative: ocs_storage::StoredInitiative,
        expected_revision: Option<u64>,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        self.write_console(move |connection| {
            crate::initiatives::save(connection, &initiative, expected_revision, audit)
        })
        .await
    }
}

#[async_trait]
impl AccountStore for SqliteStore {
    async fn create_account(
        &self,
        account: NewAccount,
        audit: NewAuditEntry,
    ) -> Result<Account, StorageError> {
        self.write_console(move |connection| accounts::create(connection, &account, audit))
            .await
    }

    async fn account_by_name(&self, name: &AccountName) -> Result<Option<Account>, StorageError> {
        let name = name.clone();
        let mut found = self
            .read(move |connection| accounts::read(connection, Some(&name)))
            .await?;
        Ok(found.pop())
    }

    async fn accounts(&self) -> Result<Vec<Account>, StorageError> {
        self.read(|connection| accounts::read(connection, None))
            .await
    }

    async fn change_account(
        &self,
        id: AccountId,
        change: AccountChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        self.write_console(move |connection| accounts::change(connection, id, change, audit))
            .await
    }

    async fn accept_totp_step(&self, id: AccountId, step: i64) -> Result<bool, StorageError> {
        self.write_console(move |connection| accounts::accept_totp_step(connection, id, step))
            .await
    }
}

#[async_trait]
impl SessionStore for SqliteStore {
    async fn create_session(
        &self,
        session_hash: [u8; 32],
        record: SessionRecord,
    ) -> Result<(), StorageError> {
        self.write_console(move |connection| {
            accounts::create_session(connection, session_hash, &record)
        })
        .await
    }

    async fn session(&self, session_hash: [u8; 32]) -> Result<Option<SessionRecord>, StorageError> {
        self.read(move |connection| accounts::session(connection, session_hash))
            .await
    }

    async fn touch_session(
        &self,
        session_hash: [u8; 32],
        now: Timestamp,
    ) -> Result<(), StorageError> {
        self.write_console(move |connection| {
            accounts::touch_or_end(connection, session_hash, Some(now))
        })
        .await
    }

    async fn end_session(&self, session_hash: [u8; 32]) -> Result<(), StorageError> {
        self.write_console(move |connection| accounts::touch_or_end(connection, session_hash, None))
            .await
    }

    async fn record_login_failure(
        &self,
        key: &str,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError> {
        let key = key.to_owned();
        let cutoff = ocs_storage::throttle_cutoff_ms(now, window);
        let prune = ocs_storage::accounts::throttle_prune_ms(now, window);
        self.write_console(move |connection| {
            accounts::record_login_failure(connection, &key, now.as_millisecond(), cutoff, prune)
        })
        .await
    }

    async fn login_failures(
        &self,
        key: &str,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError> {
        let key = key.to_owned();
        let cutoff = ocs_storage::throttle_cutoff_ms(now, window);
        self.read(move |connection| accounts::login_failures(connection, &key, cutoff))
            .await
    }

    async fn clear_login_failures(&self, key: &str) -> Result<(), StorageError> {
        let key = key.to_owned();
        self.write_console(move |connection| accounts::clear_login_failures(connection, &key))
            .await
    }
}
