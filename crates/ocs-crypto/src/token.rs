//! HMAC-signed, URL-safe tokens: one-time form tokens (the no-JavaScript path and double
//! submits) and receipt tokens (a receipt page rendered from the token alone).
//!
//! Layout before base64url (no padding), 45 bytes, 60 characters:
//!
//! ```text
//! form:    0x01 ‖ initiative u32 ‖ issued_at ms i64 ‖ nonce 16        ‖ mac 16
//! receipt: 0x02 ‖ initiative u32 ‖ statement 16    ‖ submitted ms i64 ‖ mac 16
//! ```
//!
//! Receipts issued since self-service (kind 0x03, 60 bytes, 80 characters) also carry the
//! signer's receipt secret, so the receipt page (reached once, by the redirect after
//! signing) can show it; the server stores only its verifier:
//!
//! ```text
//! receipt: 0x03 ‖ initiative u32 ‖ statement 16 ‖ submitted ms i64 ‖ secret 15 ‖ mac 16
//! ```
//!
//! The MAC is HMAC-SHA256 truncated to 128 bits (forging one takes 2¹²⁸ tries online) over a
//! label and everything before it. The kind byte and the label keep a token of one kind from
//! verifying as the other even under the same key; give each kind its own derived key anyway.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::{SignedDuration, Timestamp};
use ocs_domain::{InitiativeId, StatementId};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::entropy::Entropy;
use crate::hash::hmac_sha256;
use crate::receipt_secret::{RECEIPT_SECRET_LEN, ReceiptSecret};
use crate::secret::SecretKey;

const TOKEN_LEN: usize = 45;
const MAC_LEN: usize = 16;
/// Longest text worth decoding (a token is 60 characters).
const MAX_TEXT_LEN: usize = 128;
const FORM_KIND: u8 = 0x01;
const RECEIPT_KIND: u8 = 0x02;
const RECEIPT_WITH_SECRET_KIND: u8 = 0x03;
const RECEIPT_WITH_SECRET_LEN: usize = TOKEN_LEN + RECEIPT_SECRET_LEN;
const FORM_LABEL: &[u8] = b"openocs form token v1";
const RECEIPT_LABEL: &[u8] = b"openocs receipt token v1";

/// Why a form token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not a form token of this version.
    #[error("malformed form token")]
    Malformed,
    /// Not signed with this server's key, or changed.
    #[error("form token signature does not verify")]
    BadSignature,
    /// Issued for another initiative's form.
    #[error("form token belongs to another initiative")]
    WrongInitiative,
    /// Sent back sooner than a person can fill in the form (or issued in the future).
    #[error("form sent back too fast")]
    TooFast,
    /// Older than the form's lifetime.
    #[error("form token expired")]
    Expired,
}

/// What a valid form token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormTokenClaims {
    /// Random per served form: the key of the service's single-use registry.
    pub nonce: [u8; 16],
    /// When the form was served (millisecond precision).
    pub issued_at: Timestamp,
}

/// Issues and verifies one-time form tokens.
pub struct FormTokens {
    key: SecretKey,
}

impl FormTokens {
    /// Signs with `key` (use `root.derive("form-token")`).
    pub fn new(key: SecretKey) -> Self {
        Self { key }
    }

    /// A token for a form of `initiative` served at `now`.
    pub fn issue(&self, initiative: InitiativeId, now: Timestamp, entropy: &dyn Entropy) -> String {
        let mut nonce = [0u8; 16];
        entropy.fill(&mut nonce);
        let mut body = Vec::with_capacity(TOKEN_LEN);
        body.push(FORM_KIND);
        body.extend_from_slice(&initiative.get().to_be_bytes());
        body.extend_from_slice(&now.as_millisecond().to_be_bytes());
        body.extend_from_slice(&nonce);
        sign(&self.key, FORM_LABEL, body)
    }

    /// Checks a token for `initiative` at `now`: it must be at least `min_age` old (a person
    /// needs time to fill in the form; a script does not) and at most `max_age`.
    pub fn verify(
        &self,
        token: &str,
        initiative: InitiativeId,
        now: Timestamp,
        min_age: SignedDuration,
        max_age: SignedDuration,
    ) -> Result<FormTokenClaims, TokenError> {
        let body = open(&self.key, FORM_LABEL, FORM_KIND, TOKEN_LEN, token)?;
        let (token_initiative, rest) = split_u32(&body).ok_or(TokenError::Malformed)?;
        let (issued_ms, rest) = split_i64(rest).ok_or(TokenError::Malformed)?;
        let nonce: [u8; 16] = rest.try_into().map_err(|_| TokenError::Malformed)?;
        if token_initiative != initiative.get() {
            return Err(TokenError::WrongInitiative);
        }
        let issued_at =
            Timestamp::from_millisecond(issued_ms).map_err(|_| TokenError::Malformed)?;
        let age = now.duration_since(issued_at);
        if age < min_age {
            return Err(TokenError::TooFast);
        }
        if age > max_age {
            return Err(TokenError::Expired);
        }
        Ok(FormTokenClaims { nonce, issued_at })
    }
}

/// What a valid receipt token says.
#[derive(Debug, Clone)]
pub struct ReceiptClaims {
    /// The initiative signed.
    pub initiative: InitiativeId,
    /// The statement identifier shown to the signer.
    pub statement: StatementId,
    /// When it was signed (millisecond precision).
    pub submitted_at: Timestamp,
    /// The receipt secret (absent in receipts issued before self-service).
    pub secret: Option<ReceiptSecret>,
}

/// Issues and verifies receipt tokens, and keys the verifiers of receipt secrets.
pub struct ReceiptTokens {
    key: SecretKey,
    verifier_key: SecretKey,
}

impl ReceiptTokens {
    /// Signs with `key` (use `root.derive("receipt")`); the secret verifiers use a key
    /// derived from it.
    pub fn new(key: SecretKey) -> Self {
        let verifier_key = key.derive("openocs receipt secret verifier v1");
        Self { key, verifier_key }
    }

    /// A token naming the statement, its time and the receipt secret. The service issues one
    /// for every accepted submission, duplicate or not, so the receipt page is the same in
    /// both cases.
    pub fn issue(
        &self,
        initiative: InitiativeId,
        statement: StatementId,
        submitted_at: Timestamp,
        secret: &ReceiptSecret,
    ) -> String {
        let mut body = Zeroizing::new(Vec::with_capacity(RECEIPT_WITH_SECRET_LEN));
        body.push(RECEIPT_WITH_SECRET_KIND);
        body.extend_from_slice(&initiative.get().to_be_bytes());
        body.extend_from_slice(statement.as_bytes());
        body.extend_from_slice(&submitted_at.as_millisecond().to_be_bytes());
        body.extend_from_slice(secret.as_bytes());
        sign(&self.key, RECEIPT_LABEL, body.to_vec())
    }

    /// The claims of a valid token (either layout). `None` for anything else, without saying
    /// why: the page shows one "not a valid receipt".
    pub fn verify(&self, token: &str) -> Option<ReceiptClaims> {
        let (body, with_secret) =
            match open(&self.key, RECEIPT_LABEL, RECEIPT_KIND, TOKEN_LEN, token) {
                Ok(body) => (body, false),
                Err(_) => (
                    open(
                        &self.key,
                        RECEIPT_LABEL,
                        RECEIPT_WITH_SECRET_KIND,
                        RECEIPT_WITH_SECRET_LEN,
                        token,
                    )
                    .ok()?,
                    true,
                ),
            };
        let body = Zeroizing::new(body);
        let (initiative, rest) = split_u32(&body)?;
        let (statement, rest) = rest.split_first_chunk::<16>()?;
        let (submitted_ms, rest) = split_i64(rest)?;
        let secret = if with_secret {
            let bytes: [u8; RECEIPT_SECRET_LEN] = rest.try_into().ok()?;
            Some(ReceiptSecret::from_bytes(bytes))
        } else if rest.is_empty() {
            None
        } else {
            return None;
        };
        Some(ReceiptClaims {
            initiative: InitiativeId::new(initiative),
            statement: StatementId::from_bytes(*statement),
            submitted_at: Timestamp::from_millisecond(submitted_ms).ok()?,
            secret,
        })
    }

    /// The verifier stored in place of `secret` for `statement`.
    pub fn verifier(&self, statement: StatementId, secret: &ReceiptSecret) -> [u8; 32] {
        secret.verifier(&self.verifier_key, statement)
    }

    /// Whether `secret` matches the stored `verifier` of `statement` (constant time).
    pub fn secret_matches(
        &self,
        statement: StatementId,
        secret: &ReceiptSecret,
        verifier: &[u8; 32],
    ) -> bool {
        secret.matches(&self.verifier_key, statement, verifier)
    }
}

impl std::fmt::Debug for FormTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormTokens(..)")
    }
}

impl std::fmt::Debug for ReceiptTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReceiptTokens(..)")
    }
}

fn mac(key: &SecretKey, label: &[u8], body: &[u8]) -> [u8; 32] {
    hmac_sha256(key.bytes(), &[label, body])
}

fn sign(key: &SecretKey, label: &[u8], mut body: Vec<u8>) -> String {
    let tag = mac(key, label, &body);
    body.extend(tag.iter().take(MAC_LEN));
    URL_SAFE_NO_PAD.encode(body)
}

/// Decodes and authenticates a token of `kind` and `length` bytes; returns the fields after
/// the kind byte.
fn open(
    key: &SecretKey,
    label: &[u8],
    kind: u8,
    length: usize,
    token: &str,
) -> Result<Vec<u8>, TokenError> {
    let token = token.trim();
    if token.len() > MAX_TEXT_LEN {
        return Err(TokenError::Malformed);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| TokenError::Malformed)?;
    if bytes.len() != length || bytes.first() != Some(&kind) {
        return Err(TokenError::Malformed);
    }
    let (signed, tag) = bytes
        .split_at_checked(length - MAC_LEN)
        .ok_or(TokenError::Malformed)?;
    let expected = mac(key, label, signed);
    let expected = expected.get(..MAC_LEN).ok_or(TokenError::Malformed)?;
    // Constant time: a byte-by-byte early exit would let an attacker find a valid tag one
    // byte at a time from response times.
    if !bool::from(expected.ct_eq(tag)) {
        return Err(TokenError::BadSignature);
    }
    Ok(signed.get(1..).unwrap_or_default().to_vec())
}

fn split_u32(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (head, rest) = bytes.split_first_chunk::<4>()?;
    Some((u32::from_be_bytes(*head), rest))
}

fn split_i64(bytes: &[u8]) -> Option<(i64, &[u8])> {
    let (head, rest) = bytes.split_first_chunk::<8>()?;
    Some((i64::from_be_bytes(*head), rest))
}

#[cfg(test)]
mod tests {
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
        assert_eq!(token.len(), 60);
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
        assert_eq!(token.len(), 80);
        let claims = receipts().verify(&token).unwrap();
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
        let token = sign(&receipts().key, RECEIPT_LABEL, body);
        assert_eq!(token.len(), 60);
        let claims = receipts().verify(&token).unwrap();
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
                    .verify(&URL_SAFE_NO_PAD.encode(&tampered))
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
        assert!(receipts().verify(&form).is_none());
        assert!(ReceiptTokens::new(root()).verify(&token).is_none());
    }

    proptest! {
        #[test]
        fn verify_never_panics(text in ".{0,200}", bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            let encoded = URL_SAFE_NO_PAD.encode(&bytes);
            for candidate in [&text, &encoded] {
                let _ = forms().verify(candidate, InitiativeId::new(1), at(0), MIN, MAX);
                let _ = receipts().verify(candidate);
            }
        }
    }
}
