//! The lifecycle part of the console contract: stage changes are checked against the stored
//! stage and audited in the same commit; going live erases test statements.

use jiff::civil::date;
use ocs_domain::lifecycle::Stage;
use ocs_domain::{CountryCode, InitiativeId};

use super::audit_chain::event;
use crate::{AuditLog, LifecycleChange, LifecycleStore, StatementStore, StorageError};

pub(super) async fn going_live_erases_test_statements<S: LifecycleStore + StatementStore>(
    a: &S,
    b: &S,
) {
    let id = InitiativeId::new(5);
    let other = InitiativeId::new(6);
    for (initiative, key, nationality, test) in [
        (5, 1, CountryCode::DE, true),
        (5, 2, CountryCode::DE, true),
        (5, 3, CountryCode::FR, true),
        (5, 4, CountryCode::IT, false),
        (6, 5, CountryCode::DE, true),
    ] {
        let mut sealed = crate::contract::statement(initiative, key, nationality);
        sealed.test = test;
        a.record_statement(sealed).await.expect("record");
    }
    let stage = |from, to, erase| LifecycleChange::Stage {
        from,
        to,
        reason: String::new(),
        erase_test_statements: erase,
    };
    a.change_lifecycle(
        id,
        stage(None, Stage::Test, false),
        event("initiative.start-test", Some(5)),
    )
    .await
    .expect("test");
    assert_eq!(a.counts(id).await.expect("counts").total(), 4);
    a.change_lifecycle(
        id,
        stage(Some(Stage::Test), Stage::Live, true),
        event("initiative.go-live", Some(5)),
    )
    .await
    .expect("go live");
    // Both nodes see the counts without the test statements, and no empty state.
    for node in [a, b] {
        let counts = node.counts(id).await.expect("counts");
        assert_eq!(counts.total(), 1);
        assert_eq!(
            counts.by_country.keys().copied().collect::<Vec<_>>(),
            [CountryCode::IT]
        );
    }
    let left = a.statements(id, 0, 100).await.expect("read");
    assert_eq!(left.len(), 1);
    assert!(!left.iter().any(|s| s.test));
    // Another initiative's test statements stay.
    assert_eq!(a.counts(other).await.expect("counts").total(), 1);
    assert_eq!(a.statements(other, 0, 100).await.expect("read").len(), 1);
}

#[expect(
    clippy::too_many_lines,
    reason = "one record's whole history, step by step"
)]
pub(super) async fn lifecycle_changes_are_checked_and_audited<
    S: AuditLog + LifecycleStore + ?Sized,
>(
    store: &S,
) {
    let id = InitiativeId::new(4);
    assert_eq!(store.lifecycle(id).await.expect("read"), None);
    // Dates need a row.
    let dates = LifecycleChange::Dates {
        notice: Some(date(2026, 1, 2)),
        start: date(2026, 2, 1),
        end: date(2027, 1, 31),
    };
    assert!(matches!(
        store
            .change_lifecycle(id, dates.clone(), event("initiative.dates", Some(4)))
            .await,
        Err(StorageError::NotFound)
    ));
    let create = LifecycleChange::Stage {
        from: None,
        to: Stage::Draft,
        reason: String::new(),
        erase_test_statements: false,
    };
    store
        .change_lifecycle(id, create.clone(), event("initiative.managed", Some(4)))
        .await
        .expect("create");
    // The same creation again is a conflict: the stored stage is no longer "none".
    assert!(matches!(
        store
            .change_lifecycle(id, create, event("initiative.managed", Some(4)))
            .await,
        Err(StorageError::Conflict)
    ));
    store
        .change_lifecycle(id, dates, event("initiative.dates", Some(4)))
        .await
        .expect("dates");
    store
        .change_lifecycle(
            id,
            LifecycleChange::Certificate {
                pdf: b"%PDF-1.7 test".to_vec(),
                authority: "Bundesverwaltungsamt".into(),
                issued_on: date(2026, 1, 10),
            },
            event("initiative.certificate", Some(4)),
        )
        .await
        .expect("certificate");
    let stale = LifecycleChange::Stage {
        from: Some(Stage::Test),
        to: Stage::Live,
        reason: String::new(),
        erase_test_statements: false,
    };
    assert!(matches!(
        store
            .change_lifecycle(id, stale, event("initiative.go-live", Some(4)))
            .await,
        Err(StorageError::Conflict)
    ));
    store
        .change_lifecycle(
            id,
            LifecycleChange::Stage {
                from: Some(Stage::Draft),
                to: Stage::Test,
                reason: "trying".into(),
                erase_test_statements: false,
            },
            event("initiative.start-test", Some(4)),
        )
        .await
        .expect("start test");
    let record = store.lifecycle(id).await.expect("read").expect("a row");
    assert_eq!(record.stage, Stage::Test);
    assert_eq!(record.reason, "trying");
    assert_eq!(record.start_date, Some(date(2026, 2, 1)));
    assert_eq!(record.end_date, Some(date(2027, 1, 31)));
    assert_eq!(record.notice_date, Some(date(2026, 1, 2)));
    let certificate = record.certificate.expect("certificate");
    assert_eq!(certificate.authority, "Bundesverwaltungsamt");
    assert_eq!(certificate.size, 13);
    assert_eq!(
        store.certificate_pdf(id).await.expect("read"),
        Some(b"%PDF-1.7 test".to_vec())
    );
    assert_eq!(store.lifecycles().await.expect("read").len(), 1);
    // Refused changes recorded nothing; the four accepted ones are in the trail.
    let actions: Vec<String> = store
        .audit_entries(0, 100)
        .await
        .expect("read")
        .into_iter()
        .map(|row| row.entry.action.to_string())
        .collect();
    assert_eq!(
        actions,
        [
            "initiative.managed",
            "initiative.dates",
            "initiative.certificate",
            "initiative.start-test"
        ]
    );
}
