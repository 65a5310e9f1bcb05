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
//! Since key ids (ADR 0012) the server issues the second version of each, which names the
//! token key that signed it (`kid`), so a token issued before a rotation still verifies in
//! the grace period; tokens of the first version verify with key id 0 (the server root):
//!
//! ```text
//! form:    0x11 ‖ kid ‖ initiative u32 ‖ issued_at ms i64 ‖ nonce 16 ‖ mac 16   (46 bytes)
//! receipt: 0x13 ‖ kid ‖ initiative u32 ‖ statement 16 ‖ submitted ms i64 ‖ secret 15 ‖ mac 16
//! ```
//!
//! The MAC is HMAC-SHA256 truncated to 128 bits (forging one takes 2¹²⁸ tries online) over a
//! context label (`openocs form token v2`, `openocs receipt token v2`; `… v1` for the first
//! version) and everything before it. The kind byte and the label keep a token of one kind
//! from verifying as the other even under the same key; each kind has its own derived key
//! anyway.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::{SignedDuration, Timestamp};
use ocs_domain::{InitiativeId, StatementId};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::entropy::Entropy;
use crate::hash::hmac_sha256;
use crate::receipt_secret::{RECEIPT_SECRET_LEN, ReceiptSecret};
use crate::role_keys::{KeyId, RoleKeys};
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
const FORM_V2_KIND: u8 = 0x11;
const RECEIPT_V2_KIND: u8 = 0x13;
const FORM_V2_LEN: usize = TOKEN_LEN + 1;
const RECEIPT_V2_LEN: usize = RECEIPT_WITH_SECRET_LEN + 1;
const FORM_V2_LABEL: &[u8] = b"openocs form token v2";
const RECEIPT_V2_LABEL: &[u8] = b"openocs receipt token v2";
/// The purpose label deriving the receipt verifier key from its role key.
const VERIFIER_PURPOSE: &str = "openocs receipt secret verifier v1";

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
    keys: RoleKeys,
}

impl FormTokens {
    /// Signs with `key` as key id 0 (use `root.derive("openocs form token v1")`).
    pub fn new(key: SecretKey) -> Self {
        Self::with_keys(RoleKeys::single(key))
    }

    /// Signs with the current key of `keys` (the token role derived for form tokens);
    /// verifies with any of its keys still in their grace period.
    pub fn with_keys(keys: RoleKeys) -> Self {
        Self { keys }
    }

    /// A token for a form of `initiative` served at `now`.
    pub fn issue(&self, initiative: InitiativeId, now: Timestamp, entropy: &dyn Entropy) -> String {
        let mut nonce = [0u8; 16];
        entropy.fill(&mut nonce);
        let (id, key) = self.keys.current();
        let mut body = Vec::with_capacity(FORM_V2_LEN);
        body.push(FORM_V2_KIND);
        body.push(id.get());
        body.extend_from_slice(&initiative.get().to_be_bytes());
        body.extend_from_slice(&now.as_millisecond().to_be_bytes());
        body.extend_from_slice(&nonce);
        sign(key, FORM_V2_LABEL, body)
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
        let body = match kind_of(token) {
            Some(FORM_V2_KIND) => open_v2(
                &self.keys,
                now,
                FORM_V2_LABEL,
                FORM_V2_KIND,
                FORM_V2_LEN,
                token,
            )?,
            _ => open(self.root_key(now)?, FORM_LABEL, FORM_KIND, TOKEN_LEN, token)?,
        };
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

    /// Key id 0, for tokens of the first version (it verifies while it is the current key
    /// or within the grace period after the first rotation).
    fn root_key(&self, now: Timestamp) -> Result<&SecretKey, TokenError> {
        self.keys
            .verifying(KeyId::ROOT, now)
            .ok_or(TokenError::BadSignature)
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
    keys: RoleKeys,
    verifier_keys: RoleKeys,
}

impl ReceiptTokens {
    /// Signs with `key` as key id 0 (use `root.derive("openocs receipt v1")`); the secret
    /// verifiers use a key derived from it, as before key ids.
    pub fn new(key: SecretKey) -> Self {
        let verifier_role = RoleKeys::single(key.clone());
        Self::with_keys(RoleKeys::single(key), &verifier_role)
    }

    /// Signs tokens with the current key of `keys` (the token role derived for receipts);
    /// the secret verifiers use `verifier_role` (the long-lived receipt-verifier role,
    /// whose key id 0 is `root.derive("openocs receipt v1")`).
    pub fn with_keys(keys: RoleKeys, verifier_role: &RoleKeys) -> Self {
        Self {
            keys,
            verifier_keys: verifier_role.derive(VERIFIER_PURPOSE),
        }
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
        let (id, key) = self.keys.current();
        let mut body = Zeroizing::new(Vec::with_capacity(RECEIPT_V2_LEN));
        body.push(RECEIPT_V2_KIND);
        body.push(id.get());
        body.extend_from_slice(&initiative.get().to_be_bytes());
        body.extend_from_slice(statement.as_bytes());
        body.extend_from_slice(&submitted_at.as_millisecond().to_be_bytes());
        body.extend_from_slice(secret.as_bytes());
        sign(key, RECEIPT_V2_LABEL, body.to_vec())
    }

    /// The claims of a valid token (any layout) at `now`: a token signed by a replaced key
    /// verifies only within its grace period. `None` for anything else, without saying why:
    /// the page shows one "not a valid receipt".
    pub fn verify(&self, token: &str, now: Timestamp) -> Option<ReceiptClaims> {
        let root = self.keys.verifying(KeyId::ROOT, now);
        let (body, with_secret) = match kind_of(token)? {
            RECEIPT_V2_KIND => (
                open_v2(
                    &self.keys,
                    now,
                    RECEIPT_V2_LABEL,
                    RECEIPT_V2_KIND,
                    RECEIPT_V2_LEN,
                    token,
                )
                .ok()?,
                true,
            ),
            RECEIPT_KIND => (
                open(root?, RECEIPT_LABEL, RECEIPT_KIND, TOKEN_LEN, token).ok()?,
                false,
            ),
            _ => (
                open(
                    root?,
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

    /// The verifier stored in place of `secret` for `statement`, under the current verifier
    /// key (its id is the verifier's first byte, see [`ReceiptSecret::verifier_with_id`]).
    pub fn verifier(&self, statement: StatementId, secret: &ReceiptSecret) -> [u8; 32] {
        match self.verifier_keys.current() {
            (KeyId::ROOT, key) => secret.verifier(key, statement),
            (id, key) => secret.verifier_with_id(key, id, statement),
        }
    }

    /// Whether `secret` matches the stored `verifier` of `statement` (constant time per
    /// key): as a verifier of key id 0 (no id inside), or as one naming a rotated key that
    /// is still kept.
    pub fn secret_matches(
        &self,
        statement: StatementId,
        secret: &ReceiptSecret,
        verifier: &[u8; 32],
    ) -> bool {
        let legacy = self
            .verifier_keys
            .get(KeyId::ROOT)
            .is_some_and(|key| secret.matches(key, statement, verifier));
        let named = KeyId::new(verifier[0]);
        let rotated = named != KeyId::ROOT
            && self
                .verifier_keys
                .get(named)
                .is_some_and(|key| secret.matches_with_id(key, named, statement, verifier));
        legacy | rotated
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

/// The kind byte of a token, if it decodes.
fn kind_of(token: &str) -> Option<u8> {
    let token = token.trim();
    if token.len() > MAX_TEXT_LEN {
        return None;
    }
    // The first 4 characters are the first 3 bytes.
    let head = URL_SAFE_NO_PAD.decode(token.get(..4)?).ok()?;
    head.first().copied()
}

/// Like [`open`] for a token of the second version: the byte after the kind names the key,
/// which must still verify at `now`. Returns the fields after the key id.
fn open_v2(
    keys: &RoleKeys,
    now: Timestamp,
    label: &[u8],
    kind: u8,
    length: usize,
    token: &str,
) -> Result<Vec<u8>, TokenError> {
    let head = URL_SAFE_NO_PAD
        .decode(token.trim().get(..4).ok_or(TokenError::Malformed)?)
        .map_err(|_| TokenError::Malformed)?;
    let id = KeyId::new(*head.get(1).ok_or(TokenError::Malformed)?);
    let key = keys.verifying(id, now).ok_or(TokenError::BadSignature)?;
    let fields = open(key, label, kind, length, token)?;
    Ok(fields.get(1..).unwrap_or_default().to_vec())
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
mod tests;
