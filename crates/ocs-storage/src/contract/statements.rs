//! The recording part of the contract: statements read back byte for byte, a known tag is a
//! conflict, counts and pages are exact, and concurrent recording acknowledges exactly what it stores.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jiff::Timestamp;
use ocs_domain::{CountSnapshot, CountryCode, InitiativeId, StatementId};

use super::fixtures::{all_statements, country, expect_stored, record, statement};
use crate::{StatementStore, StorageError, StoredStatement};

/// Tasks recording at the same time in the concurrency check.
const TASKS: u64 = 64;
/// Statements each task records in the concurrency check; every fifth reuses a tag.
const PER_TASK: u64 = 50;

pub(super) async fn record_then_read_back<S: StatementStore>(store: S) {
    store.health().await.expect("a fresh store is healthy");
    let initiative = InitiativeId::new(1);
    assert_eq!(
        store.counts(initiative).await.expect("counts"),
        CountSnapshot::default()
    );
    assert!(
        store
            .statements(initiative, 0, 10)
            .await
            .expect("statements")
            .is_empty()
    );

    let sealed = statement(1, 42, CountryCode::EL);
    let recorded = record(&store, &sealed).await;
    let stored = store
        .statements(initiative, 0, 10)
        .await
        .expect("statements");
    assert_eq!(stored.len(), 1);
    let first = stored.first().expect("one row");
    expect_stored(&sealed, first, recorded);
    assert!(
        store
            .statements(initiative, 0, 0)
            .await
            .expect("statements")
            .is_empty()
    );
    assert!(
        store
            .statements(initiative, recorded.sequence, 10)
            .await
            .expect("statements")
            .is_empty()
    );

    let counts = store.counts(initiative).await.expect("counts");
    assert_eq!(counts.count(CountryCode::EL), 1);
    assert_eq!(counts.total(), 1);
    assert_eq!(counts.updated_at, Some(sealed.submitted_at));
    let stats = store.stats();
    assert_eq!((stats.committed, stats.duplicates), (1, 0));
    assert!(stats.batches >= 1);
}

pub(super) async fn same_tag_twice_is_a_conflict<S: StatementStore>(store: S) {
    let initiative = InitiativeId::new(2);
    let first = statement(2, 7, CountryCode::DE);
    let recorded = record(&store, &first).await;
    let before = store.counts(initiative).await.expect("counts");

    // Same signer again: a new identifier, another nationality and envelope, the same tag.
    let mut again = statement(2, 7, CountryCode::FR);
    again.envelope = vec![1, 2, 3];
    match store.record_statement(again).await {
        Err(StorageError::Conflict) => {}
        other => panic!("a known tag must give Conflict, got {other:?}"),
    }
    assert_eq!(store.counts(initiative).await.expect("counts"), before);
    let stored = all_statements(&store, initiative).await;
    assert_eq!(stored.len(), 1, "a conflict stores nothing");
    expect_stored(&first, stored.first().expect("one row"), recorded);
    let stats = store.stats();
    assert_eq!((stats.committed, stats.duplicates), (1, 1));
}

pub(super) async fn tags_are_isolated_per_initiative<S: StatementStore>(store: S) {
    let in_one = statement(10, 99, CountryCode::PL);
    let in_two = statement(11, 99, CountryCode::PL);
    assert_eq!(in_one.tag, in_two.tag);
    let first = record(&store, &in_one).await;
    let second = record(&store, &in_two).await;
    assert_ne!(first.sequence, second.sequence);
    for (sealed, recorded) in [(&in_one, first), (&in_two, second)] {
        let counts = store.counts(sealed.initiative).await.expect("counts");
        assert_eq!(counts.total(), 1);
        let stored = all_statements(&store, sealed.initiative).await;
        assert_eq!(stored.len(), 1);
        expect_stored(sealed, stored.first().expect("one row"), recorded);
    }
}

pub(super) async fn counts_are_exact<S: StatementStore>(store: S) {
    let plan: [(u32, CountryCode, u64); 5] = [
        (20, CountryCode::DE, 3),
        (20, CountryCode::FR, 2),
        (20, CountryCode::MT, 1),
        (21, CountryCode::DE, 4),
        (21, CountryCode::SK, 1),
    ];
    let mut key = 1000;
    let mut latest: BTreeMap<u32, Timestamp> = BTreeMap::new();
    for (initiative, nationality, how_many) in plan {
        for _ in 0..how_many {
            key += 1;
            let sealed = statement(initiative, key, nationality);
            record(&store, &sealed).await;
            latest.insert(initiative, sealed.submitted_at);
        }
    }
    // A duplicate must not move any count.
    let duplicate = statement(20, 1001, CountryCode::FR);
    assert!(matches!(
        store.record_statement(duplicate).await,
        Err(StorageError::Conflict)
    ));

    for initiative in [20, 21] {
        let counts = store
            .counts(InitiativeId::new(initiative))
            .await
            .expect("counts");
        let expected: BTreeMap<CountryCode, u64> = plan
            .iter()
            .filter(|(id, _, _)| *id == initiative)
            .map(|(_, nationality, how_many)| (*nationality, *how_many))
            .collect();
        assert_eq!(counts.by_country, expected, "initiative {initiative}");
        assert_eq!(counts.total(), expected.values().sum::<u64>());
        assert_eq!(counts.updated_at, latest.get(&initiative).copied());
    }
    let unknown = store.counts(InitiativeId::new(22)).await.expect("counts");
    assert_eq!(unknown, CountSnapshot::default());
}

pub(super) async fn counts_over_time_per_bucket<S: StatementStore>(store: S) {
    // A UTC midnight, so hour and day buckets both start there.
    let base = Timestamp::from_second(1_780_963_200).expect("time");
    let at = |minutes: i64| {
        base.checked_add(jiff::SignedDuration::from_mins(minutes))
            .expect("time")
    };
    let mut key = 5000;
    for (initiative, minutes) in [
        (30, 0),
        (30, 10),
        (30, 59),
        (30, 60),
        (30, 61),
        (30, 185),
        (30, -1),
        (31, 5),
    ] {
        key += 1;
        let mut sealed = statement(initiative, key, CountryCode::DE);
        sealed.submitted_at = at(minutes);
        record(&store, &sealed).await;
    }
    let hour = jiff::SignedDuration::from_hours(1);
    let id = InitiativeId::new(30);
    let per_hour = store.counts_over_time(id, base, hour).await.expect("hours");
    assert_eq!(per_hour, vec![(base, 3), (at(60), 2), (at(180), 1)]);
    let per_day = store
        .counts_over_time(id, base, jiff::SignedDuration::from_hours(24))
        .await
        .expect("days");
    assert_eq!(per_day, vec![(base, 6)]);
    let later = store
        .counts_over_time(id, at(120), hour)
        .await
        .expect("hours");
    assert_eq!(later, vec![(at(180), 1)]);
    let before = store
        .counts_over_time(id, at(-60), jiff::SignedDuration::from_hours(24))
        .await
        .expect("days");
    assert_eq!(
        before,
        vec![(at(-24 * 60), 1), (base, 6)],
        "the day before is its own bucket"
    );
    let none = store
        .counts_over_time(InitiativeId::new(32), base, hour)
        .await
        .expect("hours");
    assert!(none.is_empty());
}

pub(super) async fn statements_page_by_sequence<S: StatementStore>(store: S) {
    let mut recorded = Vec::new();
    for key in 0..25 {
        let sealed = statement(30, 2000 + key, country(key));
        let sequence = record(&store, &sealed).await;
        recorded.push((sealed, sequence));
        // Another initiative in between: paging must skip its rows.
        record(&store, &statement(31, 3000 + key, CountryCode::IE)).await;
    }
    let initiative = InitiativeId::new(30);
    let mut pages = Vec::new();
    let mut after = 0;
    loop {
        let page = store
            .statements(initiative, after, 10)
            .await
            .expect("statements");
        let Some(last) = page.last() else { break };
        after = last.sequence;
        pages.push(page);
    }
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [10, 10, 5]);
    let stored: Vec<StoredStatement> = pages.into_iter().flatten().collect();
    assert!(stored.windows(2).all(|pair| match pair {
        [earlier, later] => earlier.sequence < later.sequence,
        _ => true,
    }));
    assert_eq!(stored.len(), recorded.len());
    for ((sealed, sequence), row) in recorded.iter().zip(&stored) {
        expect_stored(sealed, row, *sequence);
    }
    // Start in the middle: exactly the rows after that sequence.
    let (_, middle) = recorded.get(11).expect("25 rows");
    let rest = store
        .statements(initiative, middle.sequence, 100)
        .await
        .expect("statements");
    assert_eq!(rest.len(), 13);
    assert_eq!(
        rest.first().map(|row| row.id),
        recorded.get(12).map(|(s, _)| s.id)
    );
}

pub(super) async fn concurrent_recording_is_exact<S: StatementStore + 'static>(store: S) {
    let store = Arc::new(store);
    let initiative = InitiativeId::new(40);
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            let mut outcomes = Vec::new();
            for index in 0..PER_TASK {
                // Every fifth statement reuses the tag of the neighbouring task's previous
                // one, so the two race; exactly one of each pair may win.
                let key = if index % 5 == 4 {
                    ((task + 1) % TASKS) * PER_TASK + index - 1
                } else {
                    task * PER_TASK + index
                };
                let sealed = statement(40, key, country(task * 7 + index));
                let id = sealed.id;
                let nationality = sealed.nationality;
                outcomes.push((id, nationality, store.record_statement(sealed).await));
            }
            outcomes
        }));
    }
    let mut sequences = BTreeSet::new();
    let mut recorded_ids = BTreeMap::new();
    let mut expected_counts: BTreeMap<CountryCode, u64> = BTreeMap::new();
    let mut conflicts = 0;
    for task in tasks {
        for (id, nationality, outcome) in task.await.expect("task") {
            match outcome {
                Ok(recorded) => {
                    assert!(sequences.insert(recorded.sequence), "sequence given twice");
                    recorded_ids.insert(id, recorded.sequence);
                    *expected_counts.entry(nationality).or_default() += 1;
                }
                Err(StorageError::Conflict) => conflicts += 1,
                Err(error) => panic!("unexpected error under concurrency: {error}"),
            }
        }
    }
    let distinct_tags = TASKS * (PER_TASK - PER_TASK / 5);
    assert_eq!(recorded_ids.len() as u64, distinct_tags);
    assert_eq!(conflicts, TASKS * PER_TASK - distinct_tags);

    let counts = store.counts(initiative).await.expect("counts");
    assert_eq!(counts.total(), distinct_tags);
    assert_eq!(counts.by_country, expected_counts);

    let stored = all_statements(store.as_ref(), initiative).await;
    let stored_ids: BTreeMap<StatementId, u64> =
        stored.iter().map(|row| (row.id, row.sequence)).collect();
    assert_eq!(
        stored_ids, recorded_ids,
        "exactly the acknowledged statements are stored"
    );

    let stats = store.stats();
    assert_eq!(
        (stats.committed, stats.duplicates),
        (distinct_tags, conflicts)
    );
    assert_eq!(stats.queue_depth, 0);
}
