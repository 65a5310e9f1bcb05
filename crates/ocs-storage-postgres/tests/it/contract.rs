//! The contract suites of `ocs-storage`: every check on a fresh database, and the
//! coordination checks with two stores (two app nodes) on one database.

use std::sync::Arc;

use parking_lot::Mutex;

use super::TestDb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_storage_contract() {
    let databases = Mutex::new(Vec::new());
    ocs_storage::contract::run_all(|| async {
        let db = TestDb::create().await;
        let store = db.store().await;
        databases.lock().push(db);
        store
    })
    .await;
    let databases = std::mem::take(&mut *databases.lock());
    assert_eq!(databases.len(), 11);
    for db in databases {
        db.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_coordination_contract_across_two_nodes() {
    let databases = Mutex::new(Vec::new());
    ocs_storage::contract::run_coordination(|| async {
        let db = TestDb::create().await;
        let a = Arc::new(db.store().await);
        let b = Arc::new(db.store().await);
        databases.lock().push(db);
        (a, b)
    })
    .await;
    let databases = std::mem::take(&mut *databases.lock());
    assert_eq!(databases.len(), 3);
    for db in databases {
        db.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_mail_contract() {
    let databases = Mutex::new(Vec::new());
    ocs_storage::contract_mail::run_mail(|| async {
        let db = TestDb::create().await;
        let store = db.store().await;
        databases.lock().push(db);
        store
    })
    .await;
    let databases = std::mem::take(&mut *databases.lock());
    assert_eq!(databases.len(), 3);
    for db in databases {
        db.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_console_contract_across_two_nodes() {
    let databases = Mutex::new(Vec::new());
    ocs_storage::contract::run_console(|| async {
        let db = TestDb::create().await;
        let a = Arc::new(db.store().await);
        let b = Arc::new(db.store().await);
        databases.lock().push(db);
        (a, b)
    })
    .await;
    let databases = std::mem::take(&mut *databases.lock());
    assert_eq!(databases.len(), 8);
    for db in databases {
        db.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_initiatives_contract() {
    let db = TestDb::create().await;
    let store = db.store().await;
    ocs_storage::contract::run_initiatives(&store).await;
    drop(store);
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_eid_subjects_contract() {
    let db = TestDb::create().await;
    let store = db.store().await;
    ocs_storage::contract::run_eid_subjects(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_log_contract() {
    let db = TestDb::create().await;
    let store = db.store().await;
    ocs_storage::contract::run_log(&store).await;
    drop(store);
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_retention_contract() {
    let db = TestDb::create().await;
    let store = db.store().await;
    ocs_storage::contract::run_retention(&store).await;
    drop(store);
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_destruction_contract() {
    let db = TestDb::create().await;
    let store = db.store().await;
    ocs_storage::contract::run_destruction(&store).await;
    drop(store);
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_initiative_keys_contract() {
    let db = TestDb::create().await;
    let store = db.store().await;
    ocs_storage::contract::run_initiative_keys(&store).await;
    drop(store);
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_cosignatures_contract() {
    let db = TestDb::create().await;
    let store = db.store().await;
    ocs_storage::contract::run_cosignatures(&store).await;
    drop(store);
    db.drop_database().await;
}
