//! Key ids and rotation per role: token keys verify in their grace period and not after,
//! long-lived keys keep receipts, TOTP secrets and passwords working, key files on disk.

use std::os::unix::fs::PermissionsExt as _;

use jiff::{SignedDuration, Timestamp};
use ocs_domain::{InitiativeId, StatementId};

use super::*;
use crate::entropy::SeededEntropy;
use crate::password::{PasswordParams, hash_password_with, verify_password_with};
use crate::receipt_secret::{RECEIPT_SECRET_LEN, ReceiptSecret};
use crate::server_keys::ServerKeys;
use crate::totp::TotpSecret;

const GRACE: SignedDuration = SignedDuration::from_hours(1);
const LONG: SignedDuration = SignedDuration::from_hours(100);

fn root() -> SecretKey {
    SecretKey::from_bytes([5; 32])
}

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + seconds).unwrap()
}

fn fresh(seed: u64) -> SecretKey {
    SecretKey::generate(&SeededEntropy::new(seed)).unwrap()
}

/// The keys before any rotation (root only), and after `role` got key id 1 at `at(100)`.
fn before_and_after(role: KeyRole) -> (ServerKeys, ServerKeys) {
    let dir = tempfile::tempdir().unwrap();
    let before = ServerKeys::load(dir.path(), &root(), GRACE).unwrap();
    let mut after = before.clone();
    let rotated = before
        .role(role)
        .clone()
        .with_key(KeyId::new(1), fresh(9), at(100));
    match role {
        KeyRole::Tokens => after.tokens = rotated,
        KeyRole::ReceiptVerifier => after.receipt_verifier = rotated,
        KeyRole::Totp => after.totp = rotated,
        KeyRole::Pepper => after.pepper = rotated,
    }
    (before, after)
}

#[test]
fn a_token_issued_before_a_rotation_verifies_in_the_grace_period_and_not_after() {
    let (before, after) = before_and_after(KeyRole::Tokens);
    let initiative = InitiativeId::new(3);
    let entropy = SeededEntropy::new(1);
    let in_grace = at(100) + SignedDuration::from_mins(59);
    let past_grace = at(100) + SignedDuration::from_mins(61);

    let form = before.form_tokens().issue(initiative, at(0), &entropy);
    let check_form = |now| {
        after
            .form_tokens()
            .verify(&form, initiative, now, SignedDuration::ZERO, LONG)
    };
    assert!(check_form(in_grace).is_ok());
    assert_eq!(check_form(past_grace), Err(crate::TokenError::BadSignature));

    let secret = ReceiptSecret::from_bytes([7; RECEIPT_SECRET_LEN]);
    let statement = StatementId::from_bytes([9; 16]);
    let receipt = before
        .receipt_tokens()
        .issue(initiative, statement, at(0), &secret);
    assert!(after.receipt_tokens().verify(&receipt, in_grace).is_some());
    assert!(
        after
            .receipt_tokens()
            .verify(&receipt, past_grace)
            .is_none()
    );

    let csrf = before.csrf().issue(b"session", at(0), &entropy);
    assert_eq!(
        after.csrf().verify(&csrf, b"session", in_grace, LONG),
        Ok(())
    );
    assert_eq!(
        after.csrf().verify(&csrf, b"session", past_grace, LONG),
        Err(crate::CsrfError::BadSignature)
    );

    let challenge = before.altcha(50, LONG).issue(at(0), &entropy);
    let payload = crate::altcha::solve(&challenge).unwrap();
    assert!(after.altcha(50, LONG).verify(&payload, in_grace).is_ok());
    assert_eq!(
        after.altcha(50, LONG).verify(&payload, past_grace),
        Err(crate::AltchaError::BadSignature)
    );

    // The new key signs from the rotation on; the old ring does not know it.
    let new_form = after.form_tokens().issue(initiative, past_grace, &entropy);
    let later = past_grace + SignedDuration::from_mins(1);
    assert!(
        after
            .form_tokens()
            .verify(&new_form, initiative, later, SignedDuration::ZERO, LONG)
            .is_ok()
    );
    assert!(
        before
            .form_tokens()
            .verify(&new_form, initiative, later, SignedDuration::ZERO, LONG)
            .is_err()
    );
    let new_receipt = after
        .receipt_tokens()
        .issue(initiative, statement, later, &secret);
    assert!(after.receipt_tokens().verify(&new_receipt, later).is_some());
    assert!(
        before
            .receipt_tokens()
            .verify(&new_receipt, later)
            .is_none()
    );
}

#[test]
fn a_token_of_one_purpose_does_not_verify_as_another() {
    let keys = ServerKeys::load(Path::new("/nonexistent"), &root(), GRACE).unwrap();
    let entropy = SeededEntropy::new(2);
    let initiative = InitiativeId::new(3);
    let form = keys.form_tokens().issue(initiative, at(0), &entropy);
    let csrf = keys.csrf().issue(b"s", at(0), &entropy);
    let receipt = keys.receipt_tokens().issue(
        initiative,
        StatementId::from_bytes([1; 16]),
        at(0),
        &ReceiptSecret::from_bytes([2; RECEIPT_SECRET_LEN]),
    );
    for token in [&csrf, &receipt] {
        assert!(
            keys.form_tokens()
                .verify(token, initiative, at(10), SignedDuration::ZERO, LONG)
                .is_err()
        );
    }
    for token in [&form, &csrf] {
        assert!(keys.receipt_tokens().verify(token, at(10)).is_none());
    }
    for token in [&form, &receipt] {
        assert!(keys.csrf().verify(token, b"s", at(10), LONG).is_err());
    }
    // Even under one and the same key, the kind byte and the context label keep them apart.
    let same = RoleKeys::single(root());
    let form = crate::FormTokens::with_keys(same.clone()).issue(initiative, at(0), &entropy);
    let as_receipt = crate::ReceiptTokens::with_keys(same.clone(), &same);
    assert!(as_receipt.verify(&form, at(10)).is_none());
    let csrf = crate::CsrfTokens::with_keys(same.clone()).issue(b"s", at(0), &entropy);
    assert!(
        crate::FormTokens::with_keys(same)
            .verify(&csrf, initiative, at(10), SignedDuration::ZERO, LONG)
            .is_err()
    );
}

#[test]
fn a_receipt_secret_checks_across_a_rotation_of_the_verifier_key() {
    let (before, after) = before_and_after(KeyRole::ReceiptVerifier);
    let statement = StatementId::from_bytes([4; 16]);
    let secret = ReceiptSecret::from_bytes([8; RECEIPT_SECRET_LEN]);
    let wrong = ReceiptSecret::from_bytes([6; RECEIPT_SECRET_LEN]);
    // Made before the rotation: the verifier of earlier releases, no key id inside.
    let old = before.receipt_tokens().verifier(statement, &secret);
    assert_eq!(
        old,
        secret.verifier(
            &root()
                .derive("openocs receipt v1")
                .derive("openocs receipt secret verifier v1"),
            statement
        )
    );
    assert!(
        after
            .receipt_tokens()
            .secret_matches(statement, &secret, &old)
    );
    assert!(
        !after
            .receipt_tokens()
            .secret_matches(statement, &wrong, &old)
    );
    // Made after: names key id 1, which checks it; without that key it does not match.
    let new = after.receipt_tokens().verifier(statement, &secret);
    assert_eq!(new[0], 1);
    assert!(
        after
            .receipt_tokens()
            .secret_matches(statement, &secret, &new)
    );
    assert!(
        !after
            .receipt_tokens()
            .secret_matches(statement, &wrong, &new)
    );
    assert!(
        !before
            .receipt_tokens()
            .secret_matches(statement, &secret, &new)
    );
    // Long-lived: no grace period, a year later both still match.
    assert!(
        after
            .receipt_verifier
            .verifying(KeyId::ROOT, at(365 * 86_400))
            .is_some()
    );
}

#[test]
fn a_totp_secret_opens_across_a_rotation_and_is_sealed_again() {
    let (before, after) = before_and_after(KeyRole::Totp);
    let entropy = SeededEntropy::new(3);
    let secret = TotpSecret::generate(&entropy);
    let old = before.totp_key().seal("alice", &secret, &entropy).unwrap();
    let opened = after.totp_key().open("alice", &old).unwrap();
    assert_eq!(opened.as_bytes(), secret.as_bytes());
    assert!(after.totp_key().needs_reseal(&old));
    assert!(!before.totp_key().needs_reseal(&old));
    let new = after.totp_key().seal("alice", &secret, &entropy).unwrap();
    assert!(!after.totp_key().needs_reseal(&new));
    assert_eq!(
        after.totp_key().open("alice", &new).unwrap().as_bytes(),
        secret.as_bytes()
    );
    assert!(after.totp_key().open("bob", &new).is_none());
    assert!(before.totp_key().open("alice", &new).is_none());
    // A first-version value (key id 0, no id inside) is what earlier releases stored.
    let legacy = crate::TotpKey::new(root().derive("openocs totp v1"))
        .seal("alice", &secret, &entropy)
        .unwrap();
    assert!(after.totp_key().open("alice", &legacy).is_some());
}

#[test]
fn a_password_set_before_a_pepper_rotation_still_verifies_and_asks_for_an_upgrade() {
    let (before, after) = before_and_after(KeyRole::Pepper);
    let params = PasswordParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    let entropy = SeededEntropy::new(4);
    let password = "correct horse battery staple 42";
    let old = hash_password_with(password, params, Some(&before.pepper()), &entropy).unwrap();
    assert!(old.starts_with("$ocs-pepper-v1$argon2id$"), "{old}");
    let checked = verify_password_with(password, Some(&old), params, Some(&after.pepper()));
    assert!(checked.ok && checked.needs_upgrade);
    let wrong = verify_password_with(
        "wrong password 1234",
        Some(&old),
        params,
        Some(&after.pepper()),
    );
    assert!(!wrong.ok);
    let new = hash_password_with(password, params, Some(&after.pepper()), &entropy).unwrap();
    assert!(new.starts_with("$ocs-pepper-v2$k=1$argon2id$"), "{new}");
    assert!(crate::password::is_peppered(&new));
    let checked = verify_password_with(password, Some(&new), params, Some(&after.pepper()));
    assert!(checked.ok && !checked.needs_upgrade);
    // Without key id 1 the new hash does not verify.
    assert!(!verify_password_with(password, Some(&new), params, Some(&before.pepper())).ok);
}

#[test]
fn rotate_writes_owner_only_key_files_that_load_and_prune_after_the_grace() {
    let dir = tempfile::tempdir().unwrap();
    let keys_dir = dir.path().join("keyring");
    let first = rotate(&keys_dir, KeyRole::Tokens, at(0), &SeededEntropy::new(1)).unwrap();
    let second = rotate(&keys_dir, KeyRole::Tokens, at(500), &SeededEntropy::new(2)).unwrap();
    let totp = rotate(&keys_dir, KeyRole::Totp, at(0), &SeededEntropy::new(3)).unwrap();
    assert_eq!(
        (first.id, second.id, totp.id),
        (KeyId(1), KeyId(2), KeyId(1))
    );
    assert!(second.path.ends_with("tokens-2.key"));
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&keys_dir), 0o700);
    assert_eq!(mode(&second.path), 0o600);

    let loaded = ServerKeys::load(&keys_dir, &root(), GRACE).unwrap();
    let ids: Vec<KeyId> = loaded.tokens.ids().into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, [KeyId(0), KeyId(1), KeyId(2)]);
    assert_eq!(loaded.tokens.current().0, KeyId(2));
    assert_eq!(loaded.totp.current().0, KeyId(1));
    assert_eq!(loaded.pepper.current().0, KeyId::ROOT);
    // Key 0 was replaced at at(0), key 1 at at(500).
    assert!(loaded.tokens.verifying(KeyId(0), at(3_599)).is_some());
    assert!(loaded.tokens.verifying(KeyId(0), at(3_601)).is_none());
    assert!(loaded.tokens.verifying(KeyId(1), at(3_601)).is_some());
    assert!(loaded.tokens.verifying(KeyId(1), at(4_101)).is_none());
    // Loaded twice, the same key.
    let again = ServerKeys::load(&keys_dir, &root(), GRACE).unwrap();
    assert_eq!(
        loaded.tokens.current().1.bytes(),
        again.tokens.current().1.bytes()
    );

    assert!(
        prune_token_keys(&keys_dir, at(3_000), GRACE)
            .unwrap()
            .is_empty()
    );
    let pruned = prune_token_keys(&keys_dir, at(4_200), GRACE).unwrap();
    assert_eq!(pruned.len(), 1);
    assert_eq!(pruned[0].id, KeyId(1));
    assert!(!first.path.exists() && second.path.exists() && totp.path.exists());
}

#[test]
fn a_key_file_that_does_not_say_what_it_is_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    };
    let secret = fresh(4).to_base64();
    write(
        "pepper-1.key",
        &format!("# openocs role key: role=totp id=1 created=2027-01-15T08:00:00Z\n{secret}\n"),
    );
    let error = ServerKeys::load(dir.path(), &root(), GRACE).unwrap_err();
    assert!(error.to_string().contains("pepper-1.key"), "{error}");
    std::fs::remove_file(dir.path().join("pepper-1.key")).unwrap();
    write("totp-x.key", &secret);
    assert!(ServerKeys::load(dir.path(), &root(), GRACE).is_err());
    std::fs::remove_file(dir.path().join("totp-x.key")).unwrap();
    write("notes.txt", "not a key");
    assert!(ServerKeys::load(dir.path(), &root(), GRACE).is_ok());
    assert_eq!(
        KeyRole::parse("receipt-verifier"),
        Some(KeyRole::ReceiptVerifier)
    );
    assert_eq!(KeyRole::parse("root"), None);
    // Keys added out of order: the highest id signs, and a repeated id replaces its key.
    let ring = RoleKeys::single(root())
        .with_key(KeyId(2), fresh(5), at(20))
        .with_key(KeyId(1), fresh(6), at(10))
        .with_key(KeyId(2), fresh(7), at(30));
    let ids: Vec<KeyId> = ring.ids().into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, [KeyId(0), KeyId(1), KeyId(2)]);
    assert_eq!(ring.current().1.bytes(), fresh(7).bytes());
}
