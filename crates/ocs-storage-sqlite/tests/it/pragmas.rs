//! The writer connection runs with the settings the durability promise rests on.

use ocs_storage::StatementStore;
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};
use rusqlite::Connection;

#[tokio::test]
async fn the_writer_uses_wal_and_synchronous_full() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    let store = super::open(&path);
    let pragmas = store.pragmas();
    assert_eq!(pragmas.journal_mode, "wal");
    assert_eq!(pragmas.synchronous, 2, "synchronous must be FULL");
    assert!(pragmas.foreign_keys);
    assert_eq!(pragmas.busy_timeout_ms, 5000);
    store.health().await.unwrap();
    // WAL is a property of the file: any other connection sees it too.
    let other = Connection::open(&path).unwrap();
    let mode: String = other
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    store.close().await.unwrap();
}

#[test]
fn zero_sizes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    for options in [
        SqliteOptions {
            queue_capacity: 0,
            ..SqliteOptions::default()
        },
        SqliteOptions {
            max_batch: 0,
            ..SqliteOptions::default()
        },
    ] {
        assert!(SqliteStore::open(&path, options).is_err(), "{options:?}");
    }
}

#[test]
fn migrate_then_open_applies_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    assert_eq!(
        ocs_storage_sqlite::migrate(&path).unwrap(),
        [
            "0001_statements",
            "0002_shared_state",
            "0003_console",
            "0004_selfservice",
            "0005_mail",
            "0006_eid",
            "0007_initiatives",
            "0008_totp_last_step",
            "0009_tally_log",
            "0011_destructions",
            "0012_retention_events",
            "0013_initiative_keys",
            "0014_log_cosignatures"
        ]
    );
    assert!(ocs_storage_sqlite::migrate(&path).unwrap().is_empty());
    drop(super::open(&path));
}
