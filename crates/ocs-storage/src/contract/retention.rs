//! The retention part of the contract: the Commission submission is recorded once, a hold is
//! set only when none stands and lifted only when one does, a state's Annex VI certificate is
//! replaced by a corrected one, and every accepted change is audited in the same commit while
//! a refused one stores nothing.

use jiff::Timestamp;
use jiff::civil::date;
use ocs_domain::{CountryCode, InitiativeId};

use crate::audit::NewAuditEntry;
use crate::{
    AuditLog, LegalHold, RetentionChange, RetentionRecord, RetentionStore, StorageError,
    Verification,
};

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(1_780_000_000_000 + ms).expect("a valid time")
}

fn event(action: &str) -> NewAuditEntry {
    NewAuditEntry {
        at: at(0),
        actor_kind: "operator".into(),
        actor_name: "tester".into(),
        action: crate::AuditAction::parse(action).expect("a known action"),
        initiative: Some(InitiativeId::new(4)),
        detail: "detail".into(),
    }
}

fn verification(country: CountryCode, valid: u64) -> Verification {
    Verification {
        country,
        valid_statements: valid,
        authority: format!("authority of {country}"),
        issued_on: date(2027, 2, 1),
        recorded_at: at(5),
    }
}

/// Runs the retention checks on an empty store.
///
/// # Panics
///
/// When the store breaks the contract.
#[expect(clippy::too_many_lines, reason = "one scenario, step by step")]
pub async fn run_retention<S: RetentionStore + AuditLog>(store: &S) {
    let id = InitiativeId::new(4);
    let other = InitiativeId::new(5);
    assert_eq!(
        store.retention(id).await.expect("read"),
        RetentionRecord::default()
    );
    let refused = |result: Result<_, StorageError>| matches!(result, Err(StorageError::Conflict));

    // Lifting without a hold is refused, and leaves no row and no audit entry.
    let lift = RetentionChange::LiftHold {
        concluded_on: date(2027, 1, 1),
    };
    assert!(refused(
        store
            .change_retention(id, lift, event("retention.hold-set"))
            .await
    ));
    assert_eq!(
        store.retention(id).await.expect("read"),
        RetentionRecord::default()
    );
    assert!(store.recent_audit(10).await.expect("audit").is_empty());

    let hold = RetentionChange::SetHold {
        reason: "case T-1/27".into(),
        since: at(1),
    };
    store
        .change_retention(id, hold.clone(), event("retention.hold-set"))
        .await
        .expect("hold");
    assert!(refused(
        store
            .change_retention(id, hold, event("retention.hold-set"))
            .await
    ));
    let stored = store.retention(id).await.expect("read");
    assert_eq!(
        stored.hold,
        Some(LegalHold {
            reason: "case T-1/27".into(),
            since: at(1),
        })
    );
    assert_eq!(
        store.retention(other).await.expect("read"),
        RetentionRecord::default(),
        "one initiative's hold is not another's"
    );

    let submitted = RetentionChange::CommissionSubmission {
        on: date(2027, 3, 1),
    };
    store
        .change_retention(
            id,
            submitted.clone(),
            event("retention.commission-submitted"),
        )
        .await
        .expect("submission");
    assert!(refused(
        store
            .change_retention(id, submitted, event("retention.hold-set"))
            .await
    ));

    store
        .change_retention(
            id,
            RetentionChange::LiftHold {
                concluded_on: date(2027, 6, 30),
            },
            event("retention.hold-lifted"),
        )
        .await
        .expect("lift");
    for (country, valid) in [
        (CountryCode::DE, 70_000),
        (CountryCode::AT, 14_000),
        (CountryCode::DE, 71_500),
    ] {
        store
            .change_retention(
                id,
                RetentionChange::Verification(verification(country, valid)),
                event("retention.verified"),
            )
            .await
            .expect("certificate");
    }
    let record = store.retention(id).await.expect("read");
    assert_eq!(
        record,
        RetentionRecord {
            commission_submitted_on: Some(date(2027, 3, 1)),
            hold: None,
            proceedings_concluded_on: Some(date(2027, 6, 30)),
            verifications: vec![
                verification(CountryCode::AT, 14_000),
                verification(CountryCode::DE, 71_500),
            ],
        }
    );
    // Every accepted change, and only those, is in the trail.
    let actions: Vec<String> = store
        .recent_audit(20)
        .await
        .expect("audit")
        .into_iter()
        .map(|row| row.entry.action.to_string())
        .collect();
    assert_eq!(
        actions,
        [
            "retention.verified",
            "retention.verified",
            "retention.verified",
            "retention.hold-lifted",
            "retention.commission-submitted",
            "retention.hold-set"
        ]
    );
}
