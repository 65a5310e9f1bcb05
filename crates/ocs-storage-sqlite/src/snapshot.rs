//! [`DatabaseSnapshot`] on SQLite: `VACUUM INTO` on a read-only connection of its own. The
//! copy is one read transaction of the WAL database, so the writer thread goes on committing
//! while it is written, and it holds everything committed before it began.

use std::path::Path;

use async_trait::async_trait;
use ocs_storage::{DatabaseSnapshot, StorageError};

use crate::connection::open_reader;
use crate::error::database;
use crate::store::SqliteStore;

#[async_trait]
impl DatabaseSnapshot for SqliteStore {
    async fn snapshot_into(&self, out: &Path) -> Result<(), StorageError> {
        let path = self.path.clone();
        let out = out.to_owned();
        tokio::task::spawn_blocking(move || {
            if out.exists() {
                return Err(StorageError::other(format!(
                    "{} exists: a snapshot is written to a new file",
                    out.display()
                )));
            }
            let target = out.to_str().ok_or_else(|| {
                StorageError::other(format!("{} is not a UTF-8 path", out.display()))
            })?;
            // Its own connection: the shared reader stays free for the site's queries.
            let connection = open_reader(&path)?;
            connection
                .execute("VACUUM INTO ?1", [target])
                .map_err(database("writing a snapshot with VACUUM INTO"))?;
            Ok(())
        })
        .await
        .map_err(|error| StorageError::Unavailable(format!("snapshot task failed: {error}")))?
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};
    use ocs_storage::{SealedStatement, StatementStore as _};
    use rusqlite::Connection;

    use super::*;
    use crate::SqliteOptions;

    fn sealed(id: u8) -> SealedStatement {
        SealedStatement {
            id: StatementId::from_bytes([id; 16]),
            initiative: InitiativeId::new(1),
            nationality: CountryCode::LU,
            submitted_at: Timestamp::from_millisecond(1_750_000_000_000).unwrap(),
            tag: DedupTag::from_bytes([id; 32]),
            envelope: vec![id, 0, id],
            test: false,
            receipt_verifier: None,
            paper: false,
            log_entry: None,
        }
    }

    fn rows(path: &Path) -> i64 {
        Connection::open(path)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM statements", [], |row| row.get(0))
            .unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_snapshot_taken_while_the_store_is_open_holds_every_committed_statement() {
        let dir = tempfile::tempdir().unwrap();
        let store =
            SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap();
        for id in 1..=3 {
            store.record_statement(sealed(id)).await.unwrap();
        }
        let copy = dir.path().join("copy.db");
        store.snapshot_into(&copy).await.unwrap();
        // The store goes on writing; the copy stays as it was.
        store.record_statement(sealed(4)).await.unwrap();
        assert_eq!(rows(&copy), 3);
        assert_eq!(crate::integrity_check(&copy).unwrap(), Vec::<String>::new());
        // Never over an existing file.
        assert!(store.snapshot_into(&copy).await.is_err());
        assert_eq!(rows(&copy), 3);
        store.close().await.unwrap();
    }
}
