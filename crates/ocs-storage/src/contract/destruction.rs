//! The destruction part of the contract: destruction is a recorded state. A pending record
//! survives a retry with its start and sums, [`StatementStore::destroy_initiative`] reaches
//! the eID subject tags, and only [`DestructionLog::finish_destruction`] clears the record.

use jiff::Timestamp;
use ocs_domain::{CountryCode, DedupTag, InitiativeId};

use super::statement;
use crate::{Destroyed, DestructionLog, EidSubjects, StatementStore, StorageError};

fn at(millisecond: i64) -> Timestamp {
    Timestamp::from_millisecond(1_760_000_000_000 + millisecond).expect("a valid time")
}

/// Runs the destruction checks on `store`, which must be empty.
///
/// # Panics
///
/// When the store breaks the contract.
pub async fn run_destruction<S>(store: &S)
where
    S: StatementStore + DestructionLog + EidSubjects,
{
    let doomed = InitiativeId::new(1);
    let kept = InitiativeId::new(2);
    for key in 900..903 {
        store
            .record_statement(statement(1, key, CountryCode::SE))
            .await
            .expect("record");
    }
    store
        .record_statement(statement(2, 903, CountryCode::SE))
        .await
        .expect("record");
    for initiative in [doomed, kept] {
        assert!(
            store
                .reserve_eid_subject(initiative, DedupTag::from_bytes([0xE1; 32]))
                .await
                .expect("reserve")
        );
    }
    assert!(store.holds_initiative_data(doomed).await.expect("look"));
    assert!(
        store
            .pending_destructions()
            .await
            .expect("pending")
            .is_empty()
    );

    let begun = store.begin_destruction(doomed, at(0)).await.expect("begin");
    assert_eq!(begun.started_at, at(0));
    assert_eq!(begun.destroyed, Destroyed::default());
    // A second begin (a retry after a crash) keeps the first start.
    let again = store.begin_destruction(doomed, at(5)).await.expect("again");
    assert_eq!(again, begun);

    let expected = Destroyed {
        statements: 3,
        aliases: 0,
        eid_subjects: 1,
        mail_addresses: 0,
    };
    assert_eq!(
        store.destroy_initiative(doomed).await.expect("destroy"),
        expected
    );
    assert!(!store.holds_initiative_data(doomed).await.expect("look"));
    assert!(store.holds_initiative_data(kept).await.expect("look"));
    // The eID subject of the destroyed initiative is gone: the tag may be reserved again.
    assert!(
        store
            .reserve_eid_subject(doomed, DedupTag::from_bytes([0xE1; 32]))
            .await
            .expect("reserve")
    );
    assert!(
        !store
            .reserve_eid_subject(kept, DedupTag::from_bytes([0xE1; 32]))
            .await
            .expect("reserve")
    );
    // Still pending until the certificate is written; a repeated run keeps the sums.
    let pending = store.pending_destructions().await.expect("pending");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending.first().map(|p| p.destroyed), Some(expected));
    let repeated = store.destroy_initiative(doomed).await.expect("repeat");
    assert_eq!(
        repeated,
        Destroyed {
            eid_subjects: 2,
            ..expected
        },
        "the second run removed the tag reserved since and adds it"
    );

    store
        .finish_destruction(doomed, at(10))
        .await
        .expect("finish");
    assert!(
        store
            .pending_destructions()
            .await
            .expect("pending")
            .is_empty()
    );
    assert!(matches!(
        store.finish_destruction(doomed, at(11)).await,
        Err(StorageError::NotFound)
    ));
    // A later destruction (data came back) starts afresh.
    let fresh = store
        .begin_destruction(doomed, at(20))
        .await
        .expect("begin");
    assert_eq!(fresh.started_at, at(20));
    assert_eq!(fresh.destroyed, Destroyed::default());
}

/// A marker planted in one per-initiative table: its text, and the SQL that plants it.
#[derive(Debug, Clone)]
pub struct PlantedMarker {
    /// The table.
    pub table: &'static str,
    /// The bytes to look for; every text and binary column of the planted row holds them.
    pub marker: String,
    /// An `INSERT` with literal values (no parameters), valid on SQLite and PostgreSQL.
    pub sql: String,
}

/// One row per table of [`crate::destruction::PER_INITIATIVE_TABLES`] for `initiative`,
/// each holding a marker that begins with `prefix` and names the table. `blob` is the
/// backend's binary type (`BLOB`, `BYTEA`). Fails the test if a table has no row here, so
/// a new per-initiative table must be given one.
///
/// # Panics
///
/// When a table of `PER_INITIATIVE_TABLES` has no marker row here.
pub fn plant_markers(initiative: u32, prefix: &str, blob: &str) -> Vec<PlantedMarker> {
    let b = |marker: &str, suffix: &str| format!("CAST('{marker}{suffix}' AS {blob})");
    crate::destruction::PER_INITIATIVE_TABLES
        .iter()
        .map(|table| {
            let m = format!("{prefix}-{table}-{initiative}-MARK");
            let i = initiative;
            let sql = match *table {
                "statements" => format!(
                    "INSERT INTO statements (initiative_id, statement_id, nationality, \
                     submitted_at_ms, dedup_tag, envelope, log_entry) VALUES \
                     ({i}, {}, 'SE', 1, {}, {}, '{m}')",
                    b(&m, "i"),
                    b(&m, "t"),
                    b(&m, "e")
                ),
                "receipt_aliases" => format!(
                    "INSERT INTO receipt_aliases (statement_id, initiative_id, dedup_tag, \
                     receipt_verifier) VALUES ({}, {i}, {}, {})",
                    b(&m, "i"),
                    b(&m, "t"),
                    b(&m, "v")
                ),
                "statement_counts" => format!(
                    "INSERT INTO statement_counts (initiative_id, nationality, slot, n, \
                     latest_ms) VALUES ({i}, '{m}', 0, 1, 1)"
                ),
                "eid_subjects" => format!(
                    "INSERT INTO eid_subjects (initiative_id, subject_tag) VALUES ({i}, {})",
                    b(&m, "s")
                ),
                "log_entries" => format!(
                    "INSERT INTO log_entries (initiative_id, log_index, entry, statement_id) \
                     VALUES ({i}, 0, '{m}', {})",
                    b(&m, "i")
                ),
                "log_tiles" => format!(
                    "INSERT INTO log_tiles (initiative_id, path, data) VALUES ({i}, '{m}', {})",
                    b(&m, "d")
                ),
                "log_checkpoints" => format!(
                    "INSERT INTO log_checkpoints (initiative_id, tree_size, note, tally, \
                     published_at_ms) VALUES ({i}, 1, '{m}', '{m}', 1)"
                ),
                "log_cosignatures" => format!(
                    "INSERT INTO log_cosignatures (initiative_id, tree_size, witness, line, \
                     cosigned_at, received_at_ms) VALUES ({i}, 1, '{m}', '{m}', 1, 1)"
                ),
                "mail_subscribers" => format!(
                    "INSERT INTO mail_subscribers (initiative_id, address_hash, \
                     sealed_address, created_day) VALUES ({i}, {}, {}, 1)",
                    b(&m, "h"),
                    b(&m, "a")
                ),
                "mail_outbox" => format!(
                    "INSERT INTO mail_outbox (message_id, initiative_id, address_hash, \
                     sealed_message) VALUES ({}, {i}, {}, {})",
                    b(&m, "i"),
                    b(&m, "h"),
                    b(&m, "m")
                ),
                other => panic!("no marker row for the per-initiative table {other}"),
            };
            PlantedMarker {
                table,
                marker: m,
                sql,
            }
        })
        .collect()
}

/// Whether `marker` occurs in `bytes`.
pub fn contains_marker(bytes: &[u8], marker: &str) -> bool {
    let marker = marker.as_bytes();
    !marker.is_empty() && bytes.windows(marker.len()).any(|window| window == marker)
}

/// Runs the key-record checks on `store`, which must be empty: the first registration
/// stands, a later one gets the earlier record back, and destruction is recorded once.
///
/// # Panics
///
/// When the store breaks the contract.
pub async fn run_initiative_keys<S: crate::InitiativeKeyLog>(store: &S) {
    use crate::InitiativeKeyRecord;
    let one = InitiativeId::new(41);
    let legacy = InitiativeId::new(42);
    assert_eq!(store.initiative_key(one).await.expect("read"), None);
    let first = InitiativeKeyRecord {
        initiative: one,
        key_id: Some("00112233aabbccdd".to_owned()),
        created_at: at(1),
        destroyed_at: None,
    };
    assert_eq!(
        store
            .register_initiative_key(first.clone())
            .await
            .expect("register"),
        first
    );
    // Another node, a moment later, with other keys: the first record stands.
    let second = InitiativeKeyRecord {
        key_id: Some("ffeeddccbbaa9988".to_owned()),
        created_at: at(2),
        ..first.clone()
    };
    assert_eq!(
        store.register_initiative_key(second).await.expect("again"),
        first
    );
    let shared = InitiativeKeyRecord {
        initiative: legacy,
        key_id: None,
        created_at: at(3),
        destroyed_at: None,
    };
    assert_eq!(
        store
            .register_initiative_key(shared.clone())
            .await
            .expect("legacy"),
        shared
    );
    store
        .initiative_key_destroyed(one, at(10))
        .await
        .expect("destroyed");
    store
        .initiative_key_destroyed(one, at(20))
        .await
        .expect("destroyed again");
    let record = store
        .initiative_key(one)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(record.destroyed_at, Some(at(10)));
    assert_eq!(record.key_id, first.key_id);
    assert!(matches!(
        store
            .initiative_key_destroyed(InitiativeId::new(43), at(10))
            .await,
        Err(StorageError::NotFound)
    ));
    assert_eq!(
        store
            .initiative_key(legacy)
            .await
            .expect("read")
            .and_then(|r| r.destroyed_at),
        None
    );
}
