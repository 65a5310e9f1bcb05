//! Time-based one-time passwords (RFC 6238 over RFC 4226): 6 digits, 30-second steps,
//! HMAC-SHA1 (what every authenticator app supports), a secret of 20 random bytes shown as
//! base32 in an `otpauth://` URI for the enrolment QR code; and [`TotpKey`], which seals a
//! secret for storage (XChaCha20-Poly1305 under a key derived from the server secret, bound
//! to the account name).

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, KeyInit as _, Mac as _};
use sha1::Sha1;
use subtle::ConstantTimeEq as _;
use zeroize::Zeroizing;

use crate::entropy::{Entropy, try_random_bytes};
use crate::error::CryptoError;
use crate::role_keys::{KeyId, RoleKeys};
use crate::secret::SecretKey;

/// Seconds per step.
pub const STEP: i64 = 30;

/// A TOTP secret.
pub struct TotpSecret(Zeroizing<Vec<u8>>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(***)")
    }
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

impl TotpSecret {
    /// A new random 160-bit secret.
    pub fn generate(entropy: &dyn Entropy) -> Self {
        let mut bytes = Zeroizing::new(vec![0u8; SECRET_LEN]);
        entropy.fill(&mut bytes);
        Self(bytes)
    }

    /// Wraps stored bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// The raw bytes, for sealed storage.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// RFC 4648 base32 without padding, as authenticator apps take it.
    pub fn base32(&self) -> String {
        let mut out = String::new();
        let mut buffer: u32 = 0;
        let mut bits = 0;
        for &byte in self.0.iter() {
            buffer = (buffer << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                let index = usize::try_from((buffer >> bits) & 31).unwrap_or(0);
                out.push(char::from(BASE32.get(index).copied().unwrap_or(b'A')));
            }
        }
        if bits > 0 {
            let index = usize::try_from((buffer << (5 - bits)) & 31).unwrap_or(0);
            out.push(char::from(BASE32.get(index).copied().unwrap_or(b'A')));
        }
        out
    }

    /// The `otpauth://` URI for a QR code (`issuer` and `account` must be URL-safe text).
    pub fn uri(&self, issuer: &str, account: &str) -> String {
        format!(
            "otpauth://totp/{issuer}:{account}?secret={}&issuer={issuer}&algorithm=SHA1&digits=6&period=30",
            self.base32()
        )
    }

    /// The code for the step containing `unix_seconds`.
    pub fn code_at(&self, unix_seconds: i64) -> u32 {
        hotp(
            &self.0,
            u64::try_from(unix_seconds.div_euclid(STEP)).unwrap_or(0),
            6,
        )
    }

    /// Checks `code` at `unix_seconds`, allowing one step of clock drift either way.
    /// Returns the matching step, which the caller stores so a code is used once.
    pub fn verify(&self, code: &str, unix_seconds: i64) -> Option<i64> {
        let code = code.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let step = unix_seconds.div_euclid(STEP);
        let mut found = None;
        for candidate in [step - 1, step, step + 1] {
            let expected = format!(
                "{:06}",
                hotp(&self.0, u64::try_from(candidate).unwrap_or(0), 6)
            );
            if bool::from(expected.as_bytes().ct_eq(code.as_bytes())) {
                found = Some(candidate);
            }
        }
        found
    }
}

/// Length of a generated secret, and so of a legacy value stored in clear.
pub const SECRET_LEN: usize = 20;
/// What a sealed secret of the first version (key id 0, no id inside) starts with.
pub const SEALED_PREFIX: &[u8] = b"ocs-totp-v1";
/// What a sealed secret naming its key id starts with (ADR 0012).
pub const SEALED_V2_PREFIX: &[u8] = b"ocs-totp-v2";
const NONCE_LEN: usize = 24;

/// Seals TOTP secrets for storage: `"ocs-totp-v2" ‖ kid ‖ nonce 24 ‖ ciphertext ‖ tag 16`,
/// the associated data being a context label, the key id and the account name, so a value
/// copied onto another account does not open. The first version, `"ocs-totp-v1" ‖ nonce ‖
/// ciphertext ‖ tag` (label `openocs totp v1:`), opens with key id 0. Give it
/// `server_key.derive("openocs totp v1")`, or the TOTP role's keys derived the same way.
pub struct TotpKey {
    keys: RoleKeys,
}

impl std::fmt::Debug for TotpKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpKey(..)")
    }
}

fn totp_aad(account: &str, id: Option<KeyId>) -> Vec<u8> {
    let mut aad = match id {
        None => b"openocs totp v1:".to_vec(),
        Some(id) => {
            let mut aad = b"openocs totp v2:".to_vec();
            aad.push(id.get());
            aad
        }
    };
    aad.extend_from_slice(account.as_bytes());
    aad
}

/// Whether a stored value is sealed (as opposed to a legacy secret in clear).
pub fn is_sealed(stored: &[u8]) -> bool {
    stored.len() != SECRET_LEN
        && (stored.starts_with(SEALED_PREFIX) || stored.starts_with(SEALED_V2_PREFIX))
}

/// The key id a sealed value names: 0 for the first version, `None` if not sealed.
fn sealed_key_id(stored: &[u8]) -> Option<KeyId> {
    if !is_sealed(stored) {
        return None;
    }
    match stored.strip_prefix(SEALED_V2_PREFIX) {
        Some(rest) => rest.first().map(|id| KeyId::new(*id)),
        None => Some(KeyId::ROOT),
    }
}

impl TotpKey {
    /// A key for sealing secrets (key id 0).
    pub fn new(key: SecretKey) -> Self {
        Self::with_keys(RoleKeys::single(key))
    }

    /// Seals with the current key of `keys` (the TOTP role derived with `"openocs totp
    /// v1"`) and opens values sealed under any of them.
    pub fn with_keys(keys: RoleKeys) -> Self {
        Self { keys }
    }

    /// Whether `stored` should be sealed again under the current key: it is in clear, or
    /// sealed under an older key id (so the old key can be retired once none is left).
    pub fn needs_reseal(&self, stored: &[u8]) -> bool {
        sealed_key_id(stored) != Some(self.keys.current().0)
    }

    /// Seals `secret` for the account named `account`.
    pub fn seal(
        &self,
        account: &str,
        secret: &TotpSecret,
        entropy: &dyn Entropy,
    ) -> Result<Vec<u8>, CryptoError> {
        let nonce: [u8; NONCE_LEN] = try_random_bytes(entropy)?;
        let (id, key) = self.keys.current();
        let cipher = XChaCha20Poly1305::new(key.bytes().into());
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: secret.as_bytes(),
                    aad: &totp_aad(account, Some(id)),
                },
            )
            .map_err(|_| CryptoError::MalformedEnvelope("TOTP secret too long to seal"))?;
        let mut out = Vec::with_capacity(SEALED_V2_PREFIX.len() + 1 + NONCE_LEN + sealed.len());
        out.extend_from_slice(SEALED_V2_PREFIX);
        out.push(id.get());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// The secret of the account named `account` from its stored value: a sealed value opens
    /// only with this key and name; a legacy value in clear (exactly [`SECRET_LEN`] bytes) is
    /// taken as it is, for the caller to seal again (see [`is_sealed`]).
    pub fn open(&self, account: &str, stored: &[u8]) -> Option<TotpSecret> {
        if !is_sealed(stored) {
            return (stored.len() == SECRET_LEN).then(|| TotpSecret::from_bytes(stored.to_vec()));
        }
        let (rest, id) = match stored.strip_prefix(SEALED_V2_PREFIX) {
            Some(rest) => {
                let (id, rest) = rest.split_first()?;
                (rest, Some(KeyId::new(*id)))
            }
            None => (stored.get(SEALED_PREFIX.len()..)?, None),
        };
        let key = self.keys.get(id.unwrap_or(KeyId::ROOT))?;
        let (nonce, ciphertext) = rest.split_first_chunk::<NONCE_LEN>()?;
        let cipher = XChaCha20Poly1305::new(key.bytes().into());
        cipher
            .decrypt(
                &XNonce::from(*nonce),
                Payload {
                    msg: ciphertext,
                    aad: &totp_aad(account, id),
                },
            )
            .ok()
            .map(TotpSecret::from_bytes)
    }
}

/// RFC 4226 HOTP with HMAC-SHA1.
fn hotp(key: &[u8], counter: u64, digits: u32) -> u32 {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(key) else {
        return 0;
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest.last().copied().unwrap_or(0) & 0x0f);
    let word: [u8; 4] = digest
        .get(offset..offset + 4)
        .and_then(|s| s.try_into().ok())
        .unwrap_or([0; 4]);
    let value = u32::from_be_bytes(word) & 0x7fff_ffff;
    value % 10u32.pow(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vectors() {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890", 8 digits.
        let key = b"12345678901234567890";
        for (time, expected) in [
            (59_i64, 94_287_082_u32),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ] {
            assert_eq!(
                hotp(key, u64::try_from(time / STEP).unwrap(), 8),
                expected,
                "{time}"
            );
        }
    }

    #[test]
    fn sealed_secrets_open_only_for_their_account_and_key() {
        let key = TotpKey::new(SecretKey::from_bytes([5; 32]));
        let secret = TotpSecret::from_bytes(b"12345678901234567890".to_vec());
        let sealed = key
            .seal("ann", &secret, &crate::SeededEntropy::new(3))
            .unwrap();
        assert!(is_sealed(&sealed) && sealed.starts_with(SEALED_V2_PREFIX));
        assert!(
            !sealed
                .windows(SECRET_LEN)
                .any(|w| w == b"12345678901234567890")
        );
        let opened = key.open("ann", &sealed).unwrap();
        assert_eq!(opened.as_bytes(), secret.as_bytes());
        assert!(key.open("bob", &sealed).is_none(), "bound to the account");
        let other = TotpKey::new(SecretKey::from_bytes([6; 32]));
        assert!(other.open("ann", &sealed).is_none(), "bound to the key");
        let mut changed = sealed.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert!(key.open("ann", &changed).is_none());
        assert!(key.open("ann", &sealed[..30]).is_none());
        // A legacy value in clear still reads, and is not taken for a sealed one.
        assert!(!is_sealed(secret.as_bytes()));
        let legacy = key.open("ann", secret.as_bytes()).unwrap();
        assert_eq!(legacy.as_bytes(), secret.as_bytes());
        assert!(key.open("ann", &[1; 19]).is_none());
        assert_eq!(format!("{key:?}"), "TotpKey(..)");
    }

    #[test]
    fn codes_verify_within_one_step_only() {
        let secret = TotpSecret::from_bytes(b"12345678901234567890".to_vec());
        assert_eq!(secret.base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let code = format!("{:06}", secret.code_at(1_111_111_109));
        assert_eq!(code, "081804");
        assert_eq!(
            secret.verify(&code, 1_111_111_109),
            Some(1_111_111_109 / STEP)
        );
        assert!(secret.verify(&code, 1_111_111_109 + STEP).is_some());
        assert!(secret.verify(&code, 1_111_111_109 + 3 * STEP).is_none());
        assert!(secret.verify("12345", 1_111_111_109).is_none());
        assert!(secret.verify("abcdef", 1_111_111_109).is_none());
        assert!(
            secret
                .uri("OpenOCS", "ann")
                .starts_with("otpauth://totp/OpenOCS:ann?secret=GEZ")
        );
        assert_eq!(format!("{secret:?}"), "TotpSecret(***)");
    }
}
