//! Errors of the SQLite backend and how they map onto [`StorageError`].

use ocs_storage::StorageError;
use rusqlite::ErrorCode;

/// What went wrong inside the SQLite backend. It reaches callers boxed in
/// [`StorageError::Other`]; failures of the disk or the file become
/// [`StorageError::Unavailable`] instead.
#[derive(Debug, thiserror::Error)]
pub enum SqliteError {
    /// A database call failed.
    #[error("{context}")]
    Database {
        /// What the backend was doing.
        context: &'static str,
        /// The error from SQLite.
        #[source]
        source: rusqlite::Error,
    },
    /// A stored value does not decode into its domain type.
    #[error("corrupt value in column {column}")]
    CorruptValue {
        /// The column holding the value.
        column: &'static str,
    },
    /// An option is out of range.
    #[error("invalid option: {0}")]
    InvalidOption(&'static str),
    /// SQLite refused write-ahead logging (for example on an in-memory database).
    #[error("journal mode is {0:?}, not WAL")]
    NotWal(String),
    /// The database records a migration under another name than this build knows.
    #[error(
        "migration {version} is recorded as {recorded:?}, but this build calls it {expected:?}"
    )]
    MigrationMismatch {
        /// The migration's number.
        version: i64,
        /// The name found in `schema_migrations`.
        recorded: String,
        /// The name this build embeds.
        expected: &'static str,
    },
}

impl From<SqliteError> for StorageError {
    fn from(error: SqliteError) -> Self {
        StorageError::other(error)
    }
}

/// Whether an error means the database cannot be used right now (file, disk, locks), as
/// opposed to a bug or corrupt data.
fn is_unavailable(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(
            ErrorCode::CannotOpen
                | ErrorCode::DatabaseBusy
                | ErrorCode::DatabaseLocked
                | ErrorCode::DiskFull
                | ErrorCode::SystemIoFailure
                | ErrorCode::ReadOnly
                | ErrorCode::PermissionDenied
                | ErrorCode::OutOfMemory
        )
    )
}

/// Whether an error failed only its own statement, leaving the transaction usable.
pub(crate) fn is_constraint(error: &rusqlite::Error) -> bool {
    error.sqlite_error_code() == Some(ErrorCode::ConstraintViolation)
}

/// Maps a database error, with what we were doing, onto [`StorageError`].
///
/// SQLite messages name tables and columns, never bound values, so they are safe to log.
pub(crate) fn database(context: &'static str) -> impl FnOnce(rusqlite::Error) -> StorageError {
    move |source| {
        if is_unavailable(&source) {
            StorageError::Unavailable(format!("{context}: {source}"))
        } else {
            SqliteError::Database { context, source }.into()
        }
    }
}

/// A decoding failure of one column, as a [`StorageError`].
pub(crate) fn corrupt(column: &'static str) -> StorageError {
    SqliteError::CorruptValue { column }.into()
}
