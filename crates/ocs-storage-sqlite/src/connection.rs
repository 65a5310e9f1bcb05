//! Opening connections: the writer's settings (WAL, `synchronous=FULL`, foreign keys, busy
//! timeout), the read-only connection, and the [`Pragmas`] diagnostic.

use std::path::Path;
use std::time::Duration;

use ocs_storage::StorageError;
use rusqlite::{Connection, OpenFlags};

use crate::error::{SqliteError, database};

/// How long a connection waits for a lock held by another connection (another process
/// running `ocs migrate`, a checkpoint) before it gives up with "database is locked".
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The settings read back from the writer connection right after it was configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pragmas {
    /// `PRAGMA journal_mode`, lower case: always `wal`.
    pub journal_mode: String,
    /// `PRAGMA synchronous`: 2 is FULL, the only level at which an acknowledged statement
    /// survives a power cut in WAL mode.
    pub synchronous: i64,
    /// `PRAGMA foreign_keys`.
    pub foreign_keys: bool,
    /// `PRAGMA busy_timeout` in milliseconds.
    pub busy_timeout_ms: i64,
}

/// Opens (creating if needed) a read-write connection configured for durable writes, and
/// reads its settings back.
pub(crate) fn open_writer(path: &Path) -> Result<(Connection, Pragmas), StorageError> {
    let connection = Connection::open(path).map_err(database("opening the database"))?;
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(database("setting busy_timeout"))?;
    let journal_mode: String = connection
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .map_err(database("setting journal_mode"))?;
    let journal_mode = journal_mode.to_ascii_lowercase();
    if journal_mode != "wal" {
        return Err(SqliteError::NotWal(journal_mode).into());
    }
    // FULL: in WAL mode, NORMAL may lose the last commits on power loss, and we acknowledge
    // a statement only once it is durable.
    connection
        .pragma_update(None, "synchronous", "FULL")
        .map_err(database("setting synchronous"))?;
    connection
        .pragma_update(None, "foreign_keys", "ON")
        .map_err(database("setting foreign_keys"))?;
    // Withdrawals and destruction delete personal data: zero the freed cells, so it is not
    // left in the file's free space (VACUUM at destruction then drops the free pages).
    connection
        .pragma_update(None, "secure_delete", "ON")
        .map_err(database("setting secure_delete"))?;
    // 8 MiB of page cache, four times SQLite's default: the two random-keyed unique indexes
    // (statement id, tag) touch a random page per row, and with 2 MiB the writer re-read them
    // from the OS on every commit once a few hundred thousand rows were stored. It was 64 MiB
    // until perf showed the cost of a large cache at every commit: SQLite walks the cache's
    // hash table at the end of each write transaction (`pcache1TruncateUnsafe`), which took
    // 17 % of the writer's time under load and 31 % in the browser flow; at 8 MiB it is 4 %,
    // and the closed-loop rate rose by about 13 % (docs/BENCHMARKS.md, session 7).
    connection
        .pragma_update(None, "cache_size", -8_192)
        .map_err(database("setting cache_size"))?;
    let pragmas = read_pragmas(&connection, journal_mode)?;
    Ok((connection, pragmas))
}

fn read_pragmas(connection: &Connection, journal_mode: String) -> Result<Pragmas, StorageError> {
    let read = |name: &str| -> Result<i64, StorageError> {
        connection
            .pragma_query_value(None, name, |row| row.get(0))
            .map_err(database("reading pragmas"))
    };
    Ok(Pragmas {
        journal_mode,
        synchronous: read("synchronous")?,
        foreign_keys: read("foreign_keys")? == 1,
        busy_timeout_ms: read("busy_timeout")?,
    })
}

/// Opens a read-only connection to an existing database. In WAL mode it reads the last
/// committed state without ever blocking the writer.
pub(crate) fn open_reader(path: &Path) -> Result<Connection, StorageError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let connection =
        Connection::open_with_flags(path, flags).map_err(database("opening the reader"))?;
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(database("setting busy_timeout"))?;
    Ok(connection)
}
