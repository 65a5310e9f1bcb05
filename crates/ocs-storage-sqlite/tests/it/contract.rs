//! The contract suite of `ocs-storage`, each check on a fresh database file.

use std::sync::atomic::{AtomicUsize, Ordering};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_storage_contract() {
    let dir = tempfile::tempdir().unwrap();
    let opened = AtomicUsize::new(0);
    ocs_storage::contract::run_all(|| {
        let path = dir.path().join(format!(
            "contract-{}.db",
            opened.fetch_add(1, Ordering::Relaxed)
        ));
        async move { super::open(&path) }
    })
    .await;
    assert_eq!(opened.load(Ordering::Relaxed), 11);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_coordination_contract() {
    let dir = tempfile::tempdir().unwrap();
    let opened = AtomicUsize::new(0);
    ocs_storage::contract::run_coordination(|| {
        let path = dir.path().join(format!(
            "coordination-{}.db",
            opened.fetch_add(1, Ordering::Relaxed)
        ));
        async move {
            // One node per SQLite file: both handles are the same store.
            let store = std::sync::Arc::new(super::open(&path));
            (std::sync::Arc::clone(&store), store)
        }
    })
    .await;
    assert_eq!(opened.load(Ordering::Relaxed), 3);
}

#[test]
fn a_second_process_on_the_same_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-node.db");
    let first = super::open(&path);
    let second =
        ocs_storage_sqlite::SqliteStore::open(&path, ocs_storage_sqlite::SqliteOptions::default());
    let Err(error) = second else {
        panic!("a second store opened the same file");
    };
    assert!(error.to_string().contains("one app node"), "{error}");
    drop(first);
    // Once the first store is gone the file opens again.
    let _again = super::open(&path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_mail_contract() {
    let dir = tempfile::tempdir().unwrap();
    let opened = AtomicUsize::new(0);
    ocs_storage::contract_mail::run_mail(|| {
        let path = dir.path().join(format!(
            "mail-{}.db",
            opened.fetch_add(1, Ordering::Relaxed)
        ));
        async move { super::open(&path) }
    })
    .await;
    assert_eq!(opened.load(Ordering::Relaxed), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_console_contract() {
    let dir = tempfile::tempdir().unwrap();
    let opened = AtomicUsize::new(0);
    ocs_storage::contract::run_console(|| {
        let path = dir.path().join(format!(
            "console-{}.db",
            opened.fetch_add(1, Ordering::Relaxed)
        ));
        async move {
            let store = std::sync::Arc::new(super::open(&path));
            (std::sync::Arc::clone(&store), store)
        }
    })
    .await;
    assert_eq!(opened.load(Ordering::Relaxed), 8);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_initiatives_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = super::open(&dir.path().join("initiatives.db"));
    ocs_storage::contract::run_initiatives(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_eid_subjects_contract_and_keeps_them_across_a_restart() {
    use ocs_storage::EidSubjects as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eid.db");
    let store = super::open(&path);
    ocs_storage::contract::run_eid_subjects(&store).await;
    store.close().await.unwrap();
    let reopened = super::open(&path);
    let tag = ocs_domain::DedupTag::from_bytes([0xe1; 32]);
    assert!(
        !reopened
            .reserve_eid_subject(ocs_domain::InitiativeId::new(1), tag)
            .await
            .unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_log_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = super::open(&dir.path().join("log.db"));
    ocs_storage::contract::run_log(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_retention_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = super::open(&dir.path().join("retention.db"));
    ocs_storage::contract::run_retention(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_destruction_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = super::open(&dir.path().join("destruction.db"));
    ocs_storage::contract::run_destruction(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_initiative_keys_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = super::open(&dir.path().join("keys.db"));
    ocs_storage::contract::run_initiative_keys(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meets_the_cosignatures_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = super::open(&dir.path().join("cosignatures.db"));
    ocs_storage::contract::run_cosignatures(&store).await;
}
