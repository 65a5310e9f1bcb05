//! The console part of the contract: the audit trail chains and serialises appends, and
//! lifecycle changes are checked against the stored stage and audited in the same commit.

use std::future::Future;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::date;
use ocs_domain::access::{AccountId, AccountName, Role};
use ocs_domain::lifecycle::Stage;
use ocs_domain::{CountryCode, InitiativeId};

use crate::audit::{ChainVerifier, NewAuditEntry, verify_log};
use crate::{
    AccountChange, AccountStore, AuditLog, LifecycleChange, LifecycleStore, NewAccount,
    SessionRecord, SessionStore, StatementStore, StorageError,
};

/// Appends done at the same time in the concurrency check, over two handles.
const APPENDS: usize = 40;

/// Runs every console check, each on fresh stores from `make`. For a shared backend, `make`
/// may return two handles (two app nodes) on one database; otherwise the same handle twice.
pub async fn run_console<S, F, Fut>(make: F)
where
    S: AuditLog + LifecycleStore + StatementStore + AccountStore + SessionStore + 'static,
    F: Fn() -> Fut,
    Fut: Future<Output = (Arc<S>, Arc<S>)>,
{
    let (a, _) = make().await;
    appends_chain_in_order(a.as_ref()).await;
    let (a, b) = make().await;
    concurrent_appends_never_fork(a, b).await;
    let (a, _) = make().await;
    lifecycle_changes_are_checked_and_audited(a.as_ref()).await;
    let (a, b) = make().await;
    going_live_erases_test_statements(a.as_ref(), b.as_ref()).await;
    let (a, _) = make().await;
    accounts_are_unique_and_audited(a.as_ref()).await;
    let (a, _) = make().await;
    sessions_end_on_disable_reset_and_reenrolment(a.as_ref()).await;
    let (a, b) = make().await;
    totp_step_is_accepted_once(a.as_ref(), b.as_ref()).await;
    let (a, b) = make().await;
    login_failures_are_shared(a, b).await;
}

/// Failed sign-ins counted through one handle (one node) are seen through the other, the
/// window restarts once expired, a clear forgets one key only, and concurrent counts add up.
async fn login_failures_are_shared<S: SessionStore + 'static>(a: Arc<S>, b: Arc<S>) {
    let window = jiff::SignedDuration::from_mins(15);
    let start = Timestamp::from_millisecond(1_750_000_000_000).expect("time");
    let later = |mins: i64| {
        start
            .checked_add(jiff::SignedDuration::from_mins(mins))
            .expect("time")
    };
    assert_eq!(
        a.login_failures("k1", start, window).await.expect("read"),
        0
    );
    assert_eq!(
        a.record_login_failure("k1", start, window)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        b.record_login_failure("k1", later(1), window)
            .await
            .expect("count"),
        2
    );
    assert_eq!(
        a.record_login_failure("k1", later(2), window)
            .await
            .expect("count"),
        3
    );
    assert_eq!(
        b.login_failures("k1", later(3), window)
            .await
            .expect("read"),
        3
    );
    assert_eq!(
        a.login_failures("k2", later(3), window)
            .await
            .expect("read"),
        0
    );
    assert_eq!(
        b.record_login_failure("k2", later(3), window)
            .await
            .expect("count"),
        1
    );
    // The window is counted from its first failure, not slid by later ones.
    assert_eq!(
        a.login_failures("k1", later(15), window)
            .await
            .expect("read"),
        0
    );
    assert_eq!(
        b.login_failures("k2", later(15), window)
            .await
            .expect("read"),
        1
    );
    assert_eq!(
        a.record_login_failure("k1", later(15), window)
            .await
            .expect("count"),
        1,
        "an expired window starts again"
    );
    b.clear_login_failures("k1").await.expect("clear");
    assert_eq!(
        a.login_failures("k1", later(16), window)
            .await
            .expect("read"),
        0
    );
    assert_eq!(
        a.login_failures("k2", later(16), window)
            .await
            .expect("read"),
        1
    );

    concurrent_failures_add_up(a, b, later(20), window).await;
}

/// Counts from both nodes at the same time are never lost.
async fn concurrent_failures_add_up<S: SessionStore + 'static>(
    a: Arc<S>,
    b: Arc<S>,
    at: Timestamp,
    window: jiff::SignedDuration,
) {
    let mut tasks = Vec::new();
    for round in 0..10 {
        let store = if round % 2 == 0 {
            Arc::clone(&a)
        } else {
            Arc::clone(&b)
        };
        tasks.push(tokio::spawn(async move {
            store
                .record_login_failure("k3", at, window)
                .await
                .expect("count")
        }));
    }
    let mut counts = Vec::new();
    for task in tasks {
        counts.push(task.await.expect("task"));
    }
    counts.sort_unstable();
    assert_eq!(counts, (1..=10).collect::<Vec<u32>>());
    assert_eq!(b.login_failures("k3", at, window).await.expect("read"), 10);
}

#[expect(
    clippy::too_many_lines,
    reason = "an account's whole history, then its sessions"
)]
async fn accounts_are_unique_and_audited<S: AccountStore + AuditLog + SessionStore>(store: &S) {
    let name = AccountName::parse("ann").expect("name");
    let new = NewAccount {
        name: name.clone(),
        role: Role::Organiser,
        initiative: Some(InitiativeId::new(3)),
        password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA".into(),
        created_at: Timestamp::from_millisecond(1_750_000_000_000).expect("time"),
    };
    let created = store
        .create_account(new.clone(), event("account.created", None))
        .await
        .expect("create");
    assert_eq!(created.name, name);
    assert_eq!(created.role, Role::Organiser);
    assert!(!created.disabled && !created.totp_enrolled && created.totp_secret.is_none());
    assert!(matches!(
        store
            .create_account(new, event("account.created", None))
            .await,
        Err(StorageError::Conflict)
    ));
    store
        .change_account(
            created.id,
            AccountChange::Totp {
                secret: vec![7; 40],
                enrolled: true,
            },
            event("account.totp-enrolled", None),
        )
        .await
        .expect("totp");
    let found = store
        .account_by_name(&name)
        .await
        .expect("read")
        .expect("ann");
    assert_eq!(found.totp_secret, Some(vec![7; 40]));
    assert!(found.totp_enrolled);
    // A rehash keeps the second factor.
    store
        .change_account(
            created.id,
            AccountChange::Rehash("$ocs-pepper-v1$argon2id$v=19$m=64,t=1,p=1$eA$eA".into()),
            event("account.password-rehashed", None),
        )
        .await
        .expect("rehash");
    let found = store
        .account_by_name(&name)
        .await
        .expect("read")
        .expect("ann");
    assert!(found.totp_enrolled && found.totp_secret.is_some());
    assert!(found.password_hash.starts_with("$ocs-pepper-v1$"));
    // A new password drops the second factor: it must be enrolled again.
    store
        .change_account(
            created.id,
            AccountChange::Password("$argon2id$v=19$m=64,t=1,p=1$eA$eQ".into()),
            event("account.reset", None),
        )
        .await
        .expect("reset");
    store
        .change_account(
            created.id,
            AccountChange::Disabled(true),
            event("account.disabled", None),
        )
        .await
        .expect("disable");
    let all = store.accounts().await.expect("read");
    assert_eq!(all.len(), 1);
    let ann = all.first().expect("ann");
    assert!(ann.disabled && !ann.totp_enrolled && ann.totp_secret.is_none());
    assert!(ann.password_hash.ends_with("$eA$eQ"));
    assert!(matches!(
        store
            .change_account(
                AccountId::new(999),
                AccountChange::Disabled(true),
                event("x", None)
            )
            .await,
        Err(StorageError::NotFound)
    ));
    assert_eq!(
        store
            .account_by_name(&AccountName::parse("bob").expect("name"))
            .await
            .expect("read"),
        None
    );
    assert_eq!(store.audit_entries(0, 100).await.expect("read").len(), 5);

    // Sessions: stored by hash, touched, ended.
    let at = Timestamp::from_millisecond(1_750_000_000_000).expect("time");
    let later = Timestamp::from_millisecond(1_750_000_060_000).expect("time");
    let record = SessionRecord {
        account: created.id,
        created_at: at,
        last_seen_at: at,
        csrf_hash: [3; 32],
    };
    assert_eq!(store.session([1; 32]).await.expect("read"), None);
    store
        .create_session([1; 32], record.clone())
        .await
        .expect("create");
    assert_eq!(
        store.session([1; 32]).await.expect("read"),
        Some(record.clone())
    );
    store.touch_session([1; 32], later).await.expect("touch");
    let touched = store
        .session([1; 32])
        .await
        .expect("read")
        .expect("session");
    assert_eq!(touched.last_seen_at, later);
    assert_eq!(touched.created_at, at);
    store.end_session([1; 32]).await.expect("end");
    assert_eq!(store.session([1; 32]).await.expect("read"), None);
}

/// Issue 19, finding 4: a session cookie of a disabled or reset account worked again after
/// re-enable or re-enrolment. Every account change but a rehash ends all its sessions, in the
/// same transaction.
async fn sessions_end_on_disable_reset_and_reenrolment<S: AccountStore + SessionStore>(store: &S) {
    let at = Timestamp::from_millisecond(1_750_000_000_000).expect("time");
    let new = |name: &str| NewAccount {
        name: AccountName::parse(name).expect("name"),
        role: Role::HostAdmin,
        initiative: None,
        password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA".into(),
        created_at: at,
    };
    let ann = store
        .create_account(new("ann"), event("account.created", None))
        .await
        .expect("create");
    let bob = store
        .create_account(new("bob"), event("account.created", None))
        .await
        .expect("create");
    let session = |account| SessionRecord {
        account,
        created_at: at,
        last_seen_at: at,
        csrf_hash: [3; 32],
    };
    let changes = [
        AccountChange::Disabled(true),
        AccountChange::Disabled(false),
        AccountChange::Password("$argon2id$v=19$m=64,t=1,p=1$eA$eQ".into()),
        AccountChange::Totp {
            secret: vec![7; 40],
            enrolled: false,
        },
        AccountChange::Totp {
            secret: vec![8; 40],
            enrolled: true,
        },
    ];
    for (round, change) in changes.into_iter().enumerate() {
        let round = u8::try_from(round).expect("few");
        let (first, second, others) = ([round; 32], [round + 100; 32], [round + 200; 32]);
        for hash in [first, second] {
            store
                .create_session(hash, session(ann.id))
                .await
                .expect("create");
        }
        store
            .create_session(others, session(bob.id))
            .await
            .expect("create");
        store
            .change_account(ann.id, change.clone(), event("account.changed", None))
            .await
            .expect("change");
        for hash in [first, second] {
            assert_eq!(
                store.session(hash).await.expect("read"),
                None,
                "a session survived {:?}",
                std::mem::discriminant(&change)
            );
        }
        // Another account's session stays.
        assert!(store.session(others).await.expect("read").is_some());
    }
    // A rehash (the same password, peppered after a good sign-in) keeps the session.
    store
        .create_session([250; 32], session(ann.id))
        .await
        .expect("create");
    store
        .change_account(
            ann.id,
            AccountChange::Rehash("$ocs-pepper-v1$argon2id$v=19$m=64,t=1,p=1$eA$eA".into()),
            event("account.password-rehashed", None),
        )
        .await
        .expect("rehash");
    assert!(store.session([250; 32]).await.expect("read").is_some());
}

/// Issue 19, finding 5: a TOTP code could be used again within its window. The store keeps the
/// last accepted step per account and accepts only a later one, atomically across nodes.
async fn totp_step_is_accepted_once<S: AccountStore + 'static>(a: &S, b: &S) {
    let at = Timestamp::from_millisecond(1_750_000_000_000).expect("time");
    let ann = a
        .create_account(
            NewAccount {
                name: AccountName::parse("ann").expect("name"),
                role: Role::HostAdmin,
                initiative: None,
                password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA".into(),
                created_at: at,
            },
            event("account.created", None),
        )
        .await
        .expect("create");
    assert!(a.accept_totp_step(ann.id, 58_000_000).await.expect("first"));
    // The same step again, on either node, and any earlier step are replays.
    assert!(!a.accept_totp_step(ann.id, 58_000_000).await.expect("again"));
    assert!(
        !b.accept_totp_step(ann.id, 58_000_000)
            .await
            .expect("other node")
    );
    assert!(
        !b.accept_totp_step(ann.id, 57_999_999)
            .await
            .expect("earlier")
    );
    assert!(b.accept_totp_step(ann.id, 58_000_001).await.expect("next"));
    assert!(!a.accept_totp_step(ann.id, 58_000_001).await.expect("again"));
    assert!(matches!(
        a.accept_totp_step(AccountId::new(999), 1).await,
        Err(StorageError::NotFound)
    ));
}

async fn going_live_erases_test_statements<S: LifecycleStore + StatementStore>(a: &S, b: &S) {
    let id = InitiativeId::new(5);
    let other = InitiativeId::new(6);
    for (initiative, key, nationality, test) in [
        (5, 1, CountryCode::DE, true),
        (5, 2, CountryCode::DE, true),
        (5, 3, CountryCode::FR, true),
        (5, 4, CountryCode::IT, false),
        (6, 5, CountryCode::DE, true),
    ] {
        let mut sealed = super::statement(initiative, key, nationality);
        sealed.test = test;
        a.record_statement(sealed).await.expect("record");
    }
    let stage = |from, to, erase| LifecycleChange::Stage {
        from,
        to,
        reason: String::new(),
        erase_test_statements: erase,
    };
    a.change_lifecycle(id, stage(None, Stage::Test, false), event("t", Some(5)))
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

fn event(action: &str, initiative: Option<u32>) -> NewAuditEntry {
    NewAuditEntry {
        at: Timestamp::from_millisecond(1_750_000_000_000).expect("a valid time"),
        actor_kind: "operator".into(),
        actor_name: "tester".into(),
        action: action.into(),
        initiative: initiative.map(InitiativeId::new),
        detail: "detail".into(),
    }
}

async fn appends_chain_in_order<S: AuditLog>(log: &S) {
    assert!(log.recent_audit(10).await.expect("read").is_empty());
    let first = log
        .append_audit(event("a.one", None))
        .await
        .expect("append");
    let second = log
        .append_audit(event("a.two", Some(7)))
        .await
        .expect("append");
    assert_eq!(first.sequence, 1);
    assert_eq!(second.sequence, 2);
    assert_eq!(second.previous_hash, first.hash);
    let all = log.audit_entries(0, 10).await.expect("read");
    assert_eq!(all, vec![first.clone(), second.clone()]);
    assert_eq!(
        log.audit_entries(1, 10).await.expect("read"),
        vec![second.clone()]
    );
    assert_eq!(
        log.recent_audit(1).await.expect("read"),
        vec![second.clone()]
    );
    let verifier = verify_log(log).await.expect("read").expect("intact");
    assert_eq!(verifier.rows(), 2);
    assert_eq!(verifier.head(), second.hash);
}

async fn concurrent_appends_never_fork<S: AuditLog + 'static>(a: Arc<S>, b: Arc<S>) {
    let mut tasks = Vec::new();
    for i in 0..APPENDS {
        let log = if i % 2 == 0 {
            Arc::clone(&a)
        } else {
            Arc::clone(&b)
        };
        tasks.push(tokio::spawn(async move {
            log.append_audit(event(&format!("race.{i}"), None))
                .await
                .expect("append")
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }
    let rows = a.audit_entries(0, 1000).await.expect("read");
    assert_eq!(rows.len(), APPENDS);
    let mut verifier = ChainVerifier::default();
    for row in &rows {
        verifier
            .push(row)
            .expect("the chain holds under concurrent appends");
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one record's whole history, step by step"
)]
async fn lifecycle_changes_are_checked_and_audited<S: AuditLog + LifecycleStore + ?Sized>(
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
        .change_lifecycle(id, create.clone(), event("initiative.create", Some(4)))
        .await
        .expect("create");
    // The same creation again is a conflict: the stored stage is no longer "none".
    assert!(matches!(
        store
            .change_lifecycle(id, create, event("initiative.create", Some(4)))
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
        .map(|row| row.entry.action)
        .collect();
    assert_eq!(
        actions,
        [
            "initiative.create",
            "initiative.dates",
            "initiative.certificate",
            "initiative.start-test"
        ]
    );
}
