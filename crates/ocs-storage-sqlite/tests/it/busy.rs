//! Back-pressure: a full writer queue refuses at once with `Busy`, and whatever was
//! acknowledged is stored.

use std::collections::BTreeSet;
use std::sync::Arc;

use ocs_domain::InitiativeId;
use ocs_storage::{StatementStore, StorageError};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

use super::sealed;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_answers_busy_and_stores_every_acknowledged_statement() {
    let dir = tempfile::tempdir().unwrap();
    let options = SqliteOptions {
        queue_capacity: 1,
        max_batch: 1,
    };
    let store = Arc::new(SqliteStore::open(&dir.path().join("ocs.db"), options).unwrap());
    let mut acknowledged = BTreeSet::new();
    let mut busy = 0;
    let mut serial = 0;
    // One flood nearly always fills a queue of one; a few more make it certain.
    for _ in 0..5 {
        let mut tasks = Vec::new();
        for _ in 0..1000 {
            let store = Arc::clone(&store);
            let statement = sealed(serial);
            serial += 1;
            tasks.push(tokio::spawn(async move {
                let id = statement.id;
                (id, store.record_statement(statement).await)
            }));
        }
        for task in tasks {
            match task.await.unwrap() {
                (id, Ok(recorded)) => assert!(acknowledged.insert((recorded.sequence, id))),
                (_, Err(StorageError::Busy)) => busy += 1,
                (_, Err(error)) => panic!("unexpected error: {error}"),
            }
        }
        if busy > 0 {
            break;
        }
    }
    assert!(busy > 0, "a queue of one never filled");
    assert!(!acknowledged.is_empty());

    let stats = store.stats();
    assert_eq!(stats.rejected_busy, busy);
    assert_eq!(stats.committed, acknowledged.len() as u64);
    assert_eq!(stats.queue_capacity, 1);
    let counts = store.counts(InitiativeId::new(1)).await.unwrap();
    assert_eq!(counts.total(), acknowledged.len() as u64);
    let stored: BTreeSet<_> = store
        .statements(InitiativeId::new(1), 0, u32::MAX)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.sequence, row.id))
        .collect();
    assert_eq!(
        stored, acknowledged,
        "exactly the acknowledged statements are stored"
    );
    // The queue drains: a lone statement goes through again.
    store.record_statement(sealed(serial)).await.unwrap();
}
