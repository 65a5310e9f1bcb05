//! [`SqliteStore`]: the [`StatementStore`] on one SQLite file, with its options, its open and
//! close.

mod accounts;
mod claims;
mod console;
mod mail;
mod statements;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;

use ocs_domain::InitiativeId;
use ocs_storage::{LocalCoordination, StatementStore, StorageError};
use parking_lot::Mutex;
use rusqlite::Connection;
use tokio::sync::{Semaphore, mpsc, oneshot};

use crate::claims::PendingClaims;
use crate::connection::{Pragmas, open_reader, open_writer};
use crate::counters::Counters;
use crate::error::SqliteError;
use crate::mail::SqliteMail;
use crate::writer::{Work, WriterStats};
use crate::{migrate, writer};

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
