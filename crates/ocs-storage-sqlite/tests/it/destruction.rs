//! Destruction reaches every per-initiative table and every file: markers planted in each
//! table are gone from the database, its `-wal` and its `-shm` file afterwards, and a
//! compaction that fails (a reader holds a snapshot) leaves the destruction pending until a
//! later run, after a restart, compacts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::contract::{PlantedMarker, contains_marker, plant_markers};
use ocs_storage::destruction::{KEPT_TABLES, PER_INITIATIVE_TABLES};
use ocs_storage::{Destroyed, DestructionLog, StatementStore, StorageError};
use rusqlite::Connection;

const DOOMED: u32 = 1;
const KEPT: u32 = 2;

fn database_files(path: &Path) -> Vec<PathBuf> {
    let mut files = vec![path.to_owned()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        files.push(PathBuf::from(name));
    }
    files
}

/// The markers found in any of the database's files.
fn found(path: &Path, planted: &[PlantedMarker]) -> Vec<String> {
    let bytes: Vec<Vec<u8>> = database_files(path)
        .iter()
        .filter_map(|file| std::fs::read(file).ok())
        .collect();
    planted
        .iter()
        .filter(|plant| {
            bytes
                .iter()
                .any(|content| contains_marker(content, &plant.marker))
        })
        .map(|plant| plant.marker.clone())
        .collect()
}

/// Plants a marker row in every per-initiative table, for the doomed and the kept initiative.
fn plant(path: &Path) -> (Vec<PlantedMarker>, Vec<PlantedMarker>) {
    let doomed = plant_markers(DOOMED, "DOOMED", "BLOB");
    let kept = plant_markers(KEPT, "KEPT", "BLOB");
    let connection = Connection::open(path).unwrap();
    for plant in doomed.iter().chain(&kept) {
        connection.execute_batch(&plant.sql).unwrap();
    }
    (doomed, kept)
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_770_000_000 + second).unwrap()
}

/// One row per table: what the deletes count.
const ONE_OF_EACH: Destroyed = Destroyed {
    statements: 1,
    aliases: 1,
    eid_subjects: 1,
    mail_addresses: 1,
};

#[test]
fn every_table_with_an_initiative_column_is_destroyed_or_kept_on_purpose() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    drop(super::open(&path));
    let connection = Connection::open(&path).unwrap();
    let tables: Vec<String> = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut with_initiative = BTreeSet::new();
    for table in tables {
        let has: bool = connection
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = 'initiative_id')",
                [&table],
                |row| row.get(0),
            )
            .unwrap();
        if has {
            with_initiative.insert(table);
        }
    }
    let classified: BTreeSet<String> = PER_INITIATIVE_TABLES
        .iter()
        .chain(KEPT_TABLES)
        .map(|table| (*table).to_owned())
        .collect();
    assert_eq!(
        with_initiative, classified,
        "a table with initiative_id must be destroyed with the data (PER_INITIATIVE_TABLES) \
         or kept on purpose (KEPT_TABLES)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destruction_leaves_no_marker_in_the_database_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    drop(super::open(&path));
    let (doomed, kept) = plant(&path);
    let store = super::open(&path);
    assert_eq!(found(&path, &doomed).len(), PER_INITIATIVE_TABLES.len());

    store
        .begin_destruction(InitiativeId::new(DOOMED), at(0))
        .await
        .unwrap();
    let destroyed = store
        .destroy_initiative(InitiativeId::new(DOOMED))
        .await
        .unwrap();
    assert_eq!(destroyed, ONE_OF_EACH);
    assert!(
        !store
            .holds_initiative_data(InitiativeId::new(DOOMED))
            .await
            .unwrap()
    );
    assert_eq!(found(&path, &doomed), Vec::<String>::new());
    // The search finds what is still there: the other initiative's rows stand.
    assert_eq!(found(&path, &kept).len(), PER_INITIATIVE_TABLES.len());
    drop(store);
    assert_eq!(found(&path, &doomed), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_compaction_stays_pending_and_a_later_run_after_a_restart_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    drop(super::open(&path));
    let (doomed, _) = plant(&path);
    let store = super::open(&path);
    let initiative = InitiativeId::new(DOOMED);
    store.begin_destruction(initiative, at(0)).await.unwrap();

    // A reader holding a snapshot from before the delete: the checkpoint cannot empty the
    // write-ahead log, so the compaction fails after the deletes committed.
    let mut reader = Connection::open(&path).unwrap();
    let snapshot = reader.transaction().unwrap();
    let rows: i64 = snapshot
        .query_row("SELECT COUNT(*) FROM statements", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 2);
    let failed = store.destroy_initiative(initiative).await;
    assert!(
        matches!(failed, Err(StorageError::Unavailable(_))),
        "{failed:?}"
    );
    assert!(!store.holds_initiative_data(initiative).await.unwrap());
    // The rows are deleted, but their bytes are still on disk: only compaction removes them.
    assert!(!found(&path, &doomed).is_empty());
    let pending = store.pending_destructions().await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].initiative, initiative);
    assert_eq!(pending[0].started_at, at(0));
    assert_eq!(pending[0].destroyed, ONE_OF_EACH);
    snapshot.commit().unwrap();
    drop(reader);

    // The process stops here (the "crash"); the record is in the file.
    drop(store);
    let store = super::open(&path);
    let pending = store.pending_destructions().await.unwrap();
    assert_eq!(
        pending.len(),
        1,
        "the destruction is still pending after a restart"
    );
    // The retry deletes nothing more, keeps the sums for the certificate, and compacts.
    assert_eq!(
        store.destroy_initiative(initiative).await.unwrap(),
        ONE_OF_EACH
    );
    assert_eq!(found(&path, &doomed), Vec::<String>::new());
    store.finish_destruction(initiative, at(60)).await.unwrap();
    assert!(store.pending_destructions().await.unwrap().is_empty());
}
