//! The initiatives part of the contract: definitions are unique by number, slug and
//! registration number, replaced only against the revision read, and audited in the same
//! commit.

use jiff::Timestamp;
use ocs_domain::{InitiativeId, Slug};

use crate::audit::{NewAuditEntry, verify_log};
use crate::{AuditLog, InitiativeStore, StorageError, StoredInitiative};

fn event(action: &str, id: u32) -> NewAuditEntry {
    NewAuditEntry {
        at: Timestamp::from_millisecond(1_750_000_000_000).expect("a valid time"),
        actor_kind: "operator".into(),
        actor_name: "tester".into(),
        action: crate::AuditAction::parse(action).expect("a known action"),
        initiative: Some(InitiativeId::new(id)),
        detail: "detail".into(),
    }
}

fn initiative(id: u32, slug: &str, number: &str, revision: u64) -> StoredInitiative {
    StoredInitiative {
        id: InitiativeId::new(id),
        slug: Slug::parse(slug).expect("slug"),
        registration_number: number.into(),
        definition: format!("{{\"title\":\"initiative {id} r{revision}\"}}"),
        revision,
        updated_at: Timestamp::from_millisecond(1_750_000_000_000 + i64::from(id)).expect("time"),
    }
}

/// Runs the initiatives checks on an empty store.
///
/// # Panics
///
/// When the store breaks the contract.
pub async fn run_initiatives<S: InitiativeStore + AuditLog>(store: &S) {
    assert!(store.stored_initiatives().await.expect("list").is_empty());
    let first = initiative(7, "bees", "ECI(2026)000007", 1);
    store
        .save_initiative(first.clone(), None, event("initiative.created", 7))
        .await
        .expect("insert");
    // The same number, slug or registration number again is a conflict; nothing is stored
    // and nothing is audited.
    for clash in [
        initiative(7, "other", "ECI(2026)000099", 1),
        initiative(8, "bees", "ECI(2026)000098", 1),
        initiative(9, "third", "ECI(2026)000007", 1),
    ] {
        assert!(matches!(
            store
                .save_initiative(clash, None, event("initiative.created", 8))
                .await
                .map(|_| ()),
            Err(StorageError::Conflict)
        ));
    }
    assert_eq!(store.recent_audit(10).await.expect("audit").len(), 1);
    // A replacement names the revision it read.
    let second = initiative(7, "bees", "ECI(2026)000007", 2);
    store
        .save_initiative(second.clone(), Some(1), event("initiative.edited", 7))
        .await
        .expect("update");
    assert!(
        matches!(
            store
                .save_initiative(
                    initiative(7, "bees", "ECI(2026)000007", 3),
                    Some(1),
                    event("initiative.edited", 7)
                )
                .await
                .map(|_| ()),
            Err(StorageError::Conflict)
        ),
        "a stale revision is refused"
    );
    assert!(matches!(
        store
            .save_initiative(
                initiative(40, "nobody", "ECI(2026)000040", 2),
                Some(1),
                event("initiative.edited", 40)
            )
            .await
            .map(|_| ()),
        Err(StorageError::NotFound)
    ));
    let other = initiative(3, "fish", "ECI(2026)000003", 1);
    store
        .save_initiative(other.clone(), None, event("initiative.created", 3))
        .await
        .expect("second initiative");
    assert_eq!(
        store.stored_initiatives().await.expect("list"),
        vec![other, second],
        "read back by number, with the new revision and definition"
    );
    let audit = store.recent_audit(10).await.expect("audit");
    let actions: Vec<&str> = audit.iter().map(|row| row.entry.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "initiative.created",
            "initiative.edited",
            "initiative.created"
        ]
    );
    assert!(matches!(verify_log(store).await, Ok(Ok(_))));
}
