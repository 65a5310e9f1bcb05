//! The migration folders and the runner: both backends ship the same file names, and
//! migrating twice, or from two nodes at once, applies each migration once.

use std::path::Path;

use super::TestDb;

fn names_in(folder: &str) -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../migrations")
        .join(folder);
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn sqlite_and_postgres_hold_the_same_migration_file_names() {
    let sqlite = names_in("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names_in("postgres"));
}

#[tokio::test]
async fn migrate_applies_once_and_connect_applies_nothing_more() {
    let db = TestDb::create().await;
    let applied = ocs_storage_postgres::migrate(&db.url).await.unwrap();
    let expected: Vec<String> = names_in("postgres")
        .iter()
        .filter_map(|name| name.strip_suffix(".sql").map(str::to_owned))
        .collect();
    assert_eq!(applied, expected);
    assert!(
        ocs_storage_postgres::migrate(&db.url)
            .await
            .unwrap()
            .is_empty()
    );
    db.store().await.close().await.unwrap();
    let mut connection = db.connection().await;
    let recorded: Vec<String> =
        sqlx::query_scalar("SELECT name FROM schema_migrations ORDER BY version")
            .fetch_all(&mut connection)
            .await
            .unwrap();
    assert_eq!(recorded, expected);
    drop(connection);
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_starting_together_migrate_once() {
    let db = TestDb::create().await;
    let url = db.url.clone();
    let runs: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move { ocs_storage_postgres::migrate(&url).await })
        })
        .collect();
    let mut total = 0;
    for run in runs {
        total += run.await.unwrap().unwrap().len();
    }
    assert_eq!(total, names_in("postgres").len());
    db.drop_database().await;
}

#[tokio::test]
async fn a_renamed_migration_is_refused() {
    let db = TestDb::create().await;
    ocs_storage_postgres::migrate(&db.url).await.unwrap();
    let mut connection = db.connection().await;
    sqlx::query("UPDATE schema_migrations SET name = 'other' WHERE version = 1")
        .execute(&mut connection)
        .await
        .unwrap();
    drop(connection);
    let error = ocs_storage_postgres::migrate(&db.url).await.unwrap_err();
    assert!(error.to_string().contains("other"), "{error}");
    db.drop_database().await;
}
