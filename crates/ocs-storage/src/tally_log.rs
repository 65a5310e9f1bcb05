//! The public log of each initiative's tally (ADR 0007): entries, tiles and checkpoints,
//! appended one publication at a time.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::{InitiativeId, StatementId};

use crate::StorageError;

/// The latest publication of an initiative's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogHead {
    /// Entries in the log.
    pub size: u64,
    /// The signed checkpoint, as served.
    pub note: String,
    /// The tally the checkpoint stands for (the fold of its entries), as the service wrote it.
    pub tally: String,
    /// When it was published.
    pub published_at: Timestamp,
}

/// A stored statement whose line is not in the log yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingAdd {
    /// The statement.
    pub statement: StatementId,
    /// Its `v1 add …` line, computed when it was signed.
    pub entry: String,
}

/// What the next publication has to append.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogPending {
    /// Statements to add, in order of sequence.
    pub adds: Vec<PendingAdd>,
    /// Indices of published `add` entries whose statement is no longer stored (withdrawn, or
    /// a test statement cleared), in index order.
    pub gone: Vec<u64>,
}

impl LogPending {
    /// Entries the publication would append.
    pub fn len(&self) -> usize {
        self.adds.len() + self.gone.len()
    }

    /// Nothing to publish.
    pub fn is_empty(&self) -> bool {
        self.adds.is_empty() && self.gone.is_empty()
    }
}

/// One new entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRecord {
    /// Its index.
    pub index: u64,
    /// Its line.
    pub entry: String,
    /// For an `add`: the statement it counts.
    pub statement: Option<StatementId>,
    /// For a `withdraw`: the index of the `add` it takes back.
    pub withdraws: Option<u64>,
}

/// One publication: the entries, the tiles they write and the new head, stored together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogAppend {
    /// The size the publication was computed against.
    pub old_size: u64,
    /// The new entries, indices `old_size..`.
    pub records: Vec<LogRecord>,
    /// New tiles and bundles: (path below the log prefix, bytes).
    pub tiles: Vec<(String, Vec<u8>)>,
    /// The new head.
    pub head: LogHead,
}

/// Where a statement is in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogPosition {
    /// Stored, not published yet.
    Pending,
    /// Published at this index with this line.
    Published {
        /// Its index.
        index: u64,
        /// Its line.
        entry: String,
        /// The statement's sealed envelope, whose SHA-256 the commitment binds.
        envelope: Vec<u8>,
    },
}

/// Storage of the public logs.
#[async_trait]
pub trait LogStore: Send + Sync {
    /// The latest publication, or `None` before the first.
    async fn log_head(&self, initiative: InitiativeId) -> Result<Option<LogHead>, StorageError>;

    /// Up to `limit` statements not yet in the log (oldest first), and every published `add`
    /// whose statement is gone and whose withdrawal is not published yet.
    async fn log_pending(
        &self,
        initiative: InitiativeId,
        limit: u32,
    ) -> Result<LogPending, StorageError>;

    /// A stored tile or bundle by its path below the log prefix (`tile/0/000.p/12`).
    async fn log_tile(
        &self,
        initiative: InitiativeId,
        path: &str,
    ) -> Result<Option<Vec<u8>>, StorageError>;

    /// Stores one publication in one transaction: entries, tiles, checkpoint, and each added
    /// statement's index. [`StorageError::Conflict`] (and nothing stored) when the log is no
    /// longer at `old_size` (another node published first).
    async fn append_log(
        &self,
        initiative: InitiativeId,
        append: LogAppend,
    ) -> Result<(), StorageError>;

    /// Where this statement is in the log; `None` when no such statement is stored.
    async fn log_position(
        &self,
        initiative: InitiativeId,
        statement: StatementId,
    ) -> Result<Option<LogPosition>, StorageError>;

    /// Every checkpoint published so far, oldest first (for auditors and `ocs log verify`).
    async fn log_checkpoints(&self, initiative: InitiativeId)
    -> Result<Vec<LogHead>, StorageError>;

    /// Up to `limit` published `add` entries from index `from` on whose statement is still
    /// linked (stored, or withdrawn with the withdrawal not yet published), in index order:
    /// (index, statement). The export reads them to record each statement's log index.
    async fn log_statements(
        &self,
        initiative: InitiativeId,
        from: u64,
        limit: u32,
    ) -> Result<Vec<(u64, StatementId)>, StorageError>;
}
