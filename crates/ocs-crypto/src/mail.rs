//! [`MailKey`]: the key of the optional e-mail updates, in a file of its own (never a
//! statement key): encrypts addresses and queued messages at rest (XChaCha20-Poly1305), keys
//! the address look-up hash, and signs unsubscribe links.
//!
//! The server must read the addresses to send mail, so this is a symmetric key the server
//! holds. It protects a copy of the database (a backup, a dump, a stolen disk) without the
//! key file; it does not protect against someone who holds both.

use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use ocs_domain::InitiativeId;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::entropy::{Entropy, try_random_bytes};
use crate::hash::{hmac_sha256, sha256};
use crate::secret::SecretKey;
use crate::{CryptoError, random_bytes};

/// Version byte in front of every ciphertext.
const SEAL_VERSION: u8 = 1;
const NONCE_LEN: usize = 24;
/// Bytes a sealed value adds to its plaintext: version, nonce, tag.
pub const MAIL_SEAL_OVERHEAD: usize = 1 + NONCE_LEN + 16;
const UNSUBSCRIBE_KIND: u8 = 0x03;
const UNSUBSCRIBE_LEN: usize = 1 + 4 + 32 + 16;

/// Why a sealed mail value did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the mail data does not open with this mail key")]
pub struct MailSealError;

/// The mail key and the keys derived from it.
#[derive(Clone)]
pub struct MailKey {
    seal: SecretKey,
    lookup: SecretKey,
    links: SecretKey,
}

impl std::fmt::Debug for MailKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MailKey(..)")
    }
}

impl MailKey {
    /// Splits a root secret into the mail keys.
    pub fn new(root: &SecretKey) -> Self {
        Self {
            seal: root.derive("mail-seal"),
            lookup: root.derive("mail-lookup"),
            links: root.derive("mail-links"),
        }
    }

    /// The key that wraps per-initiative mail key files ([`crate::mail_keys`]).
    pub(crate) fn initiative_wrap(&self) -> SecretKey {
        self.seal.derive("mail-initiative-wrap")
    }

    /// Loads the mail key file (same format and checks as every server secret).
    pub fn load(path: &Path) -> Result<Self, CryptoError> {
        Ok(Self::new(&SecretKey::load(path)?))
    }

    /// Writes a fresh mail key file (mode 0600), refusing to overwrite one.
    pub fn generate_file(path: &Path, entropy: &dyn Entropy) -> Result<Self, CryptoError> {
        Ok(Self::new(&SecretKey::generate_file(path, entropy)?))
    }

    /// The keyed hash of a normalised address for one initiative: the same address gives the
    /// same hash (uniqueness, unsubscribe), and without the key nobody can test a guess.
    pub fn address_hash(&self, initiative: InitiativeId, normalized: &str) -> [u8; 32] {
        hmac_sha256(
            self.lookup.bytes(),
            &[
                b"openocs mail address v1",
                &initiative.get().to_be_bytes(),
                normalized.as_bytes(),
            ],
        )
    }

    /// Encrypts `plaintext`, bound to `context` (which table and initiative it belongs to),
    /// under a random nonce: `version ‖ nonce 24 ‖ ciphertext ‖ tag 16`.
    pub fn seal(
        &self,
        context: &[u8],
        plaintext: &[u8],
        entropy: &dyn Entropy,
    ) -> Result<Vec<u8>, CryptoError> {
        let nonce: [u8; NONCE_LEN] = try_random_bytes(entropy)?;
        let cipher = XChaCha20Poly1305::new(self.seal.bytes().into());
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: context,
                },
            )
            .map_err(|_| CryptoError::MalformedEnvelope("mail plaintext too long to seal"))?;
        let mut out = Vec::with_capacity(MAIL_SEAL_OVERHEAD + plaintext.len());
        out.push(SEAL_VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Decrypts what [`MailKey::seal`] made with the same `context`. The plaintext (an
    /// address, a queued message) is wiped when the answer is dropped.
    pub fn open(&self, context: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, MailSealError> {
        let (&version, rest) = sealed.split_first().ok_or(MailSealError)?;
        if version != SEAL_VERSION || rest.len() < NONCE_LEN + 16 {
            return Err(MailSealError);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| MailSealError)?;
        let cipher = XChaCha20Poly1305::new(self.seal.bytes().into());
        cipher
            .decrypt(
                &nonce,
                Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| MailSealError)
    }

    /// The token of an unsubscribe link: initiative and address hash under a MAC, so a link
    /// works without a stored token and cannot be made for someone else's address.
    pub fn unsubscribe_token(&self, initiative: InitiativeId, address_hash: &[u8; 32]) -> String {
        let mut bytes = Vec::with_capacity(UNSUBSCRIBE_LEN);
        bytes.push(UNSUBSCRIBE_KIND);
        bytes.extend_from_slice(&initiative.get().to_be_bytes());
        bytes.extend_from_slice(address_hash);
        let mac = hmac_sha256(self.links.bytes(), &[b"openocs unsubscribe v1", &bytes]);
        bytes.extend_from_slice(mac.get(..16).unwrap_or_default());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Checks an unsubscribe token; returns the initiative and address hash it names.
    pub fn verify_unsubscribe(&self, token: &str) -> Option<(InitiativeId, [u8; 32])> {
        if token.len() > 128 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
        if bytes.len() != UNSUBSCRIBE_LEN || bytes.first() != Some(&UNSUBSCRIBE_KIND) {
            return None;
        }
        let (body, mac) = bytes.split_at(UNSUBSCRIBE_LEN - 16);
        let expected = hmac_sha256(self.links.bytes(), &[b"openocs unsubscribe v1", body]);
        if !bool::from(expected.get(..16)?.ct_eq(mac)) {
            return None;
        }
        let initiative = u32::from_be_bytes(body.get(1..5)?.try_into().ok()?);
        let hash: [u8; 32] = body.get(5..37)?.try_into().ok()?;
        Some((InitiativeId::new(initiative), hash))
    }
}

/// A fresh confirmation token (URL-safe, 256 bits, prefixed so a leaked one is recognisable)
/// and the hash that is stored instead of it.
pub fn new_confirm_token(entropy: &dyn Entropy) -> (String, [u8; 32]) {
    let bytes: [u8; 32] = random_bytes(entropy);
    let token = format!("ocsc_{}", URL_SAFE_NO_PAD.encode(bytes));
    let hash = confirm_token_hash(&token);
    (token, hash)
}

/// The stored form of a confirmation token: its SHA-256 (the token has 256 random bits, so a
/// plain hash cannot be reversed by guessing).
pub fn confirm_token_hash(token: &str) -> [u8; 32] {
    sha256(&[b"openocs mail confirm v1:", token.as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SeededEntropy;

    fn key() -> MailKey {
        MailKey::new(&SecretKey::from_bytes([7; 32]))
    }

    #[test]
    fn seal_opens_only_with_its_context_and_key() {
        let entropy = SeededEntropy::new(1);
        let sealed = key().seal(b"ctx", b"anna@example.eu", &entropy).unwrap();
        assert_eq!(sealed.len(), MAIL_SEAL_OVERHEAD + 15);
        assert!(!sealed.windows(4).any(|w| w == b"anna"));
        assert_eq!(
            key().open(b"ctx", &sealed).unwrap().as_slice(),
            b"anna@example.eu"
        );
        assert!(key().open(b"other", &sealed).is_err());
        let other = MailKey::new(&SecretKey::from_bytes([8; 32]));
        assert!(other.open(b"ctx", &sealed).is_err());
        assert!(key().open(b"ctx", &sealed[..10]).is_err());
    }

    #[test]
    fn address_hash_is_per_initiative() {
        let k = key();
        let a = k.address_hash(InitiativeId::new(1), "anna@example.eu");
        assert_eq!(a, k.address_hash(InitiativeId::new(1), "anna@example.eu"));
        assert_ne!(a, k.address_hash(InitiativeId::new(2), "anna@example.eu"));
    }

    #[test]
    fn unsubscribe_tokens_verify_and_resist_tampering() {
        let k = key();
        let token = k.unsubscribe_token(InitiativeId::new(4), &[9; 32]);
        assert_eq!(
            k.verify_unsubscribe(&token),
            Some((InitiativeId::new(4), [9; 32]))
        );
        let mut bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
        bytes[3] ^= 1;
        assert_eq!(k.verify_unsubscribe(&URL_SAFE_NO_PAD.encode(bytes)), None);
        let other = MailKey::new(&SecretKey::from_bytes([8; 32]));
        assert_eq!(other.verify_unsubscribe(&token), None);
        assert_eq!(k.verify_unsubscribe("nonsense"), None);
    }

    #[test]
    fn confirm_tokens_are_random_and_stored_hashed() {
        let entropy = SeededEntropy::new(2);
        let (a, hash) = new_confirm_token(&entropy);
        let (b, _) = new_confirm_token(&entropy);
        assert_ne!(a, b);
        assert!(a.starts_with("ocsc_"));
        assert_eq!(confirm_token_hash(&a), hash);
    }
}
