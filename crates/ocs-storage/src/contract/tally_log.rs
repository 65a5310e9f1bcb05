//! The contract of [`LogStore`]: pending statements in order, one publication at a time,
//! conflicts on a stale size, withdrawals noticed, positions and tiles read back.
#![expect(
    clippy::indexing_slicing,
    reason = "test code: the statements indexed were all recorded just above"
)]

use jiff::Timestamp;
use ocs_domain::{CountryCode, InitiativeId};

use super::{record, statement};
use crate::{LogAppend, LogHead, LogPosition, LogRecord, LogStore, StatementStore, StorageError};

fn head(size: u64, second: i64) -> LogHead {
    LogHead {
        size,
        note: format!("origin\n{size}\nroot\n\n— sig\n"),
        tally: format!("{{\"size\":{size}}}"),
        published_at: Timestamp::from_second(1_800_000_000 + second).expect("a valid time"),
    }
}

/// Runs the log contract on one store (fresh initiative numbers 61 and 62).
///
/// # Panics
///
/// When the store breaks the contract.
#[expect(
    clippy::too_many_lines,
    reason = "one story: publish, conflict, withdraw, publish"
)]
pub async fn run_log<S: StatementStore + LogStore + ?Sized>(store: &S) {
    let initiative = InitiativeId::new(61);
    let mut sealed = Vec::new();
    for key in 0..4u64 {
        let mut one = statement(61, 6100 + key, CountryCode::DE);
        one.log_entry = (key != 2).then(|| format!("v1 add DE online 2026-01-01T00 {key:064}"));
        record(store, &one).await;
        sealed.push(one);
    }
    // Another initiative's statement never shows up in this log.
    let mut other = statement(62, 6200, CountryCode::FR);
    other.log_entry = Some("v1 add FR online 2026-01-01T00 x".to_owned());
    record(store, &other).await;

    assert_eq!(store.log_head(initiative).await.expect("head"), None);
    let pending = store.log_pending(initiative, 100).await.expect("pending");
    let ids: Vec<_> = pending.adds.iter().map(|add| add.statement).collect();
    assert_eq!(
        ids,
        vec![sealed[0].id, sealed[1].id, sealed[3].id],
        "in order, with entry only"
    );
    assert!(pending.gone.is_empty());
    assert_eq!(
        store
            .log_pending(initiative, 2)
            .await
            .expect("pending")
            .adds
            .len(),
        2,
        "the limit holds"
    );
    assert_eq!(
        store
            .log_position(initiative, sealed[0].id)
            .await
            .expect("position"),
        Some(LogPosition::Pending)
    );
    assert_eq!(
        store
            .log_position(initiative, sealed[2].id)
            .await
            .expect("position"),
        None,
        "a statement without a log line is not in the log"
    );

    let records: Vec<LogRecord> = pending
        .adds
        .iter()
        .zip(0u64..)
        .map(|(add, index)| LogRecord {
            index,
            entry: add.entry.clone(),
            statement: Some(add.statement),
            withdraws: None,
        })
        .collect();
    let first = LogAppend {
        old_size: 0,
        records: records.clone(),
        tiles: vec![
            ("tile/0/000.p/3".to_owned(), vec![7; 96]),
            ("tile/entries/000.p/3".to_owned(), vec![1, 2, 3]),
        ],
        head: head(3, 0),
    };
    store
        .append_log(initiative, first.clone())
        .await
        .expect("first publication");
    assert!(
        matches!(
            store.append_log(initiative, first).await,
            Err(StorageError::Conflict)
        ),
        "a publication at a stale size stores nothing"
    );
    assert_eq!(
        store.log_head(initiative).await.expect("head"),
        Some(head(3, 0))
    );
    assert!(
        store
            .log_pending(initiative, 100)
            .await
            .expect("pending")
            .is_empty()
    );
    assert_eq!(
        store
            .log_position(initiative, sealed[3].id)
            .await
            .expect("position"),
        Some(LogPosition::Published {
            index: 2,
            entry: records[2].entry.clone(),
            envelope: sealed[3].envelope.clone(),
        })
    );
    assert_eq!(
        store
            .log_tile(initiative, "tile/0/000.p/3")
            .await
            .expect("tile"),
        Some(vec![7; 96])
    );
    assert_eq!(
        store
            .log_tile(InitiativeId::new(62), "tile/0/000.p/3")
            .await
            .expect("tile"),
        None
    );

    assert_eq!(
        store
            .log_statements(initiative, 0, 100)
            .await
            .expect("linked statements"),
        vec![(0, sealed[0].id), (1, sealed[1].id), (2, sealed[3].id)],
        "every published add with its statement, in index order"
    );
    assert_eq!(
        store
            .log_statements(initiative, 1, 1)
            .await
            .expect("linked statements"),
        vec![(1, sealed[1].id)],
        "from an index, within the limit"
    );

    // A withdrawn published statement is noticed once, until its withdrawal is published.
    store
        .withdraw_statement(initiative, sealed[1].id)
        .await
        .expect("withdraw");
    let pending = store.log_pending(initiative, 100).await.expect("pending");
    assert_eq!(pending.gone, vec![1]);
    assert!(pending.adds.is_empty());
    store
        .append_log(
            initiative,
            LogAppend {
                old_size: 3,
                records: vec![LogRecord {
                    index: 3,
                    entry: "v1 withdraw 1".to_owned(),
                    statement: None,
                    withdraws: Some(1),
                }],
                tiles: vec![("tile/0/000.p/4".to_owned(), vec![8; 128])],
                head: head(4, 60),
            },
        )
        .await
        .expect("second publication");
    assert!(
        store
            .log_pending(initiative, 100)
            .await
            .expect("pending")
            .is_empty()
    );
    assert_eq!(
        store
            .log_statements(initiative, 0, 100)
            .await
            .expect("linked statements"),
        vec![(0, sealed[0].id), (2, sealed[3].id)],
        "a published withdrawal unlinks its statement"
    );
    let all = store
        .log_checkpoints(initiative)
        .await
        .expect("checkpoints");
    assert_eq!(all, vec![head(3, 0), head(4, 60)]);
}
