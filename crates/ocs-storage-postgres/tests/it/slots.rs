//! A replication slot that keeps the destroyed rows (its `catalog_xmin`, and its
//! `restart_lsn` from before the deletes) keeps the destruction pending, named in the error,
//! until it is gone (issue 20). A logical slot, so that only this test's database sees it.

use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::{DestructionLog, StatementStore, StorageError};

use crate::{TestDb, sealed};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replication_slot_older_than_the_deletes_keeps_the_destruction_pending_until_dropped() {
    let db = TestDb::create().await;
    let store = db.store().await;
    let initiative = InitiativeId::new(1);
    for serial in 1..=3 {
        store
            .record_statement(sealed(1, serial, serial))
            .await
            .unwrap();
    }
    let at = Timestamp::from_second(1_770_000_000).unwrap();
    store.begin_destruction(initiative, at).await.unwrap();
    let mut connection = db.connection().await;
    let slot: String = sqlx::query_scalar(
        "SELECT slot_name::TEXT FROM pg_create_logical_replication_slot(
             'ocs_test_' || md5(current_database()), 'pgoutput')",
    )
    .fetch_one(&mut connection)
    .await
    .expect("a logical slot (the test cluster runs with wal_level=logical)");

    let refused = store.destroy_initiative(initiative).await;
    assert!(
        matches!(&refused, Err(StorageError::Unavailable(why))
            if why.contains("replication slot") && why.contains(&slot)),
        "{refused:?}"
    );
    // The rows are deleted, but the destruction is not finished: no certificate yet.
    assert!(!store.holds_initiative_data(initiative).await.unwrap());
    assert_eq!(store.pending_destructions().await.unwrap().len(), 1);

    sqlx::query("SELECT pg_drop_replication_slot($1)")
        .bind(&slot)
        .execute(&mut connection)
        .await
        .unwrap();
    let destroyed = store.destroy_initiative(initiative).await.unwrap();
    assert_eq!(destroyed.statements, 3);
    store.finish_destruction(initiative, at).await.unwrap();
    assert!(store.pending_destructions().await.unwrap().is_empty());
    sqlx::Connection::close(connection).await.unwrap();
    drop(store);
    db.drop_database().await;
}
