//! Form and receipt tokens: layouts, ages, tampering, key ids and rotation.

use proptest::prelude::*;

use super::*;
use crate::entropy::SeededEntropy;

const MIN: SignedDuration = SignedDuration::from_secs(3);
const MAX: SignedDuration = SignedDuration::from_hours(2);

fn root() -> SecretKey {
    SecretKey::from_bytes([5; 32])
}

fn forms() -> FormTokens {
    FormTokens::new(root().derive("form-token"))
}

fn receipts() -> ReceiptTokens {
    ReceiptTokens::new(root().derive("receipt"))
}

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(1_767_225_600_000 + ms).unwrap()
}

#[test]
fn form_token_round_trip() {
    let initiative = InitiativeId::new(3);
    let token = forms().issue(initiative, at(0), &SeededEntropy::new(1));
    assert_eq!(token.len(), 62);
    assert!(
        token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    let claims = forms()
        .verify(&token, initiative, at(5_000), MIN, MAX)
        .unwrap();
    assert_eq!(claims.issued_at, at(0));
    let again = forms().issue(initiative, at(0), &SeededEntropy::new(2));
    let other = forms()
        .verify(&again, initiative, at(5_000), MIN, MAX)
        .unwrap();
    assert_ne!(claims.nonce, other.nonce);
}

#[test]
fn form_token_checks_initiative_and_age() {
    let token = forms().issue(InitiativeId::new(3), at(0), &SeededEntropy::new(1));
    let verify =
        |initiative, now| forms().verify(&token, InitiativeId::new(initiative), now, MIN, MAX);
    assert_eq!(verify(4, at(5_000)), Err(TokenError::WrongInitiative));
    assert_eq!(verify(3, at(2_999)), Err(TokenError::TooFast));
    assert_eq!(verify(3, at(-1_000)), Err(TokenError::TooFast));
    assert!(verify(3, at(3_000)).is_ok());
    assert!(verify(3, at(7_200_000)).is_ok());
    assert_eq!(verify(3, at(7_200_001)), Err(TokenError::Expired));
}

#[test]
fn tampered_form_token_fails() {
    let token = forms().issue(InitiativeId::new(3), at(0), &SeededEntropy::new(1));
    let bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
    for index in 1..bytes.len() {
        let mut tampered = bytes.clone();
        tampered[index] ^= 0x40;
        let text = URL_SAFE_NO_PAD.encode(&tampered);
        assert_eq!(
            forms().verify(&text, InitiativeId::new(3), at(5_000), MIN, MAX),
            Err(TokenError::BadSignature),
            "byte {index}"
        );
    }
    let other_key = FormTokens::new(root().derive("other"));
    assert_eq!(
        other_key.verify(&token, InitiativeId::new(3), at(5_000), MIN, MAX),
        Err(TokenError::BadSignature)
    );
    for garbage in [
        "",
        "x",
        &token[..59],
        &format!("{token}A"),
        &"A".repeat(10_000),
    ] {
        assert_eq!(
            forms().verify(garbage, InitiativeId::new(3), at(5_000), MIN, MAX),
            Err(TokenError::Malformed)
        );
    }
}

fn secret() -> ReceiptSecret {
    ReceiptSecret::from_bytes([7; RECEIPT_SECRET_LEN])
}

#[test]
fn receipt_round_trip() {
    let statement = StatementId::from_bytes([9; 16]);
    let token = receipts().issue(InitiativeId::new(3), statement, at(1_234), &secret());
    assert_eq!(token.len(), 82);
    let claims = receipts().verify(&token, at(0)).unwrap();
    assert_eq!(claims.initiative, InitiativeId::new(3));
    assert_eq!(claims.statement, statement);
    assert_eq!(claims.submitted_at, at(1_234));
    assert_eq!(claims.secret.unwrap().as_bytes(), secret().as_bytes());
}

#[test]
fn receipts_of_the_first_layout_still_verify() {
    let statement = StatementId::from_bytes([9; 16]);
    let mut body = vec![RECEIPT_KIND];
    body.extend_from_slice(&3u32.to_be_bytes());
    body.extend_from_slice(statement.as_bytes());
    body.extend_from_slice(&at(5).as_millisecond().to_be_bytes());
    let token = sign(&root().derive("receipt"), RECEIPT_LABEL, body);
    assert_eq!(token.len(), 60);
    let claims = receipts().verify(&token, at(0)).unwrap();
    assert_eq!(claims.statement, statement);
    assert!(claims.secret.is_none());
}

#[test]
fn secret_verifier_round_trip() {
    let statement = StatementId::from_bytes([9; 16]);
    let verifier = receipts().verifier(statement, &secret());
    assert!(receipts().secret_matches(statement, &secret(), &verifier));
    let other = ReceiptSecret::from_bytes([8; RECEIPT_SECRET_LEN]);
    assert!(!receipts().secret_matches(statement, &other, &verifier));
}

#[test]
fn tampered_or_foreign_receipt_fails() {
    let token = receipts().issue(
        InitiativeId::new(3),
        StatementId::from_bytes([9; 16]),
        at(0),
        &secret(),
    );
    let bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
    for index in 0..bytes.len() {
        let mut tampered = bytes.clone();
        tampered[index] ^= 0x01;
        assert!(
            receipts()
                .verify(&URL_SAFE_NO_PAD.encode(&tampered), at(0))
                .is_none(),
            "byte {index}"
        );
    }
    // A form token is never a receipt, even under the same key.
    let form = FormTokens::new(root().derive("receipt")).issue(
        InitiativeId::new(3),
        at(0),
        &SeededEntropy::new(1),
    );
    assert!(receipts().verify(&form, at(0)).is_none());
    assert!(ReceiptTokens::new(root()).verify(&token, at(0)).is_none());
}

proptest! {
    #[test]
    fn verify_never_panics(text in ".{0,200}", bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
        let encoded = URL_SAFE_NO_PAD.encode(&bytes);
        for candidate in [&text, &encoded] {
            let _ = forms().verify(candidate, InitiativeId::new(1), at(0), MIN, MAX);
            let _ = receipts().verify(candidate, at(0));
        }
    }
}
