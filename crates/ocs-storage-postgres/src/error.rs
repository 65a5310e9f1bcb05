//! Errors of the PostgreSQL backend and how they map onto [`StorageError`].

use ocs_storage::StorageError;

/// What went wrong inside the PostgreSQL backend. It reaches callers boxed in
/// [`StorageError::Other`]; a lost connection, a server shutting down or an exhausted pool
/// becomes [`StorageError::Unavailable`] instead.
#[derive(Debug, thiserror::Error)]
pub enum PostgresError {
    /// A database call failed.
    #[error("{context}")]
    Database {
        /// What the backend was doing.
        context: &'static str,
        /// The error from the driver.
        #[source]
        source: sqlx::Error,
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
    /// The statement identifier is already stored under another de-duplication tag.
    #[error("the statement identifier is already used")]
    StatementIdTaken,
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

impl From<PostgresError> for StorageError {
    fn from(error: PostgresError) -> Self {
        StorageError::other(error)
    }
}

/// Whether an error means the database cannot be used right now (network, server restart,
/// pool exhausted, resources), as opposed to a bug or corrupt data.
pub(crate) fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(database) => database.code().is_some_and(|code| {
            // SQLSTATE classes: 08 connection exception, 53 insufficient resources,
            // 57 operator intervention (shutdown, cancel), 58 system error; 40001 and 40P01
            // are serialization failure and deadlock, which a retry may pass.
            ["08", "53", "57", "58"]
                .iter()
                .any(|class| code.starts_with(class))
                || code == "40001"
                || code == "40P01"
        }),
        _ => false,
    }
}

/// Maps a driver error, with what we were doing, onto [`StorageError`].
///
/// PostgreSQL's primary messages name tables, columns and constraints; bound values appear
/// only in the DETAIL field, which the driver's `Display` leaves out. So these are safe to
/// log.
pub(crate) fn database(context: &'static str) -> impl FnOnce(sqlx::Error) -> StorageError {
    move |source| {
        if is_unavailable(&source) {
            StorageError::Unavailable(format!("{context}: {source}"))
        } else {
            PostgresError::Database { context, source }.into()
        }
    }
}

/// A decoding failure of one column, as a [`StorageError`].
pub(crate) fn corrupt(column: &'static str) -> StorageError {
    PostgresError::CorruptValue { column }.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_connections_are_unavailable_and_bugs_are_not() {
        let lost = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        assert!(matches!(
            database("writing")(lost),
            StorageError::Unavailable(_)
        ));
        assert!(matches!(
            database("writing")(sqlx::Error::PoolTimedOut),
            StorageError::Unavailable(_)
        ));
        assert!(matches!(
            database("reading")(sqlx::Error::RowNotFound),
            StorageError::Other(_)
        ));
    }
}
