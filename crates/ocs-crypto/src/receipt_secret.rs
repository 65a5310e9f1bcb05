//! The signer's receipt secret: 15 random bytes shown once (base32, in groups of four), and
//! the keyed verifier the server stores in its place.
//!
//! The server keeps only `HMAC-SHA256(key, label ‖ statement id ‖ secret)`. A copy of the
//! database without the server key cannot test guesses offline; with the key, guessing 120
//! random bits is still out of reach. The check compares verifiers in constant time.

use std::fmt;

use ocs_domain::StatementId;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::entropy::Entropy;
use crate::hash::hmac_sha256;
use crate::role_keys::KeyId;
use crate::secret::SecretKey;

/// Bytes of randomness in a receipt secret (120 bits).
pub const RECEIPT_SECRET_LEN: usize = 15;
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
const VERIFIER_LABEL: &[u8] = b"openocs receipt secret v1";
const VERIFIER_V2_LABEL: &[u8] = b"openocs receipt secret v2";

/// The secret printed on a receipt. Its `Display` is the text shown to the signer
/// (`abcd-efgh-…`, 24 letters and digits); `Debug` hides it.
#[derive(Clone)]
pub struct ReceiptSecret(Zeroizing<[u8; RECEIPT_SECRET_LEN]>);

impl ReceiptSecret {
    /// A fresh secret.
    pub fn generate(entropy: &dyn Entropy) -> Self {
        let mut bytes = Zeroizing::new([0u8; RECEIPT_SECRET_LEN]);
        entropy.fill(bytes.as_mut_slice());
        Self(bytes)
    }

    /// From raw bytes (a receipt token carries them).
    pub fn from_bytes(bytes: [u8; RECEIPT_SECRET_LEN]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8; RECEIPT_SECRET_LEN] {
        &self.0
    }

    /// Reads the text form, forgiving case, spaces and dashes. `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() > 64 {
            return None;
        }
        let mut bytes = Zeroizing::new([0u8; RECEIPT_SECRET_LEN]);
        let mut bits: u32 = 0;
        let mut held: u32 = 0;
        let mut written = 0usize;
        for character in text.chars().filter(|c| !matches!(c, '-' | ' ')) {
            let lower = character.to_ascii_lowercase();
            let value = ALPHABET.iter().position(|&a| char::from(a) == lower)?;
            held = (held << 5) | u32::try_from(value).ok()?;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                let slot = bytes.get_mut(written)?;
                *slot = u8::try_from((held >> bits) & 0xff).ok()?;
                written += 1;
                held &= (1 << bits) - 1;
            }
        }
        (written == RECEIPT_SECRET_LEN && bits == 0).then_some(Self(bytes))
    }

    /// The verifier stored in place of the secret.
    pub fn verifier(&self, key: &SecretKey, statement: StatementId) -> [u8; 32] {
        hmac_sha256(
            key.bytes(),
            &[VERIFIER_LABEL, statement.as_bytes(), self.0.as_slice()],
        )
    }

    /// Whether this secret belongs to `statement` with stored `verifier`, in constant time.
    pub fn matches(&self, key: &SecretKey, statement: StatementId, verifier: &[u8; 32]) -> bool {
        bool::from(self.verifier(key, statement).ct_eq(verifier))
    }

    /// The verifier under a rotated key (ADR 0012): `id ‖ HMAC-SHA256(key, "openocs receipt
    /// secret v2" ‖ id ‖ statement id ‖ secret)` truncated to 31 bytes (248 bits), so the
    /// stored 32 bytes name the key that checks them.
    pub fn verifier_with_id(&self, key: &SecretKey, id: KeyId, statement: StatementId) -> [u8; 32] {
        let mac = hmac_sha256(
            key.bytes(),
            &[
                VERIFIER_V2_LABEL,
                &[id.get()],
                statement.as_bytes(),
                self.0.as_slice(),
            ],
        );
        let mut out = [0u8; 32];
        out[0] = id.get();
        for (slot, byte) in out.iter_mut().skip(1).zip(mac.iter()) {
            *slot = *byte;
        }
        out
    }

    /// Whether this secret belongs to `statement` with a stored `verifier` made by
    /// [`ReceiptSecret::verifier_with_id`] under key `id`, in constant time.
    pub fn matches_with_id(
        &self,
        key: &SecretKey,
        id: KeyId,
        statement: StatementId,
        verifier: &[u8; 32],
    ) -> bool {
        bool::from(self.verifier_with_id(key, id, statement).ct_eq(verifier))
    }
}

impl fmt::Display for ReceiptSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // 15 bytes = 120 bits = 24 characters of 5 bits, printed in groups of four.
        let mut held: u32 = 0;
        let mut bits: u32 = 0;
        let mut count = 0usize;
        for byte in self.0.iter() {
            held = (held << 8) | u32::from(*byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                let index = usize::try_from((held >> bits) & 31).unwrap_or(0);
                if count > 0 && count.is_multiple_of(4) {
                    f.write_str("-")?;
                }
                let letter = ALPHABET.get(index).copied().unwrap_or(b'a');
                write!(f, "{}", char::from(letter))?;
                count += 1;
                held &= (1 << bits) - 1;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for ReceiptSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReceiptSecret(..)")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::entropy::SeededEntropy;

    #[test]
    fn text_form_round_trips_and_forgives_case_and_dashes() {
        let secret = ReceiptSecret::generate(&SeededEntropy::new(7));
        let text = secret.to_string();
        assert_eq!(text.len(), 24 + 5, "{text}");
        let again = ReceiptSecret::parse(&text.to_uppercase().replace('-', " ")).unwrap();
        assert_eq!(again.as_bytes(), secret.as_bytes());
        assert!(ReceiptSecret::parse(&text[..text.len() - 1]).is_none());
        assert!(ReceiptSecret::parse(&format!("{text}a")).is_none());
        assert!(ReceiptSecret::parse("0000-0000-0000-0000-0000-0000").is_none());
        assert!(!format!("{secret:?}").contains(&text));
    }

    #[test]
    fn verifier_binds_statement_and_key() {
        let key = SecretKey::from_bytes([3; 32]);
        let secret = ReceiptSecret::generate(&SeededEntropy::new(1));
        let statement = StatementId::from_bytes([1; 16]);
        let verifier = secret.verifier(&key, statement);
        assert!(secret.matches(&key, statement, &verifier));
        assert!(!secret.matches(&key, StatementId::from_bytes([2; 16]), &verifier));
        assert!(!secret.matches(&key.derive("x"), statement, &verifier));
        let other = ReceiptSecret::generate(&SeededEntropy::new(2));
        assert!(!other.matches(&key, statement, &verifier));
    }

    proptest! {
        #[test]
        fn any_bytes_round_trip(bytes in any::<[u8; RECEIPT_SECRET_LEN]>()) {
            let secret = ReceiptSecret::from_bytes(bytes);
            let parsed = ReceiptSecret::parse(&secret.to_string()).unwrap();
            prop_assert_eq!(parsed.as_bytes(), &bytes);
        }

        #[test]
        fn parse_never_panics(text in ".{0,80}") {
            let _ = ReceiptSecret::parse(&text);
        }
    }
}
