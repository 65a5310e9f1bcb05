//! Console accounts across a rotation of the long-lived pepper and TOTP keys (ADR 0012):
//! an account made under key id 0 signs in under the rotated keys, and its password hash and
//! TOTP secret move to the new key id at that sign-in.

use ocs_crypto::role_keys::KeyId;
use ocs_crypto::{SecretKey, ServerKeys};

use super::*;

fn auth_with(f: &Fixture, keys: &ServerKeys, seed: u64) -> ConsoleAuth {
    ConsoleAuth::new(
        f.store.clone(),
        f.clock.clone(),
        Arc::new(SeededEntropy::new(seed)),
        AuthSettings {
            password: FAST,
            ..AuthSettings::default()
        },
    )
    .with_pepper(keys.pepper())
    .with_totp_key(keys.totp_key())
}

async fn ann(f: &Fixture) -> ocs_storage::Account {
    f.store
        .account_by_name(&AccountName::parse("ann").unwrap())
        .await
        .unwrap()
        .unwrap()
}

async fn code(f: &Fixture, auth: &ConsoleAuth) -> String {
    let secret = auth.stored_totp_secret(&ann(f).await).unwrap();
    format!("{:06}", secret.code_at(f.clock.now().as_second()))
}

#[tokio::test]
async fn an_account_signs_in_across_a_rotation_of_the_pepper_and_totp_keys() {
    let f = fixture().await;
    let root = SecretKey::from_bytes([4; 32]);
    let before = ServerKeys::load(&f.dir.path().join("keys"), &root, SignedDuration::ZERO).unwrap();
    let old = auth_with(&f, &before, 11);
    let SignIn::EnrolmentNeeded { .. } = old.sign_in("ann", PASSWORD, "", HOME).await.unwrap()
    else {
        panic!("enrolment first");
    };
    let first = code(&f, &old).await;
    assert!(matches!(
        old.sign_in("ann", PASSWORD, &first, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
    let stored = ann(&f).await;
    assert!(stored.password_hash.starts_with("$ocs-pepper-v1$"));
    let sealed_before = stored.totp_secret.clone().unwrap();

    // Both long-lived roles get key id 1; id 0 is kept.
    let mut after = before.clone();
    let now = f.clock.now();
    after.pepper = after
        .pepper
        .with_key(KeyId::new(1), SecretKey::from_bytes([6; 32]), now);
    after.totp = after
        .totp
        .with_key(KeyId::new(1), SecretKey::from_bytes([7; 32]), now);
    let new = auth_with(&f, &after, 12);
    f.clock.advance(SignedDuration::from_secs(31));
    let second = code(&f, &new).await;
    assert!(matches!(
        new.sign_in("ann", PASSWORD, &second, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
    // Re-wrapped under id 1 at that sign-in: the old keys alone no longer open them.
    let stored = ann(&f).await;
    assert!(
        stored
            .password_hash
            .starts_with("$ocs-pepper-v2$k=1$argon2id$"),
        "{}",
        stored.password_hash
    );
    let sealed_after = stored.totp_secret.clone().unwrap();
    assert_ne!(sealed_after, sealed_before);
    assert!(!after.totp_key().needs_reseal(&sealed_after));
    assert!(old.stored_totp_secret(&stored).is_none());
    f.clock.advance(SignedDuration::from_secs(31));
    let third = code(&f, &new).await;
    assert!(matches!(
        old.sign_in("ann", PASSWORD, &third, HOME).await,
        Err(AuthError::Invalid)
    ));
    assert!(matches!(
        new.sign_in("ann", PASSWORD, &third, HOME).await.unwrap(),
        SignIn::Session { .. }
    ));
}
