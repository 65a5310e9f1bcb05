//! What only a shared backend promises: two app nodes on one database store each tag once
//! and count exactly; the integrity check sees a good database as good; back-pressure and
//! shutdown behave like the SQLite store's.

use std::collections::BTreeSet;
use std::sync::Arc;

use ocs_domain::InitiativeId;
use ocs_storage::{StatementStore, StorageError};
use ocs_storage_postgres::{PostgresOptions, PostgresStore};

use super::{TestDb, sealed};

/// Tasks per node, and statements per task; every tag is offered once on each node.
const TASKS: u32 = 16;
const PER_TASK: u32 = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_recording_the_same_tags_store_each_once_and_count_exactly() {
    let db = TestDb::create().await;
    let small_batches = PostgresOptions {
        max_batch: 16,
        ..PostgresOptions::default()
    };
    let a = Arc::new(
        PostgresStore::connect(&db.url, small_batches)
            .await
            .unwrap(),
    );
    let b = Arc::new(db.store().await);
    let mut tasks = Vec::new();
    for (node_index, node) in [&a, &b].into_iter().enumerate() {
        for task in 0..TASKS {
            let node = Arc::clone(node);
            let node_index = u32::try_from(node_index).unwrap();
            tasks.push(tokio::spawn(async move {
                let mut won = Vec::new();
                for index in 0..PER_TASK {
                    let tag = task * PER_TASK + index;
                    // A distinct identifier per node, the same tag on both.
                    let serial = node_index * 1_000_000 + tag;
                    match node.record_statement(sealed(7, serial, tag)).await {
                        Ok(recorded) => won.push((tag, recorded.sequence)),
                        Err(StorageError::Conflict) => {}
                        Err(error) => panic!("unexpected error: {error}"),
                    }
                }
                won
            }));
        }
    }
    let mut tags = BTreeSet::new();
    let mut sequences = BTreeSet::new();
    for task in tasks {
        for (tag, sequence) in task.await.unwrap() {
            assert!(tags.insert(tag), "tag {tag} stored twice");
            assert!(
                sequences.insert(sequence),
                "sequence {sequence} given twice"
            );
        }
    }
    let distinct = u64::from(TASKS * PER_TASK);
    assert_eq!(tags.len() as u64, distinct, "every tag stored once");

    let initiative = InitiativeId::new(7);
    for node in [&a, &b] {
        assert_eq!(node.counts(initiative).await.unwrap().total(), distinct);
    }
    let (stats_a, stats_b) = (a.stats(), b.stats());
    assert_eq!(stats_a.committed + stats_b.committed, distinct);
    assert_eq!(stats_a.duplicates + stats_b.duplicates, distinct);

    let report = a.integrity_check().await.unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.initiatives.len(), 1);
    assert_eq!(report.initiatives[0].stored, distinct);
    assert_eq!(report.initiatives[0].counted, distinct);

    // Export paging sees exactly the acknowledged rows, in sequence order.
    let mut paged = Vec::new();
    let mut after = 0;
    loop {
        let page = b.statements(initiative, after, 100).await.unwrap();
        let Some(last) = page.last() else { break };
        after = last.sequence;
        paged.extend(page.into_iter().map(|row| row.sequence));
    }
    assert_eq!(paged, sequences.into_iter().collect::<Vec<_>>());

    for node in [a, b] {
        Arc::into_inner(node).unwrap().close().await.unwrap();
    }
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn integrity_check_passes_on_a_good_database_and_sees_a_drifted_counter() {
    let db = TestDb::create().await;
    let store = db.store().await;
    let empty = store.integrity_check().await.unwrap();
    assert!(empty.is_ok() && empty.initiatives.is_empty(), "{empty:?}");
    for serial in 0..30 {
        store
            .record_statement(sealed(1 + serial % 3, serial, serial))
            .await
            .unwrap();
    }
    let good = store.integrity_check().await.unwrap();
    assert!(good.is_ok(), "{good:?}");
    assert_eq!(
        good.initiatives
            .iter()
            .map(|entry| (entry.initiative.get(), entry.stored))
            .collect::<Vec<_>>(),
        [(1, 10), (2, 10), (3, 10)]
    );
    assert_eq!((good.duplicate_tags, good.duplicate_statement_ids), (0, 0));

    // A counter that drifted from its rows is reported.
    let mut connection = db.connection().await;
    sqlx::query("UPDATE statement_counts SET n = n + 1 WHERE initiative_id = 2")
        .execute(&mut connection)
        .await
        .unwrap();
    drop(connection);
    let drifted = store.integrity_check().await.unwrap();
    assert!(!drifted.is_ok());
    let bad: Vec<u32> = drifted
        .initiatives
        .iter()
        .filter(|entry| !entry.counts_match)
        .map(|entry| entry.initiative.get())
        .collect();
    assert_eq!(bad, [2]);
    store.close().await.unwrap();
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reused_statement_identifier_fails_alone() {
    let db = TestDb::create().await;
    let store = Arc::new(db.store().await);
    store.record_statement(sealed(1, 1, 1)).await.unwrap();
    // Same identifier, new tag: refused, but not as a duplicate signer.
    let error = store.record_statement(sealed(1, 1, 2)).await.unwrap_err();
    assert!(matches!(error, StorageError::Other(_)), "{error:?}");
    // The same in one batch: queue both before the writer wakes.
    let first = tokio::spawn({
        let store = Arc::clone(&store);
        async move { store.record_statement(sealed(1, 5, 5)).await }
    });
    let second = tokio::spawn({
        let store = Arc::clone(&store);
        async move { store.record_statement(sealed(1, 5, 6)).await }
    });
    let outcomes = [first.await.unwrap(), second.await.unwrap()];
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1);
    assert_eq!(store.counts(InitiativeId::new(1)).await.unwrap().total(), 2);
    assert!(store.integrity_check().await.unwrap().is_ok());
    Arc::into_inner(store).unwrap().close().await.unwrap();
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_answers_busy_at_once() {
    let db = TestDb::create().await;
    let options = PostgresOptions {
        queue_capacity: 1,
        max_batch: 1,
        ..PostgresOptions::default()
    };
    let store = Arc::new(PostgresStore::connect(&db.url, options).await.unwrap());
    let mut tasks = Vec::new();
    for serial in 0..200 {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            store.record_statement(sealed(1, serial, serial)).await
        }));
    }
    let mut stored = 0u64;
    let mut busy = 0u64;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => stored += 1,
            Err(StorageError::Busy) => busy += 1,
            Err(error) => panic!("unexpected error: {error}"),
        }
    }
    assert!(busy > 0, "200 callers on a queue of one never saw Busy");
    let stats = store.stats();
    assert_eq!(stats.rejected_busy, busy);
    assert_eq!(stats.committed, stored);
    assert_eq!(
        store.counts(InitiativeId::new(1)).await.unwrap().total(),
        stored
    );
    Arc::into_inner(store).unwrap().close().await.unwrap();
    db.drop_database().await;
}

#[tokio::test]
async fn a_lost_server_gives_unavailable_and_a_closed_store_refuses_work() {
    let db = TestDb::create().await;
    let store = db.store().await;
    store.health().await.unwrap();
    // Drop the database under the store: every connection is cut.
    let url = db.url.clone();
    db.drop_database().await;
    match store.record_statement(sealed(1, 1, 1)).await {
        Err(StorageError::Unavailable(_)) => {}
        other => panic!("expected Unavailable, got {other:?}"),
    }
    assert!(store.health().await.is_err());
    let text = format!("{store:?}");
    assert!(
        !text.contains(&url) && !text.contains("postgres://"),
        "{text}"
    );
    store.close().await.unwrap();
}
