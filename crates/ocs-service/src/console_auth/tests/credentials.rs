//! Stored credentials: peppering an old hash, sealed TOTP secrets bound to their account,
//! upgrades before the legacy cut-off and refusals after it, and weak passwords.

use super::*;

#[tokio::test]
async fn an_old_hash_is_peppered_at_the_next_good_sign_in() {
    let f = fixture().await;
    let pepper = Pepper::new(ocs_crypto::SecretKey::from_bytes([4; 32]).derive("pepper"));
    let auth = ConsoleAuth::new(
        f.store.clone(),
        f.clock.clone(),
        Arc::new(SeededEntropy::new(8)),
        AuthSettings {
            password: FAST,
            ..AuthSettings::default()
        },
    )
    .with_pepper(pepper.clone())
    .with_totp_key(totp_key());
    let stored = |f: &Fixture| {
        let store = f.store.clone();
        async move {
            store
                .account_by_name(&AccountName::parse("ann").unwrap())
                .await
                .unwrap()
                .unwrap()
        }
    };
    assert!(stored(&f).await.password_hash.starts_with("$argon2id$"));
    // A wrong password changes nothing.
    assert!(matches!(
        auth.sign_in("ann", "not the password at all", "", HOME)
            .await,
        Err(AuthError::Invalid)
    ));
    assert!(stored(&f).await.password_hash.starts_with("$argon2id$"));
    // Enrol and sign in with the old hash: it is replaced by a peppered one.
    let SignIn::EnrolmentNeeded { .. } = auth.sign_in("ann", PASSWORD, "", HOME).await.unwrap()
    else {
        panic!("enrolment first");
    };
    let code = current_code(&f).await;
    assert!(matches!(
        auth.sign_in("ann", PASSWORD, &code, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
    let account = stored(&f).await;
    assert!(
        account
            .password_hash
            .starts_with("$ocs-pepper-v1$argon2id$"),
        "{}",
        account.password_hash
    );
    assert!(account.totp_enrolled, "the second factor stays");
    // The peppered hash verifies with the pepper only.
    f.clock.advance(SignedDuration::from_secs(31));
    let code = current_code(&f).await;
    assert!(matches!(
        auth.sign_in("ann", PASSWORD, &code, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
    assert!(matches!(
        f.auth.sign_in("ann", PASSWORD, &code, HOME).await,
        Err(AuthError::Invalid)
    ));
    let trail = ocs_storage::AuditLog::recent_audit(f.store.as_ref(), 100)
        .await
        .unwrap();
    assert!(
        trail
            .iter()
            .any(|row| row.entry.action == "account.password-rehashed")
    );
}

/// Writes `secret` as `account`'s enrolled TOTP secret straight into the store (a legacy
/// secret in clear, or a sealed one moved from another account).
async fn store_totp(f: &Fixture, account: &ocs_storage::Account, secret: Vec<u8>) {
    f.store
        .change_account(
            account.id,
            AccountChange::Totp {
                secret,
                enrolled: true,
            },
            entry("account.totp-enrolled", f.clock.now()),
        )
        .await
        .unwrap();
}

async fn account_named(f: &Fixture, name: &str) -> ocs_storage::Account {
    f.store
        .account_by_name(&AccountName::parse(name).unwrap())
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_sealed_secret_moved_to_another_account_does_not_verify() {
    let f = fixture().await;
    enrol(&f).await;
    let ann = account_named(&f, "ann").await;
    let sealed = ann.totp_secret.clone().unwrap();
    assert!(ocs_crypto::totp::is_sealed(&sealed), "stored sealed");
    let secret = f.auth.stored_totp_secret(&ann).unwrap();
    assert!(
        !sealed
            .windows(secret.as_bytes().len())
            .any(|w| w == secret.as_bytes()),
        "the raw secret is inside the stored value"
    );
    // Bob gets Ann's row value, as someone with write access to the table could do.
    f.store
        .create_account(
            NewAccount {
                name: AccountName::parse("bob").unwrap(),
                role: Role::Organiser,
                initiative: Some(InitiativeId::new(1)),
                password_hash: hash_password(PASSWORD, FAST, &SeededEntropy::new(2)).unwrap(),
                created_at: f.clock.now(),
            },
            entry("account.created", f.clock.now()),
        )
        .await
        .unwrap();
    let bob = account_named(&f, "bob").await;
    store_totp(&f, &bob, sealed).await;
    let bob = account_named(&f, "bob").await;
    assert!(f.auth.stored_totp_secret(&bob).is_none());
    // The next time step: Ann's enrolment code was used (and a code is accepted once).
    f.clock.advance(SignedDuration::from_secs(30));
    let code = current_code(&f).await;
    assert!(matches!(
        f.auth.sign_in("bob", PASSWORD, &code, HOME).await,
        Err(AuthError::Invalid)
    ));
    // Ann's own code still works for Ann; and another server key does not open her secret.
    assert!(matches!(
        f.auth.sign_in("ann", PASSWORD, &code, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
    let other = ConsoleAuth::new(
        f.store.clone(),
        f.clock.clone(),
        Arc::new(SeededEntropy::new(9)),
        AuthSettings {
            password: FAST,
            ..AuthSettings::default()
        },
    )
    .with_totp_key(TotpKey::new(ocs_crypto::SecretKey::from_bytes([1; 32])));
    assert!(other.stored_totp_secret(&ann).is_none());
}

#[tokio::test]
async fn a_legacy_secret_in_clear_is_sealed_at_the_next_good_sign_in() {
    let f = fixture().await;
    let ann = account_named(&f, "ann").await;
    let raw = b"12345678901234567890".to_vec();
    store_totp(&f, &ann, raw.clone()).await;
    let code = current_code(&f).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    // A wrong code changes nothing.
    assert!(matches!(
        f.auth.sign_in("ann", PASSWORD, wrong, HOME).await,
        Err(AuthError::Invalid)
    ));
    assert_eq!(
        account_named(&f, "ann").await.totp_secret,
        Some(raw.clone())
    );
    // The right one signs in and seals the secret.
    assert!(matches!(
        f.auth.sign_in("ann", PASSWORD, &code, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
    let ann = account_named(&f, "ann").await;
    let stored = ann.totp_secret.clone().unwrap();
    assert!(ocs_crypto::totp::is_sealed(&stored), "sealed after sign-in");
    assert!(!stored.windows(raw.len()).any(|w| w == raw.as_slice()));
    assert!(ann.totp_enrolled);
    assert_eq!(
        f.auth.stored_totp_secret(&ann).unwrap().as_bytes(),
        raw.as_slice()
    );
    f.clock.advance(SignedDuration::from_secs(31));
    let code = current_code(&f).await;
    assert!(matches!(
        f.auth.sign_in("ann", PASSWORD, &code, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
    let trail = ocs_storage::AuditLog::recent_audit(f.store.as_ref(), 100)
        .await
        .unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|row| row.entry.action == "account.totp-sealed")
            .count(),
        1
    );
}

/// Issue 19, item 10: account creation and reset refuse a password the strength estimator
/// finds easy (two common words) with ACC-007, and store
/// nothing; a strong one is taken.
#[tokio::test]
async fn weak_passwords_are_refused_at_creation_and_reset() {
    let f = fixture().await;
    let admin = Actor::Operator("root".into());
    let right = ocs_domain::access::Principal::operator()
        .can_administer()
        .unwrap();
    let refused = f
        .auth
        .add_account(
            &admin,
            right,
            "rosalind",
            Role::HostAdmin,
            None,
            "dragonfootball",
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "ACC-007");
    assert!(
        f.store
            .account_by_name(&AccountName::parse("rosalind").unwrap())
            .await
            .unwrap()
            .is_none()
    );
    let reset = f
        .auth
        .reset_password(&admin, right, "ann", "monkeybaseball")
        .await
        .unwrap_err();
    assert_eq!(reset.code(), "ACC-007");
    f.auth
        .reset_password(&admin, right, "ann", "violet kestrel under moss")
        .await
        .unwrap();
}

/// The fixture's store and clock with a pepper and a legacy cut-off a day after the clock.
fn with_cutoff(f: &Fixture) -> ConsoleAuth {
    let pepper = Pepper::new(ocs_crypto::SecretKey::from_bytes([4; 32]).derive("pepper"));
    ConsoleAuth::new(
        f.store.clone(),
        f.clock.clone(),
        Arc::new(SeededEntropy::new(8)),
        AuthSettings {
            password: FAST,
            ..AuthSettings::default()
        },
    )
    .with_pepper(pepper)
    .with_totp_key(totp_key())
    .with_legacy_cutoff(
        f.clock
            .now()
            .checked_add(SignedDuration::from_hours(24))
            .unwrap(),
    )
}

/// Issue 20, item 6: after the cut-off, an unpeppered hash (what someone who can write the
/// database could plant, knowing its password) no longer signs in.
#[tokio::test]
async fn an_unpeppered_hash_is_refused_after_the_legacy_cutoff() {
    let f = fixture().await;
    let auth = with_cutoff(&f);
    f.clock.advance(SignedDuration::from_hours(25));
    assert!(
        account_named(&f, "ann")
            .await
            .password_hash
            .starts_with("$argon2id$")
    );
    assert!(matches!(
        auth.sign_in("ann", PASSWORD, "", HOME).await,
        Err(AuthError::Invalid)
    ));
    // Not upgraded either: the planted hash stays what it was.
    assert!(
        account_named(&f, "ann")
            .await
            .password_hash
            .starts_with("$argon2id$")
    );
    // Before the cut-off the same hash was still accepted (enrolment comes next).
    let g = fixture().await;
    let SignIn::EnrolmentNeeded { .. } = with_cutoff(&g)
        .sign_in("ann", PASSWORD, "", HOME)
        .await
        .unwrap()
    else {
        panic!("enrolment first");
    };
}

/// Issue 20, item 6: after the cut-off, a TOTP secret stored in clear is refused even with
/// the right code (and a peppered password).
#[tokio::test]
async fn a_totp_secret_in_clear_is_refused_after_the_legacy_cutoff() {
    let f = fixture().await;
    let auth = with_cutoff(&f);
    // A peppered password hash, so only the TOTP secret is of a legacy format.
    let ann = account_named(&f, "ann").await;
    let pepper = Pepper::new(ocs_crypto::SecretKey::from_bytes([4; 32]).derive("pepper"));
    let peppered = ocs_crypto::password::hash_password_with(
        PASSWORD,
        FAST,
        Some(&pepper),
        &SeededEntropy::new(2),
    )
    .unwrap();
    f.store
        .change_account(
            ann.id,
            AccountChange::Rehash(peppered),
            entry("account.password-rehashed", f.clock.now()),
        )
        .await
        .unwrap();
    let raw = b"12345678901234567890".to_vec();
    store_totp(&f, &ann, raw.clone()).await;
    f.clock.advance(SignedDuration::from_hours(25));
    let code = current_code(&f).await;
    assert!(matches!(
        auth.sign_in("ann", PASSWORD, &code, HOME).await,
        Err(AuthError::Invalid)
    ));
    assert_eq!(account_named(&f, "ann").await.totp_secret, Some(raw));
    // The same account, code and time without a cut-off signs in: only the cut-off refused.
    let without = ConsoleAuth::new(
        f.store.clone(),
        f.clock.clone(),
        Arc::new(SeededEntropy::new(9)),
        AuthSettings {
            password: FAST,
            ..AuthSettings::default()
        },
    )
    .with_pepper(pepper)
    .with_totp_key(totp_key());
    assert!(matches!(
        without.sign_in("ann", PASSWORD, &code, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
}
