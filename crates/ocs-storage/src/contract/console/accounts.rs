//! The account part of the console contract: unique names, audited changes, sessions that end
//! with the account's rights, and single-use TOTP steps.

use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_domain::access::{AccountId, AccountName, Role};

use super::audit_chain::event;
use crate::{
    AccountChange, AccountStore, AuditLog, CsrfHash, NewAccount, SessionHash, SessionRecord,
    SessionStore, StorageError,
};

#[expect(
    clippy::too_many_lines,
    reason = "an account's whole history, then its sessions"
)]
pub(super) async fn accounts_are_unique_and_audited<S: AccountStore + AuditLog + SessionStore>(
    store: &S,
) {
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
                event("account.created", None)
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
        csrf_hash: CsrfHash::from_bytes([3; 32]),
    };
    assert_eq!(
        store
            .session(SessionHash::from_bytes([1; 32]))
            .await
            .expect("read"),
        None
    );
    store
        .create_session(SessionHash::from_bytes([1; 32]), record.clone())
        .await
        .expect("create");
    assert_eq!(
        store
            .session(SessionHash::from_bytes([1; 32]))
            .await
            .expect("read"),
        Some(record.clone())
    );
    store
        .touch_session(SessionHash::from_bytes([1; 32]), later)
        .await
        .expect("touch");
    let touched = store
        .session(SessionHash::from_bytes([1; 32]))
        .await
        .expect("read")
        .expect("session");
    assert_eq!(touched.last_seen_at, later);
    assert_eq!(touched.created_at, at);
    store
        .end_session(SessionHash::from_bytes([1; 32]))
        .await
        .expect("end");
    assert_eq!(
        store
            .session(SessionHash::from_bytes([1; 32]))
            .await
            .expect("read"),
        None
    );
}

/// Issue 19, finding 4: a session cookie of a disabled or reset account worked again after
/// re-enable or re-enrolment. Every account change but a rehash ends all its sessions, in the
/// same transaction.
pub(super) async fn sessions_end_on_disable_reset_and_reenrolment<
    S: AccountStore + SessionStore,
>(
    store: &S,
) {
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
        csrf_hash: CsrfHash::from_bytes([3; 32]),
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
        let (first, second, others) = (
            SessionHash::from_bytes([round; 32]),
            SessionHash::from_bytes([round + 100; 32]),
            SessionHash::from_bytes([round + 200; 32]),
        );
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
            .change_account(ann.id, change.clone(), event("account.disabled", None))
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
        .create_session(SessionHash::from_bytes([250; 32]), session(ann.id))
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
    assert!(
        store
            .session(SessionHash::from_bytes([250; 32]))
            .await
            .expect("read")
            .is_some()
    );
}

/// Issue 19, finding 5: a TOTP code could be used again within its window. The store keeps the
/// last accepted step per account and accepts only a later one, atomically across nodes.
pub(super) async fn totp_step_is_accepted_once<S: AccountStore + 'static>(a: &S, b: &S) {
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
