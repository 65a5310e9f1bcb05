//! Server secrets: 32-byte keys loaded from files, checked for strength, and split by label
//! into independent keys (proof-of-work, form tokens, receipts, de-duplication).
//!
//! One file can feed several purposes because [`SecretKey::derive`] is a PRF: keys derived
//! under different labels are independent, so a token signed for one purpose never verifies
//! for another, and learning one derived key reveals neither the root nor its siblings.

use std::fmt;
use std::path::Path;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use zeroize::Zeroizing;

use crate::entropy::Entropy;
use crate::hash::{hmac_sha256, sha256};
use crate::{CryptoError, files};

/// Length of a server secret in bytes (256 bits).
pub const SECRET_LEN: usize = 32;

/// Standard base64, padding optional: what `base64` and most tools print.
pub(crate) const BASE64_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);
/// Url-safe base64, padding optional.
pub(crate) const BASE64_URL_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A 256-bit server secret. It never leaves the process: not in logs (`Debug` prints
/// `SecretKey(..)`), not in the database.
#[derive(Clone)]
pub struct SecretKey(Zeroizing<[u8; SECRET_LEN]>);

impl SecretKey {
    /// Wraps 32 bytes (for tests and for keys derived elsewhere). No strength check.
    pub fn from_bytes(bytes: [u8; SECRET_LEN]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// A fresh random secret.
    pub fn generate(entropy: &dyn Entropy) -> Result<Self, CryptoError> {
        let mut bytes = Zeroizing::new([0u8; SECRET_LEN]);
        entropy.try_fill(bytes.as_mut_slice())?;
        Ok(Self(bytes))
    }

    /// Loads a secret file: 64 hex characters, or base64 of at least 32 bytes. Refuses a file
    /// other users can read, a placeholder, and secrets that are too short or constant. Every
    /// error says how to make a proper one.
    pub fn load(path: &Path) -> Result<Self, CryptoError> {
        let text = files::read_private(path)?;
        let mut lines = files::content_lines(&text);
        let line = match (lines.next(), lines.next()) {
            (Some(line), None) => line,
            (None, _) => return Err(weak(path, "the file is empty")),
            (Some(_), Some(_)) => return Err(weak(path, "expected one line")),
        };
        Self::parse(line).map_err(|reason| weak(path, reason))
    }

    /// Parses a secret given as text (64 hex characters or base64 of at least 32 bytes), with
    /// the same checks as [`SecretKey::load`]. The error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let text = text.trim();
        if text.to_ascii_lowercase().contains("changeme") {
            return Err("it still holds the placeholder `changeme`");
        }
        let bytes = decode_secret(text)?;
        if bytes.len() < SECRET_LEN {
            return Err("the secret is shorter than 32 bytes");
        }
        // All-zero and single-repeated-byte secrets are what `fallocate`, a `dd` from the
        // wrong device or a test fixture leaves behind; they are public knowledge.
        if let Some(first) = bytes.first()
            && bytes.iter().all(|byte| byte == first)
        {
            return Err("the secret is one byte repeated (all zeros or similar)");
        }
        let mut key = Zeroizing::new([0u8; SECRET_LEN]);
        if bytes.len() == SECRET_LEN {
            for (slot, byte) in key.iter_mut().zip(bytes.iter()) {
                *slot = *byte;
            }
        } else {
            // Longer secrets keep all their entropy (up to 256 bits) through a hash.
            *key = sha256(&[b"openocs long secret v1", &bytes]);
        }
        Ok(Self(key))
    }

    /// Writes a fresh random secret (base64) to a new file created with mode 0600 and
    /// returns it. Refuses to overwrite an existing file.
    pub fn generate_file(path: &Path, entropy: &dyn Entropy) -> Result<Self, CryptoError> {
        let key = Self::generate(entropy)?;
        let mut contents = Zeroizing::new(BASE64_LENIENT.encode(*key.0));
        contents.push('\n');
        files::create_private(path, contents.as_bytes())?;
        Ok(key)
    }

    /// An independent key for one purpose: HMAC-SHA256 keyed by this secret over a fixed
    /// prefix and `label`. Use a distinct label per purpose (`"altcha"`, `"form-token"`,
    /// `"receipt"`, …).
    #[must_use]
    pub fn derive(&self, label: &str) -> SecretKey {
        // The prefix keeps derivation inputs apart from anything else this key might MAC.
        Self(Zeroizing::new(hmac_sha256(
            &self.0,
            &[b"openocs derive v1:", label.as_bytes()],
        )))
    }

    /// The key as base64, for writing a key file.
    pub(crate) fn to_base64(&self) -> String {
        BASE64_LENIENT.encode(*self.0)
    }

    pub(crate) fn bytes(&self) -> &[u8; SECRET_LEN] {
        &self.0
    }
}

fn decode_secret(text: &str) -> Result<Zeroizing<Vec<u8>>, &'static str> {
    if text.len() == 2 * SECRET_LEN && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return hex::decode(text)
            .map(Zeroizing::new)
            .map_err(|_| "not valid hex");
    }
    BASE64_LENIENT
        .decode(text)
        .or_else(|_| BASE64_URL_LENIENT.decode(text))
        .map(Zeroizing::new)
        .map_err(|_| "expected 64 hex characters or base64 of at least 32 bytes")
}

fn weak(path: &Path, reason: &'static str) -> CryptoError {
    CryptoError::WeakSecret {
        path: path.to_path_buf(),
        reason,
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::entropy::SeededEntropy;

    fn write(dir: &Path, name: &str, text: &str, mode: u32) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        path
    }

    #[test]
    fn loads_hex_and_base64() {
        let dir = tempfile::tempdir().unwrap();
        let bytes: [u8; 32] = std::array::from_fn(|i| u8::try_from(i).unwrap());
        let hex_path = write(dir.path(), "hex", &hex::encode(bytes), 0o600);
        let b64_path = write(
            dir.path(),
            "b64",
            &format!("{}\n", BASE64_LENIENT.encode(bytes)),
            0o600,
        );
        let url_path = write(
            dir.path(),
            "url",
            &base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
            0o400,
        );
        for path in [hex_path, b64_path, url_path] {
            assert_eq!(*SecretKey::load(&path).unwrap().bytes(), bytes);
        }
        let long = write(
            dir.path(),
            "long",
            &BASE64_LENIENT.encode([7u8, 9].repeat(32)),
            0o600,
        );
        assert_ne!(*SecretKey::load(&long).unwrap().bytes(), [0u8; 32]);
    }

    #[test]
    fn refuses_weak_secrets_and_says_how_to_make_one() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            ("placeholder", "changeme\n"),
            ("zeros", &hex::encode([0u8; 32])),
            ("same", &BASE64_LENIENT.encode([0xAA; 40])),
            (
                "short",
                &BASE64_LENIENT.encode([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]),
            ),
            ("garbage", "this is not a secret!"),
            ("empty", "\n# only a comment\n"),
        ];
        for (name, text) in cases {
            let path = write(dir.path(), name, text, 0o600);
            let error = SecretKey::load(&path).unwrap_err();
            assert!(
                matches!(error, CryptoError::WeakSecret { .. }),
                "{name}: {error}"
            );
            let message = error.to_string();
            assert!(
                message.contains(&format!("ocs keygen --secret {}", path.display())),
                "{message}"
            );
            assert!(
                message.contains("head -c 32 /dev/urandom | base64 >"),
                "{message}"
            );
        }
    }

    #[test]
    fn refuses_group_readable_files() {
        let dir = tempfile::tempdir().unwrap();
        let secret: [u8; 32] = std::array::from_fn(|i| u8::try_from(i).unwrap());
        let path = write(dir.path(), "open", &hex::encode(secret), 0o644);
        let message = SecretKey::load(&path).unwrap_err().to_string();
        assert!(
            message.contains(&format!("chmod 600 {}", path.display())),
            "{message}"
        );
    }

    #[test]
    fn generated_file_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        let key = SecretKey::generate_file(&path, &SeededEntropy::new(1)).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(SecretKey::load(&path).unwrap().bytes(), key.bytes());
        assert!(SecretKey::generate_file(&path, &SeededEntropy::new(1)).is_err());
    }

    #[test]
    fn derive_separates_labels() {
        let root = SecretKey::generate(&SeededEntropy::new(2)).unwrap();
        let other = SecretKey::generate(&SeededEntropy::new(3)).unwrap();
        assert_eq!(root.derive("altcha").bytes(), root.derive("altcha").bytes());
        assert_ne!(
            root.derive("altcha").bytes(),
            root.derive("receipt").bytes()
        );
        assert_ne!(
            root.derive("altcha").bytes(),
            other.derive("altcha").bytes()
        );
        assert_ne!(root.derive("altcha").bytes(), root.bytes());
    }

    #[test]
    fn debug_hides_the_secret() {
        assert_eq!(
            format!("{:?}", SecretKey::from_bytes([9; 32])),
            "SecretKey(..)"
        );
    }

    #[test]
    fn generation_fails_closed() {
        assert!(matches!(
            SecretKey::generate(&crate::entropy::tests::BrokenEntropy),
            Err(CryptoError::Entropy(_))
        ));
    }
}
