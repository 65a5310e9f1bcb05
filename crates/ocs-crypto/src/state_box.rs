//! Short-lived sealed state carried by the browser (the eID login in progress, and the
//! identity an eID returned): encrypted and authenticated, so the client can neither read
//! nor change it, bound to a purpose label and to an expiry time.
//!
//! Layout before base64url (no padding): `nonce 24 ‖ ciphertext ‖ tag 16`, XChaCha20-Poly1305.
//! The plaintext is `expires ms i64 ‖ body`; the associated data is a fixed prefix and the
//! purpose, so a box sealed for one purpose never opens as another even under the same key.
//! The nonce is random under a key that lives as long as the server secret, so it has 192
//! bits (issue 20 item 7): with 96-bit random nonces a collision becomes likely after about
//! 2^48 boxes, and one collision under ChaCha20-Poly1305 reveals the XOR of two plaintexts
//! and the authentication key. Boxes of the 12-byte layout (v1) live minutes and are not
//! opened any more.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::AeadInOut;
use chacha20poly1305::{KeyInit, Tag, XChaCha20Poly1305, XNonce};
use jiff::Timestamp;
use zeroize::Zeroizing;

use crate::entropy::{Entropy, random_bytes};
use crate::secret::SecretKey;

const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// Longest text worth decoding: a box is a few hundred bytes.
const MAX_TEXT_LEN: usize = 8192;

/// Seals and opens state for a round trip through the browser.
pub struct StateBox {
    key: SecretKey,
}

impl std::fmt::Debug for StateBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StateBox(..)")
    }
}

fn aad(purpose: &str) -> Vec<u8> {
    let mut aad = b"openocs state box v2:".to_vec();
    aad.extend_from_slice(purpose.as_bytes());
    aad
}

impl StateBox {
    /// A box keyed by `key` (give it its own derived key).
    pub fn new(key: SecretKey) -> Self {
        Self { key }
    }

    /// Seals `body` for `purpose`, valid until `expires`. Returns URL-safe text.
    pub fn seal(
        &self,
        purpose: &str,
        body: &[u8],
        expires: Timestamp,
        entropy: &dyn Entropy,
    ) -> String {
        let nonce: [u8; NONCE_LEN] = random_bytes(entropy);
        let mut buffer = Zeroizing::new(Vec::with_capacity(NONCE_LEN + 8 + body.len() + TAG_LEN));
        buffer.extend_from_slice(&nonce);
        buffer.extend_from_slice(&expires.as_millisecond().to_be_bytes());
        buffer.extend_from_slice(body);
        let cipher = XChaCha20Poly1305::new(self.key.bytes().into());
        let tag = buffer.get_mut(NONCE_LEN..).and_then(|plain| {
            cipher
                .encrypt_inout_detached(&XNonce::from(nonce), &aad(purpose), plain.into())
                .ok()
        });
        // XChaCha20-Poly1305 refuses only messages over 256 GiB; a box is far below.
        let Some(tag) = tag else {
            return String::new();
        };
        buffer.extend_from_slice(&tag);
        URL_SAFE_NO_PAD.encode(&*buffer)
    }

    /// Opens a box sealed for `purpose`: `None` when changed, sealed under another key or
    /// purpose, malformed, or expired at `now`.
    pub fn open(&self, purpose: &str, text: &str, now: Timestamp) -> Option<Zeroizing<Vec<u8>>> {
        if text.len() > MAX_TEXT_LEN {
            return None;
        }
        let raw = Zeroizing::new(URL_SAFE_NO_PAD.decode(text).ok()?);
        let (nonce, rest) = raw.split_first_chunk::<NONCE_LEN>()?;
        let split = rest.len().checked_sub(TAG_LEN)?;
        let (ciphertext, tag) = rest.split_at_checked(split)?;
        let tag = Tag::try_from(tag).ok()?;
        let mut plain = Zeroizing::new(Vec::with_capacity(ciphertext.len()));
        plain.extend_from_slice(ciphertext);
        XChaCha20Poly1305::new(self.key.bytes().into())
            .decrypt_inout_detached(
                &XNonce::from(*nonce),
                &aad(purpose),
                plain.as_mut_slice().into(),
                &tag,
            )
            .ok()?;
        let (expires, body) = plain.split_first_chunk::<8>()?;
        let expires = Timestamp::from_millisecond(i64::from_be_bytes(*expires)).ok()?;
        if now >= expires {
            return None;
        }
        Some(Zeroizing::new(body.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SeededEntropy;

    fn boxed() -> StateBox {
        StateBox::new(SecretKey::from_bytes([7; 32]))
    }

    #[test]
    fn opens_what_it_sealed_until_it_expires() {
        let now = Timestamp::from_second(1_000_000).unwrap();
        let later = Timestamp::from_second(1_000_600).unwrap();
        let text = boxed().seal("flow", b"hello", later, &SeededEntropy::new(1));
        assert_eq!(
            boxed()
                .open("flow", &text, now)
                .as_deref()
                .map(Vec::as_slice),
            Some(&b"hello"[..])
        );
        assert!(boxed().open("flow", &text, later).is_none());
    }

    #[test]
    fn a_box_carries_a_192_bit_nonce_and_two_boxes_of_one_body_differ() {
        let later = Timestamp::from_second(1_000_600).unwrap();
        let entropy = SeededEntropy::new(1);
        let first = boxed().seal("flow", b"hello", later, &entropy);
        let second = boxed().seal("flow", b"hello", later, &entropy);
        let raw = URL_SAFE_NO_PAD.decode(&first).unwrap();
        assert_eq!(raw.len(), 24 + 8 + b"hello".len() + TAG_LEN);
        assert_ne!(first, second);
        assert_ne!(raw[..24], URL_SAFE_NO_PAD.decode(&second).unwrap()[..24]);
    }

    #[test]
    fn refuses_another_purpose_key_or_a_changed_byte() {
        let now = Timestamp::from_second(1_000_000).unwrap();
        let later = Timestamp::from_second(1_000_600).unwrap();
        let text = boxed().seal("flow", b"hello", later, &SeededEntropy::new(1));
        assert!(boxed().open("identity", &text, now).is_none());
        let other = StateBox::new(SecretKey::from_bytes([8; 32]));
        assert!(other.open("flow", &text, now).is_none());
        let mut bytes = URL_SAFE_NO_PAD.decode(&text).unwrap();
        bytes[NONCE_LEN + 2] ^= 1;
        assert!(
            boxed()
                .open("flow", &URL_SAFE_NO_PAD.encode(bytes), now)
                .is_none()
        );
        assert!(boxed().open("flow", "not base64!", now).is_none());
    }
}
