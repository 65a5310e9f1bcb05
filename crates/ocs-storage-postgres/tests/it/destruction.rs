//! Destruction reaches every per-initiative table on PostgreSQL: markers planted in each are
//! gone from `pg_dump` and from the tables' files (heap, indexes, TOAST) after destruction,
//! and a compaction that cannot get its lock leaves the destruction pending until a later
//! run, from a restarted node, compacts.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::contract::{PlantedMarker, contains_marker, plant_markers};
use ocs_storage::destruction::{KEPT_TABLES, PER_INITIATIVE_TABLES};
use ocs_storage::{Destroyed, DestructionLog, StatementStore, StorageError};
use sqlx::{Connection, Row};

use crate::TestDb;

const DOOMED: u32 = 1;
const KEPT: u32 = 2;

const ONE_OF_EACH: Destroyed = Destroyed {
    statements: 1,
    aliases: 1,
    eid_subjects: 1,
    mail_addresses: 1,
};

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_770_000_000 + second).unwrap()
}

async fn plant(db: &TestDb) -> (Vec<PlantedMarker>, Vec<PlantedMarker>) {
    let doomed = plant_markers(DOOMED, "DOOMED", "BYTEA");
    let kept = plant_markers(KEPT, "KEPT", "BYTEA");
    let mut connection = db.connection().await;
    for plant in doomed.iter().chain(&kept) {
        sqlx::raw_sql(&plant.sql)
            .execute(&mut connection)
            .await
            .unwrap();
    }
    connection.close().await.unwrap();
    (doomed, kept)
}

/// The output of `pg_dump` for the test database (the `pg_dump` on `PATH`, or
/// `OCS_TEST_PG_DUMP`), with every marker's hex form replaced by the marker: `pg_dump`
/// writes `bytea` values as hex.
fn pg_dump(db: &TestDb) -> Vec<u8> {
    let mut dump = String::from_utf8(raw_dump(db)).unwrap();
    for prefix in ["DOOMED", "KEPT"] {
        for plant in plant_markers(DOOMED, prefix, "BYTEA")
            .iter()
            .chain(&plant_markers(KEPT, prefix, "BYTEA"))
        {
            let hex = plant.marker.bytes().fold(String::new(), |mut out, byte| {
                let _ = write!(out, "{byte:02x}");
                out
            });
            dump = dump.replace(&hex, &plant.marker);
        }
    }
    dump.into_bytes()
}

fn raw_dump(db: &TestDb) -> Vec<u8> {
    let program = std::env::var("OCS_TEST_PG_DUMP").unwrap_or_else(|_| "pg_dump".to_owned());
    let output = std::process::Command::new(&program)
        .arg("--dbname")
        .arg(&db.url)
        .output()
        .unwrap_or_else(|error| panic!("running {program}: {error}"));
    assert!(
        output.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The bytes of every file of the per-initiative tables: heap, indexes, TOAST, after a
/// checkpoint wrote the shared buffers out. The test cluster runs on this machine.
async fn table_files(db: &TestDb) -> Vec<u8> {
    let mut connection = db.connection().await;
    sqlx::raw_sql("CHECKPOINT")
        .execute(&mut connection)
        .await
        .unwrap();
    let data: String = sqlx::query("SELECT current_setting('data_directory')")
        .fetch_one(&mut connection)
        .await
        .unwrap()
        .get(0);
    let mut bytes = Vec::new();
    for table in PER_INITIATIVE_TABLES {
        let rows = sqlx::query(
            "SELECT pg_relation_filepath(c.oid) FROM pg_class c
             WHERE c.oid = $1::regclass
                OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = $1::regclass)
                OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = $1::regclass)
                OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid =
                    (SELECT reltoastrelid FROM pg_class WHERE oid = $1::regclass))",
        )
        .bind(*table)
        .fetch_all(&mut connection)
        .await
        .unwrap();
        assert!(rows.len() >= 2, "{table}: a heap and an index at least");
        for row in rows {
            let relative: String = row.get(0);
            let file = std::path::Path::new(&data).join(relative);
            bytes.extend(
                std::fs::read(&file)
                    .unwrap_or_else(|error| panic!("reading {}: {error}", file.display())),
            );
        }
    }
    connection.close().await.unwrap();
    bytes
}

fn found(bytes: &[u8], planted: &[PlantedMarker]) -> Vec<String> {
    planted
        .iter()
        .filter(|plant| contains_marker(bytes, &plant.marker))
        .map(|plant| plant.marker.clone())
        .collect()
}

/// The doomed markers still in the table files once compaction has run until no snapshot
/// older than the delete held the deleted rows back. `VACUUM FULL` copies rows that some
/// open snapshot in the cluster may still see (here: the other tests' sessions), so the
/// first compaction can leave them; the destruction job's next run compacts again. At most
/// 30 more compactions, a second apart.
async fn left_after_compaction<S: StatementStore>(
    db: &TestDb,
    store: &S,
    initiative: InitiativeId,
    doomed: &[PlantedMarker],
) -> Vec<String> {
    let mut left = found(&table_files(db).await, doomed);
    for _ in 0..30 {
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        if store.destroy_initiative(initiative).await.is_ok() {
            left = found(&table_files(db).await, doomed);
        }
    }
    left
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_table_with_an_initiative_column_is_destroyed_or_kept_on_purpose() {
    let db = TestDb::create().await;
    let store = db.store().await;
    let mut connection = db.connection().await;
    let with_initiative: BTreeSet<String> = sqlx::query(
        "SELECT table_name::TEXT FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_name = 'initiative_id'",
    )
    .fetch_all(&mut connection)
    .await
    .unwrap()
    .iter()
    .map(|row| row.get(0))
    .collect();
    let classified: BTreeSet<String> = PER_INITIATIVE_TABLES
        .iter()
        .chain(KEPT_TABLES)
        .map(|table| (*table).to_owned())
        .collect();
    assert_eq!(with_initiative, classified);
    connection.close().await.unwrap();
    drop(store);
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destruction_leaves_no_marker_in_pg_dump_or_the_table_files() {
    let db = TestDb::create().await;
    let store = db.store().await;
    let (doomed, kept) = plant(&db).await;
    let every = PER_INITIATIVE_TABLES.len();
    assert_eq!(found(&pg_dump(&db), &doomed).len(), every);
    assert_eq!(found(&table_files(&db).await, &doomed).len(), every);

    let initiative = InitiativeId::new(DOOMED);
    store.begin_destruction(initiative, at(0)).await.unwrap();
    assert_eq!(
        store.destroy_initiative(initiative).await.unwrap(),
        ONE_OF_EACH
    );
    assert_eq!(found(&pg_dump(&db), &doomed), Vec::<String>::new());
    assert_eq!(
        left_after_compaction(&db, &store, initiative, &doomed).await,
        Vec::<String>::new()
    );
    // The searches find what is still there: the other initiative's rows stand.
    assert_eq!(found(&pg_dump(&db), &kept).len(), every);
    assert_eq!(found(&table_files(&db).await, &kept).len(), every);
    drop(store);
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_compaction_stays_pending_and_a_restarted_node_finishes_it() {
    let db = TestDb::create().await;
    let store = db.store().await;
    let (doomed, _) = plant(&db).await;
    let initiative = InitiativeId::new(DOOMED);
    store.begin_destruction(initiative, at(0)).await.unwrap();

    // Another session holds a lock on one table: its VACUUM FULL gives up after the lock
    // timeout, after the deletes committed.
    let mut holder = db.connection().await;
    sqlx::raw_sql("BEGIN; SELECT COUNT(*) FROM eid_subjects;")
        .execute(&mut holder)
        .await
        .unwrap();
    let failed = store.destroy_initiative(initiative).await;
    assert!(failed.is_err(), "{failed:?}");
    assert!(!store.holds_initiative_data(initiative).await.unwrap());
    assert_eq!(found(&pg_dump(&db), &doomed), Vec::<String>::new());
    // Deleted but not compacted: dead tuples are still in the files of the tables whose
    // VACUUM FULL did not run.
    assert!(!found(&table_files(&db).await, &doomed).is_empty());
    let pending = store.pending_destructions().await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].destroyed, ONE_OF_EACH);
    sqlx::raw_sql("COMMIT").execute(&mut holder).await.unwrap();
    holder.close().await.unwrap();

    // The node stops (the "crash"); another one finds the record and finishes.
    drop(store);
    let store = db.store().await;
    assert_eq!(store.pending_destructions().await.unwrap().len(), 1);
    assert_eq!(
        store.destroy_initiative(initiative).await.unwrap(),
        ONE_OF_EACH
    );
    assert_eq!(
        left_after_compaction(&db, &store, initiative, &doomed).await,
        Vec::<String>::new()
    );
    store.finish_destruction(initiative, at(60)).await.unwrap();
    assert!(store.pending_destructions().await.unwrap().is_empty());
    drop(store);
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_older_than_the_deletes_keeps_the_destruction_pending_until_it_ends() {
    let db = TestDb::create().await;
    let store = db.store().await;
    let (doomed, _) = plant(&db).await;
    let initiative = InitiativeId::new(DOOMED);
    store.begin_destruction(initiative, at(0)).await.unwrap();

    // A reader's snapshot from before the deletes still sees the rows: `VACUUM FULL` would
    // keep them in the new table files and report success.
    let mut reader = db.connection().await;
    sqlx::raw_sql("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT COUNT(*) FROM statements;")
        .execute(&mut reader)
        .await
        .unwrap();
    let refused = store.destroy_initiative(initiative).await;
    assert!(
        matches!(&refused, Err(StorageError::Unavailable(why)) if why.contains("snapshot")),
        "{refused:?}"
    );
    assert!(!store.holds_initiative_data(initiative).await.unwrap());
    assert!(!found(&table_files(&db).await, &doomed).is_empty());
    assert_eq!(store.pending_destructions().await.unwrap().len(), 1);

    sqlx::raw_sql("COMMIT").execute(&mut reader).await.unwrap();
    reader.close().await.unwrap();
    assert_eq!(
        store.destroy_initiative(initiative).await.unwrap(),
        ONE_OF_EACH
    );
    assert_eq!(
        left_after_compaction(&db, &store, initiative, &doomed).await,
        Vec::<String>::new()
    );
    drop(store);
    db.drop_database().await;
}
