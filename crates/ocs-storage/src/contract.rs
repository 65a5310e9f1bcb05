//! The contract suite: the behaviour every [`StatementStore`] backend must show, run on fresh
//! stores. Backends call [`run_all`] from their integration tests (cargo feature `testing`).
#![expect(
    clippy::expect_used,
    clippy::panic,
    reason = "this is test code: a broken promise must fail the calling test"
)]

mod console;
mod cosignatures;
mod destruction;
mod initiatives;
mod retention;
mod tally_log;

pub use console::run_console;
pub use cosignatures::run_cosignatures;
pub use destruction::{
    PlantedMarker, contains_marker, plant_markers, run_destruction, run_initiative_keys,
};
pub use initiatives::run_initiatives;
pub use retention::run_retention;
pub use tally_log::run_log;

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::Timestamp;
use ocs_domain::{CountSnapshot, CountryCode, DedupTag, InitiativeId, StatementId};

use crate::{
    Coordination, Recorded, SealedStatement, StatementStore, StorageError, StoredStatement,
};

/// Tasks recording at the same time in the concurrency check.
const TASKS: u64 = 64;
/// Statements each task records in the concurrency check; every fifth reuses a tag.
const PER_TASK: u64 = 50;

/// Runs every check of the contract, each on a fresh store from `make`.
///
/// `make` must return an empty store each time it is called. Run it on a multi-threaded
/// runtime to let the concurrency check race for real.
pub async fn run_all<S, F, Fut>(make: F)
where
    S: StatementStore + 'static,
    F: Fn() -> Fut,
    Fut: Future<Output = S>,
{
    record_then_read_back(make().await).await;
    same_tag_twice_is_a_conflict(make().await).await;
    tags_are_isolated_per_initiative(make().await).await;
    counts_are_exact(make().await).await;
    statements_page_by_sequence(make().await).await;
    counts_over_time_per_bucket(make().await).await;
    concurrent_recording_is_exact(make().await).await;
    withdrawal_removes_row_tag_and_count(make().await).await;
    duplicates_leave_a_receipt_alias(make().await).await;
    destruction_removes_one_initiative(make().await).await;
    paper_statements_are_flagged_and_counted_apart(make().await).await;
}

/// The paper flag is stored, read back, and counted per nationality.
async fn paper_statements_are_flagged_and_counted_apart<S: StatementStore>(store: S) {
    let online = statement(1, 800, CountryCode::PT);
    let mut paper = statement(1, 801, CountryCode::PT);
    paper.paper = true;
    let mut other = statement(1, 802, CountryCode::LV);
    other.paper = true;
    for sealed in [online, paper.clone(), other] {
        store.record_statement(sealed).await.expect("record");
    }
    let rows = store
        .statements(InitiativeId::new(1), 0, 10)
        .await
        .expect("page");
    let flags: Vec<bool> = rows.iter().map(|row| row.paper).collect();
    assert_eq!(flags, [false, true, true]);
    let counts = store
        .paper_counts(InitiativeId::new(1))
        .await
        .expect("paper counts");
    assert_eq!(
        counts,
        BTreeMap::from([(CountryCode::LV, 1), (CountryCode::PT, 1)])
    );
    assert_eq!(
        store
            .counts(InitiativeId::new(1))
            .await
            .expect("counts")
            .total(),
        3
    );
    store
        .withdraw_statement(InitiativeId::new(1), paper.id)
        .await
        .expect("withdraw");
    let counts = store
        .paper_counts(InitiativeId::new(1))
        .await
        .expect("paper counts");
    assert_eq!(counts, BTreeMap::from([(CountryCode::LV, 1)]));
}

/// A withdrawn statement is gone from reads and counts, and its tag may be used again.
async fn withdrawal_removes_row_tag_and_count<S: StatementStore>(store: S) {
    let first = statement(1, 500, CountryCode::AT);
    let other = statement(1, 501, CountryCode::AT);
    store.record_statement(first.clone()).await.expect("first");
    store.record_statement(other.clone()).await.expect("other");
    let found = store
        .find_receipt(InitiativeId::new(1), first.id)
        .await
        .expect("find")
        .expect("the statement is found");
    assert_eq!(found.verifier, first.receipt_verifier);
    assert!(found.counted && !found.alias);
    assert_eq!(
        store
            .find_receipt(InitiativeId::new(2), first.id)
            .await
            .expect("find"),
        None,
        "a receipt of another initiative is unknown here"
    );
    assert!(matches!(
        store
            .withdraw_statement(InitiativeId::new(2), first.id)
            .await,
        Err(StorageError::NotFound)
    ));
    assert_eq!(
        store
            .withdraw_statement(InitiativeId::new(1), first.id)
            .await
            .expect("withdraw"),
        crate::Withdrawn::Statement
    );
    assert_eq!(
        store
            .find_receipt(InitiativeId::new(1), first.id)
            .await
            .expect("find"),
        None
    );
    assert!(matches!(
        store
            .withdraw_statement(InitiativeId::new(1), first.id)
            .await,
        Err(StorageError::NotFound)
    ));
    let counts = store.counts(InitiativeId::new(1)).await.expect("counts");
    assert_eq!(
        counts.count(CountryCode::AT),
        1,
        "the withdrawn statement no longer counts"
    );
    let left = store
        .statements(InitiativeId::new(1), 0, 10)
        .await
        .expect("page");
    assert_eq!(
        left.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![other.id]
    );
    // The same person signs again: the tag is free.
    let again = statement(1, 500, CountryCode::AT);
    store
        .record_statement(again)
        .await
        .expect("signing again after a withdrawal");
    let counts = store.counts(InitiativeId::new(1)).await.expect("counts");
    assert_eq!(counts.count(CountryCode::AT), 2);
}

/// A duplicate stores nothing countable but keeps its receipt as an alias that follows the
/// statement it repeated; withdrawing the alias leaves that statement alone.
async fn duplicates_leave_a_receipt_alias<S: StatementStore>(store: S) {
    let first = statement(1, 600, CountryCode::FI);
    let duplicate = statement(1, 600, CountryCode::FI);
    store.record_statement(first.clone()).await.expect("first");
    assert!(matches!(
        store.record_statement(duplicate.clone()).await,
        Err(StorageError::Conflict)
    ));
    let alias = store
        .find_receipt(InitiativeId::new(1), duplicate.id)
        .await
        .expect("find")
        .expect("the duplicate's receipt is known");
    assert_eq!(alias.verifier, duplicate.receipt_verifier);
    assert!(alias.alias && alias.counted);
    assert_eq!(
        store
            .withdraw_statement(InitiativeId::new(1), duplicate.id)
            .await
            .expect("withdraw"),
        crate::Withdrawn::Alias
    );
    assert_eq!(
        store
            .find_receipt(InitiativeId::new(1), duplicate.id)
            .await
            .expect("find"),
        None
    );
    let counts = store.counts(InitiativeId::new(1)).await.expect("counts");
    assert_eq!(
        counts.count(CountryCode::FI),
        1,
        "the first statement stands"
    );
    // An alias of a statement withdrawn later no longer counts.
    let second = statement(1, 600, CountryCode::FI);
    assert!(matches!(
        store.record_statement(second.clone()).await,
        Err(StorageError::Conflict)
    ));
    store
        .withdraw_statement(InitiativeId::new(1), first.id)
        .await
        .expect("withdraw");
    let alias = store
        .find_receipt(InitiativeId::new(1), second.id)
        .await
        .expect("find")
        .expect("alias");
    assert!(alias.alias && !alias.counted);
}

/// Destroying one initiative leaves the other untouched.
async fn destruction_removes_one_initiative<S: StatementStore>(store: S) {
    let kept = statement(2, 700, CountryCode::BE);
    store.record_statement(kept.clone()).await.expect("kept");
    let mut first_gone = None;
    for key in 701..711 {
        let sealed = statement(1, key, country(key));
        store
            .record_statement(sealed.clone())
            .await
            .expect("record");
        first_gone.get_or_insert(sealed.id);
    }
    let first_gone = first_gone.expect("ten statements");
    let duplicate = statement(1, 701, country(701));
    assert!(matches!(
        store.record_statement(duplicate).await,
        Err(StorageError::Conflict)
    ));
    let destroyed = store
        .destroy_initiative(InitiativeId::new(1))
        .await
        .expect("destroy");
    assert_eq!(
        destroyed,
        crate::Destroyed {
            statements: 10,
            aliases: 1,
            ..crate::Destroyed::default()
        }
    );
    assert_eq!(
        store
            .counts(InitiativeId::new(1))
            .await
            .expect("counts")
            .total(),
        0
    );
    assert!(
        store
            .statements(InitiativeId::new(1), 0, 100)
            .await
            .expect("page")
            .is_empty()
    );
    assert_eq!(
        store
            .find_receipt(InitiativeId::new(1), first_gone)
            .await
            .expect("find"),
        None
    );
    assert_eq!(
        store
            .counts(InitiativeId::new(2))
            .await
            .expect("counts")
            .total(),
        1
    );
    // Nothing is left to destroy a second time.
    let again = store
        .destroy_initiative(InitiativeId::new(1))
        .await
        .expect("again");
    assert_eq!(again, crate::Destroyed::default());
}

/// Runs every check of the [`Coordination`] contract, each on a fresh store from `make`.
/// For a shared backend, `make` may return two handles on one database as `(a, b)` to check
/// that the nodes agree; a single-node backend passes the same handle twice.
pub async fn run_coordination<C, F, Fut>(make: F)
where
    C: Coordination + 'static,
    F: Fn() -> Fut,
    Fut: Future<Output = (Arc<C>, Arc<C>)>,
{
    let (a, b) = make().await;
    a_claim_is_single_use(a.as_ref(), b.as_ref()).await;
    let (a, b) = make().await;
    a_lease_has_one_holder(a.as_ref(), b.as_ref()).await;
    let (a, b) = make().await;
    concurrent_claims_have_one_winner(a, b).await;
}

async fn a_claim_is_single_use<C: Coordination + ?Sized>(a: &C, b: &C) {
    let now = moment(0);
    let later = moment(60_000);
    assert!(a.claim_once([1; 32], later, now).await.expect("claim"));
    assert!(
        !a.claim_once([1; 32], later, now).await.expect("claim"),
        "claimed twice"
    );
    assert!(
        !b.claim_once([1; 32], later, now).await.expect("claim"),
        "claimed on both nodes"
    );
    assert!(
        b.claim_once([2; 32], later, now).await.expect("claim"),
        "another key"
    );
    // Pruning keeps live claims and drops expired ones; an expired key may be claimed again.
    assert_eq!(a.prune_claims(now).await.expect("prune"), 0);
    assert!(
        !a.claim_once([1; 32], later, now).await.expect("claim"),
        "pruned a live claim"
    );
    let after = moment(60_001);
    assert!(a.prune_claims(after).await.expect("prune") >= 2);
    assert!(
        b.claim_once([1; 32], moment(120_000), after)
            .await
            .expect("claim")
    );
    // A released claim may be made again at once, on any node.
    assert!(a.claim_once([4; 32], later, now).await.expect("claim"));
    a.release_claim([4; 32]).await.expect("release");
    assert!(
        b.claim_once([4; 32], later, now)
            .await
            .expect("claim after release")
    );
    assert!(
        !a.claim_once([4; 32], later, now).await.expect("claim"),
        "released twice"
    );
    // Without pruning, an expired claim does not block either.
    assert!(a.claim_once([3; 32], moment(10), now).await.expect("claim"));
    assert!(
        b.claim_once([3; 32], moment(200_000), moment(11))
            .await
            .expect("claim")
    );
}

async fn a_lease_has_one_holder<C: Coordination + ?Sized>(a: &C, b: &C) {
    let job = "contract.job";
    let now = moment(0);
    assert!(
        a.try_lease(job, "node-a", moment(30_000), now)
            .await
            .expect("lease")
    );
    assert!(
        !b.try_lease(job, "node-b", moment(30_000), moment(1))
            .await
            .expect("lease"),
        "two holders"
    );
    // The holder renews; the other still waits.
    assert!(
        a.try_lease(job, "node-a", moment(60_000), moment(20_000))
            .await
            .expect("renew")
    );
    assert!(
        !b.try_lease(job, "node-b", moment(90_000), moment(40_000))
            .await
            .expect("lease"),
        "lease taken before expiry"
    );
    // Other jobs are independent.
    assert!(
        b.try_lease("contract.other", "node-b", moment(90_000), moment(40_000))
            .await
            .expect("lease")
    );
    // After expiry the other node takes over and the first one is out.
    assert!(
        b.try_lease(job, "node-b", moment(120_000), moment(60_001))
            .await
            .expect("take over")
    );
    assert!(
        !a.try_lease(job, "node-a", moment(150_000), moment(60_002))
            .await
            .expect("lease"),
        "old holder kept the lease"
    );
}

async fn concurrent_claims_have_one_winner<C: Coordination + 'static>(a: Arc<C>, b: Arc<C>) {
    let mut tasks = tokio::task::JoinSet::new();
    for task in 0..32u8 {
        let node = if task % 2 == 0 {
            Arc::clone(&a)
        } else {
            Arc::clone(&b)
        };
        tasks.spawn(async move {
            let mut won = 0u32;
            for key in 0..20u8 {
                if node
                    .claim_once([key; 32], moment(60_000), moment(0))
                    .await
                    .expect("claim")
                {
                    won += 1;
                }
            }
            won
        });
    }
    let mut total = 0;
    while let Some(won) = tasks.join_next().await {
        total += won.expect("task");
    }
    assert_eq!(
        total, 20,
        "each key must be won exactly once across tasks and nodes"
    );
}

/// A statement whose tag derives from `key` alone, so equal keys collide; every call gets a
/// new statement identifier.
fn statement(initiative: u32, key: u64, nationality: CountryCode) -> SealedStatement {
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let serial = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let mut id = [0x5A; 16];
    for (slot, byte) in id.iter_mut().zip(serial.to_be_bytes()) {
        *slot = byte;
    }
    let mut tag = [0; 32];
    let mut state = key;
    for chunk in tag.chunks_mut(8) {
        let word = splitmix64(&mut state).to_be_bytes();
        for (slot, byte) in chunk.iter_mut().zip(word) {
            *slot = byte;
        }
    }
    // Every byte value, zeros included, and a length that varies with the key.
    let length = 300 + usize::try_from(key % 64).unwrap_or(0);
    let salt = serial.to_le_bytes().first().copied().unwrap_or(0);
    let envelope = (0..=u8::MAX)
        .cycle()
        .take(length)
        .map(|byte| byte ^ salt)
        .collect();
    SealedStatement {
        id: StatementId::from_bytes(id),
        initiative: InitiativeId::new(initiative),
        nationality,
        submitted_at: moment(i64::try_from(key).unwrap_or(0)),
        tag: DedupTag::from_bytes(tag),
        envelope,
        test: key.is_multiple_of(3),
        receipt_verifier: Some(verifier_of(serial)),
        paper: false,
        log_entry: None,
    }
}

/// A verifier that differs per statement.
fn verifier_of(serial: u64) -> [u8; 32] {
    let mut verifier = [0xC3; 32];
    for (slot, byte) in verifier.iter_mut().zip(serial.to_be_bytes()) {
        *slot = byte;
    }
    verifier
}

/// A whole-millisecond time (stores keep milliseconds), `offset` ms after a fixed start.
fn moment(offset: i64) -> Timestamp {
    Timestamp::from_millisecond(1_750_000_000_000 + offset).expect("a valid time")
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn country(index: u64) -> CountryCode {
    let index = usize::try_from(index % 27).unwrap_or(0);
    CountryCode::ALL
        .get(index)
        .copied()
        .unwrap_or(CountryCode::AT)
}

fn expect_stored(statement: &SealedStatement, stored: &StoredStatement, recorded: Recorded) {
    assert_eq!(
        stored.sequence, recorded.sequence,
        "sequence of {:?}",
        statement.id
    );
    assert_eq!(stored.id, statement.id);
    assert_eq!(stored.initiative, statement.initiative);
    assert_eq!(stored.nationality, statement.nationality);
    assert_eq!(stored.submitted_at, statement.submitted_at);
    assert!(
        stored.envelope == statement.envelope,
        "envelope bytes changed"
    );
    assert_eq!(stored.test, statement.test);
    assert!(stored.tag == statement.tag, "tag changed");
}

async fn record<S: StatementStore + ?Sized>(store: &S, statement: &SealedStatement) -> Recorded {
    match store.record_statement(statement.clone()).await {
        Ok(recorded) => recorded,
        Err(error) => panic!("recording {:?} failed: {error}", statement.id),
    }
}

/// Every committed statement of `initiative`, paged 7 at a time to exercise the cursor.
async fn all_statements<S: StatementStore + ?Sized>(
    store: &S,
    initiative: InitiativeId,
) -> Vec<StoredStatement> {
    let mut all: Vec<StoredStatement> = Vec::new();
    let mut after = 0;
    loop {
        let page = store
            .statements(initiative, after, 7)
            .await
            .expect("statements");
        assert!(page.len() <= 7, "a page holds at most `limit` rows");
        let Some(last) = page.last() else { break };
        after = last.sequence;
        all.extend(page);
    }
    all
}

async fn record_then_read_back<S: StatementStore>(store: S) {
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

async fn same_tag_twice_is_a_conflict<S: StatementStore>(store: S) {
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

async fn tags_are_isolated_per_initiative<S: StatementStore>(store: S) {
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

async fn counts_are_exact<S: StatementStore>(store: S) {
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

async fn counts_over_time_per_bucket<S: StatementStore>(store: S) {
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

async fn statements_page_by_sequence<S: StatementStore>(store: S) {
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

async fn concurrent_recording_is_exact<S: StatementStore + 'static>(store: S) {
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

/// The [`crate::EidSubjects`] contract: a subject is recorded once per initiative, a release
/// frees it, and another initiative is independent.
///
/// # Panics
///
/// When the store breaks the contract.
pub async fn run_eid_subjects<S: crate::EidSubjects>(store: &S) {
    let tag = DedupTag::from_bytes([0xe1; 32]);
    let first = InitiativeId::new(1);
    let second = InitiativeId::new(2);
    assert!(
        store
            .reserve_eid_subject(first, tag)
            .await
            .expect("eID subjects")
    );
    assert!(
        !store
            .reserve_eid_subject(first, tag)
            .await
            .expect("eID subjects")
    );
    assert!(
        store
            .reserve_eid_subject(second, tag)
            .await
            .expect("eID subjects")
    );
    store
        .release_eid_subject(first, tag)
        .await
        .expect("eID subjects");
    assert!(
        store
            .reserve_eid_subject(first, tag)
            .await
            .expect("eID subjects")
    );
    assert!(
        !store
            .reserve_eid_subject(second, tag)
            .await
            .expect("eID subjects")
    );
}
