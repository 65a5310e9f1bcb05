//! The [`crate::EidSubjects`] part of the contract.

use ocs_domain::{DedupTag, InitiativeId};

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
