//! What was acknowledged survives: a store dropped without `close`, and a process that
//! aborts right after its acknowledgements.

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::Arc;

use ocs_domain::{CountSnapshot, InitiativeId, StatementId};
use ocs_storage::StatementStore;
use ocs_storage_sqlite::SqliteStore;

use super::{open, sealed};

const CHILD_DB: &str = "OCS_TEST_CRASH_DB";
const STATEMENTS: u32 = 400;

/// Records `STATEMENTS` from 40 concurrent tasks; returns what was acknowledged.
async fn record_all(store: Arc<SqliteStore>) -> BTreeMap<StatementId, u64> {
    let mut tasks = Vec::new();
    for task in 0..40 {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for serial in (task..STATEMENTS).step_by(40) {
                let statement = sealed(serial);
                let id = statement.id;
                let recorded = store.record_statement(statement).await.unwrap();
                acknowledged.push((id, recorded.sequence));
            }
            acknowledged
        }));
    }
    let mut acknowledged = BTreeMap::new();
    for task in tasks {
        acknowledged.extend(task.await.unwrap());
    }
    acknowledged
}

async fn stored_ids(store: &SqliteStore) -> BTreeMap<StatementId, u64> {
    let rows = store
        .statements(InitiativeId::new(1), 0, 10_000)
        .await
        .unwrap();
    rows.iter().map(|row| (row.id, row.sequence)).collect()
}

fn expected_counts() -> CountSnapshot {
    let mut counts = CountSnapshot::default();
    for serial in 0..STATEMENTS {
        let statement = sealed(serial);
        *counts.by_country.entry(statement.nationality).or_default() += 1;
        counts.updated_at = counts.updated_at.max(Some(statement.submitted_at));
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_dropped_without_close_keeps_every_acknowledged_statement() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    let store = Arc::new(open(&path));
    let acknowledged = record_all(Arc::clone(&store)).await;
    assert_eq!(acknowledged.len(), STATEMENTS as usize);
    drop(store);

    let reopened = open(&path);
    assert_eq!(
        reopened.counts(InitiativeId::new(1)).await.unwrap(),
        expected_counts()
    );
    assert_eq!(stored_ids(&reopened).await, acknowledged);
    // The log goes on after the last sequence, and old tags are still known.
    let next = reopened.record_statement(sealed(STATEMENTS)).await.unwrap();
    assert!(
        acknowledged
            .values()
            .all(|&sequence| sequence < next.sequence)
    );
    assert!(reopened.record_statement(sealed(7)).await.is_err());
    reopened.close().await.unwrap();
}

/// Run by the test below in a child process: records, then aborts without any cleanup (no
/// destructor, no checkpoint, the WAL left as it is), like a killed server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a child process of crash_after_acknowledging_loses_nothing"]
async fn crashing_child() {
    let Some(path) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let store = Arc::new(open(path.as_ref()));
    // Keep the store alive until the abort: dropping it would close the connections, and the
    // last close checkpoints and deletes the WAL (a race that made this test flaky).
    let acknowledged = record_all(Arc::clone(&store)).await;
    println!("acknowledged {}", acknowledged.len());
    std::process::abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_after_acknowledging_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "durability::crashing_child",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD_DB, &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "the child must abort: {stdout}");
    assert!(
        stdout.contains(&format!("acknowledged {STATEMENTS}")),
        "{stdout}"
    );
    assert!(
        dir.path().join("ocs.db-wal").exists(),
        "the crash left the WAL behind"
    );

    let reopened = open(&path);
    assert_eq!(
        reopened.counts(InitiativeId::new(1)).await.unwrap(),
        expected_counts()
    );
    let stored = stored_ids(&reopened).await;
    assert_eq!(stored.len(), STATEMENTS as usize);
    for serial in 0..STATEMENTS {
        assert!(
            stored.contains_key(&sealed(serial).id),
            "statement {serial} lost"
        );
    }
}

/// Issue 19, finding 6: single-use claims lived only in memory on SQLite, so after a restart a
/// used anti-bot proof was accepted again. They are stored now; an expired one may be taken
/// again, and pruning removes it.
#[tokio::test]
async fn a_used_proof_is_refused_after_a_restart() {
    use jiff::{SignedDuration, Timestamp};
    use ocs_storage::{ClaimKey, Coordination};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.db");
    let now = Timestamp::from_second(1_767_225_600).unwrap();
    let expires = now + SignedDuration::from_mins(10);
    let store = open(&path);
    assert!(
        store
            .claim_once(ClaimKey::from_bytes([1; 32]), expires, now)
            .await
            .unwrap()
    );
    assert!(
        !store
            .claim_once(ClaimKey::from_bytes([1; 32]), expires, now)
            .await
            .unwrap()
    );
    assert!(
        store
            .claim_once(ClaimKey::from_bytes([2; 32]), expires, now)
            .await
            .unwrap()
    );
    store
        .release_claim(ClaimKey::from_bytes([2; 32]))
        .await
        .unwrap();
    store.close().await.unwrap();

    let store = open(&path);
    assert!(
        !store
            .claim_once(ClaimKey::from_bytes([1; 32]), expires, now)
            .await
            .unwrap()
    );
    // A released claim is free again.
    assert!(
        store
            .claim_once(ClaimKey::from_bytes([2; 32]), expires, now)
            .await
            .unwrap()
    );
    // Once expired, the key may be claimed again (a new challenge never repeats one anyway).
    let later = expires + SignedDuration::from_secs(1);
    assert_eq!(store.prune_claims(later).await.unwrap(), 2);
    store.close().await.unwrap();
    let store = open(&path);
    assert!(
        store
            .claim_once(
                ClaimKey::from_bytes([1; 32]),
                later + SignedDuration::from_mins(10),
                later
            )
            .await
            .unwrap()
    );
    store.close().await.unwrap();
}
