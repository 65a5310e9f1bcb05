//! The contract of [`CosignatureStore`]: cosignatures kept per initiative, checkpoint size and
//! witness, ordered by witness; a later cosignature of the same checkpoint replaces an earlier
//! one, an older one changes nothing.
#![expect(
    clippy::indexing_slicing,
    reason = "test code: the lengths are asserted first"
)]

use jiff::Timestamp;
use ocs_domain::InitiativeId;

use crate::{Cosignature, CosignatureStore};

fn cosignature(size: u64, witness: &str, time: u64) -> Cosignature {
    Cosignature {
        tree_size: size,
        witness: witness.to_owned(),
        line: format!("\u{2014} {witness} sig-{time}\n"),
        cosigned_at: time,
        received_at: Timestamp::from_second(1_800_000_000).expect("a valid time"),
    }
}

/// Runs the cosignature contract on one store (initiatives 71 and 72).
///
/// # Panics
///
/// When the store breaks the contract.
pub async fn run_cosignatures<S: CosignatureStore + ?Sized>(store: &S) {
    let initiative = InitiativeId::new(71);
    let other = InitiativeId::new(72);
    assert!(
        store
            .cosignatures(initiative, 5)
            .await
            .expect("read")
            .is_empty()
    );

    assert!(
        store
            .add_cosignature(initiative, cosignature(5, "w2+00000002+k", 100))
            .await
            .expect("add")
    );
    assert!(
        store
            .add_cosignature(initiative, cosignature(5, "w1+00000001+k", 100))
            .await
            .expect("add")
    );
    assert!(
        store
            .add_cosignature(initiative, cosignature(6, "w1+00000001+k", 120))
            .await
            .expect("add")
    );
    assert!(
        store
            .add_cosignature(other, cosignature(5, "w3+00000003+k", 100))
            .await
            .expect("add")
    );

    let five = store.cosignatures(initiative, 5).await.expect("read");
    let witnesses: Vec<&str> = five.iter().map(|c| c.witness.as_str()).collect();
    assert_eq!(
        witnesses,
        ["w1+00000001+k", "w2+00000002+k"],
        "by witness, this size only"
    );
    assert_eq!(
        five[0],
        cosignature(5, "w1+00000001+k", 100),
        "read back whole"
    );

    // The same witness and checkpoint: a later cosignature replaces, an older one does not.
    assert!(
        store
            .add_cosignature(initiative, cosignature(5, "w1+00000001+k", 150))
            .await
            .expect("add")
    );
    assert!(
        !store
            .add_cosignature(initiative, cosignature(5, "w1+00000001+k", 90))
            .await
            .expect("add")
    );
    assert!(
        !store
            .add_cosignature(initiative, cosignature(5, "w1+00000001+k", 150))
            .await
            .expect("add")
    );
    let five = store.cosignatures(initiative, 5).await.expect("read");
    assert_eq!(five.len(), 2);
    assert_eq!(five[0].cosigned_at, 150);
    assert_eq!(five[0].line, "\u{2014} w1+00000001+k sig-150\n");

    assert_eq!(
        store.cosignatures(initiative, 6).await.expect("read").len(),
        1
    );
    assert_eq!(store.cosignatures(other, 5).await.expect("read").len(), 1);
    assert!(store.cosignatures(other, 6).await.expect("read").is_empty());
}
