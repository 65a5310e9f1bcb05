//! Shared fixtures of the contract suite: deterministic statements, times and read helpers.

use std::sync::atomic::{AtomicU64, Ordering};

use jiff::Timestamp;
use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};

use crate::{Recorded, SealedStatement, StatementStore, StoredStatement};

/// A statement whose tag derives from `key` alone, so equal keys collide; every call gets a
/// new statement identifier.
pub(super) fn statement(initiative: u32, key: u64, nationality: CountryCode) -> SealedStatement {
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
pub(super) fn verifier_of(serial: u64) -> [u8; 32] {
    let mut verifier = [0xC3; 32];
    for (slot, byte) in verifier.iter_mut().zip(serial.to_be_bytes()) {
        *slot = byte;
    }
    verifier
}

/// A whole-millisecond time (stores keep milliseconds), `offset` ms after a fixed start.
pub(super) fn moment(offset: i64) -> Timestamp {
    Timestamp::from_millisecond(1_750_000_000_000 + offset).expect("a valid time")
}

pub(super) fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(super) fn country(index: u64) -> CountryCode {
    let index = usize::try_from(index % 27).unwrap_or(0);
    CountryCode::ALL
        .get(index)
        .copied()
        .unwrap_or(CountryCode::AT)
}

pub(super) fn expect_stored(
    statement: &SealedStatement,
    stored: &StoredStatement,
    recorded: Recorded,
) {
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

pub(super) async fn record<S: StatementStore + ?Sized>(
    store: &S,
    statement: &SealedStatement,
) -> Recorded {
    match store.record_statement(statement.clone()).await {
        Ok(recorded) => recorded,
        Err(error) => panic!("recording {:?} failed: {error}", statement.id),
    }
}

/// Every committed statement of `initiative`, paged 7 at a time to exercise the cursor.
pub(super) async fn all_statements<S: StatementStore + ?Sized>(
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
