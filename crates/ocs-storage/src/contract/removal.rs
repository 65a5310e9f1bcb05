//! The removal part of the contract: paper statements, withdrawal, duplicate receipt aliases
//! and the destruction of one initiative's statements.

use std::collections::BTreeMap;

use ocs_domain::{CountryCode, InitiativeId};

use super::fixtures::{country, statement};
use crate::{StatementStore, StorageError};

/// The paper flag is stored, read back, and counted per nationality.
pub(super) async fn paper_statements_are_flagged_and_counted_apart<S: StatementStore>(store: S) {
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
pub(super) async fn withdrawal_removes_row_tag_and_count<S: StatementStore>(store: S) {
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
pub(super) async fn duplicates_leave_a_receipt_alias<S: StatementStore>(store: S) {
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
pub(super) async fn destruction_removes_one_initiative<S: StatementStore>(store: S) {
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
