//! [`integrity_check`]: SQLite's own consistency check of a database file, for tools that
//! inspect a database after a crash (the crash harness of `ocs-bench`, an operator).

use std::path::Path;

use ocs_storage::StorageError;
use rusqlite::{Connection, OpenFlags};

use crate::connection::BUSY_TIMEOUT;
use crate::error::database;

/// Runs `PRAGMA integrity_check` on the database at `path` and returns the problems it
/// reports; an empty list means the file is sound (SQLite answered `ok`).
///
/// The file must exist; it is never created. The connection is read-write so that SQLite
/// can recover a WAL left behind by a crash before it checks; nothing else is written.
/// Blocking: call it off the async threads.
pub fn integrity_check(path: &Path) -> Result<Vec<String>, StorageError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags)
        .map_err(database("opening the database for an integrity check"))?;
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(database("setting busy_timeout"))?;
    let mut query = connection
        .prepare("PRAGMA integrity_check")
        .map_err(database("preparing the integrity check"))?;
    let lines = query
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(database("running the integrity check"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(database("reading the integrity check"))?;
    Ok(lines.into_iter().filter(|line| line != "ok").collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate;

    #[test]
    fn a_fresh_database_is_sound() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ocs.db");
        migrate(&path).unwrap();
        assert_eq!(integrity_check(&path).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_missing_file_is_an_error_and_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.db");
        assert!(integrity_check(&path).is_err());
        assert!(!path.exists());
    }

    #[test]
    fn a_damaged_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ocs.db");
        migrate(&path).unwrap();
        // Overwrite everything after the 100-byte header of page 1 and all later pages:
        // the schema and the tables are gone, the header still says "SQLite format 3".
        let mut bytes = std::fs::read(&path).unwrap();
        for byte in bytes.iter_mut().skip(100) {
            *byte = 0xEE;
        }
        std::fs::write(&path, bytes).unwrap();
        let result = integrity_check(&path);
        assert!(
            !matches!(result, Ok(ref problems) if problems.is_empty()),
            "{result:?}"
        );
    }
}
