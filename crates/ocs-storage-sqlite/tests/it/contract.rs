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
    assert_eq!(opened.load(Ordering::Relaxed), 6);
}
