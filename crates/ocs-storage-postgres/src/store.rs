//! [`PostgresStore`]: the [`StatementStore`] and [`Coordination`] on PostgreSQL, with its
//! options, its connect and close.

mod accounts;
mod claims;
mod console;
mod mail;
mod statements;

use std::fmt;
use std::hash::BuildHasher;
use std::sync::Arc;
use std::time::Duration;

use ocs_storage::{StatementStore, StorageError};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinHandle;

use crate::error::{PostgresError, database};
use crate::integrity::{self, IntegrityReport};
use crate::writer::{Job, WriterStats};
use crate::{migrate, writer};

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
