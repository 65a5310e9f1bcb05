//! Synchroniser tokens against cross-site request forgery, and bearer tokens read from files
//! (the `/metrics` scrape token).
//!
//! A CSRF token is bound to a caller-chosen `binding` (a session id, or the form's purpose):
//!
//! ```text
//! 0x03 ‖ issued_at ms i64 ‖ nonce 8 ‖ mac 16     (33 bytes, 44 base64url characters)
//! mac = HMAC-SHA256(key, "openocs csrf v1" ‖ len(binding) ‖ binding ‖ everything before)
//! ```
//!
//! The binding is not inside the token, so a token taken from one session does not verify
//! in another, and the token itself says nothing about the session.
//!
//! Since key ids (ADR 0012) the server issues the second version, which names the token key
//! that signed it, so a rotation leaves open forms working for the grace period:
//!
//! ```text
//! 0x23 ‖ kid ‖ issued_at ms i64 ‖ nonce 8 ‖ mac 16     (34 bytes, 46 base64url characters)
//! mac = HMAC-SHA256(key[kid], "openocs csrf v2" ‖ len(binding) ‖ binding ‖ everything before)
//! ```

use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::{SignedDuration, Timestamp};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::entropy::Entropy;
use crate::hash::{hmac_sha256, sha256};
use crate::role_keys::{KeyId, RoleKeys};
use crate::secret::SecretKey;
use crate::{CryptoError, files};

const KIND: u8 = 0x03;
const LABEL: &[u8] = b"openocs csrf v1";
const BODY_LEN: usize = 1 + 8 + 8;
const V2_KIND: u8 = 0x23;
const V2_LABEL: &[u8] = b"openocs csrf v2";
const V2_BODY_LEN: usize = BODY_LEN + 1;
const MAC_LEN: usize = 16;
/// Longest text worth decoding (a token is 44 characters).
const MAX_TEXT_LEN: usize = 96;

/// Why a CSRF token was refused. The web layer answers every kind the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CsrfError {
    /// Not a CSRF token of this version.
    #[error("malformed CSRF token")]
    Malformed,
    /// Wrong key, other binding, or changed.
    #[error("CSRF token does not verify")]
    BadSignature,
    /// Older than allowed (or from the future).
    #[error("CSRF token expired")]
    Expired,
}

/// Issues and verifies CSRF tokens under the token keys (derived for CSRF).
#[derive(Clone)]
pub struct CsrfTokens {
    keys: RoleKeys,
}

impl CsrfTokens {
    /// Signs with `key` as key id 0 (use `root.derive("openocs csrf v1")`).
    pub fn new(key: SecretKey) -> Self {
        Self::with_keys(RoleKeys::single(key))
    }

    /// Signs with the current key of `keys` (the token role derived for CSRF); verifies
    /// with any of its keys still in their grace period.
    pub fn with_keys(keys: RoleKeys) -> Self {
        Self { keys }
    }

    /// A token for `binding` (e.g. the session id), issued at `now`.
    pub fn issue(&self, binding: &[u8], now: Timestamp, entropy: &dyn Entropy) -> String {
        let (id, key) = self.keys.current();
        let mut body = Vec::with_capacity(V2_BODY_LEN + MAC_LEN);
        body.push(V2_KIND);
        body.push(id.get());
        body.extend_from_slice(&now.as_millisecond().to_be_bytes());
        let mut nonce = [0u8; 8];
        entropy.fill(&mut nonce);
        body.extend_from_slice(&nonce);
        let tag = mac(key, V2_LABEL, binding, &body);
        body.extend(tag.iter().take(MAC_LEN));
        URL_SAFE_NO_PAD.encode(body)
    }

    /// Checks `token` for `binding` at `now`; it may be at most `max_age` old.
    pub fn verify(
        &self,
        token: &str,
        binding: &[u8],
        now: Timestamp,
        max_age: SignedDuration,
    ) -> Result<(), CsrfError> {
        let token = token.trim();
        if token.len() > MAX_TEXT_LEN {
            return Err(CsrfError::Malformed);
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(token)
            .map_err(|_| CsrfError::Malformed)?;
        // The first version carries no key id: key id 0 signed it.
        let (body_len, label, key, time_at) = match (bytes.first(), bytes.get(1)) {
            (Some(&V2_KIND), Some(&id)) => (
                V2_BODY_LEN,
                V2_LABEL,
                self.keys.verifying(KeyId::new(id), now),
                2,
            ),
            (Some(&KIND), _) => (BODY_LEN, LABEL, self.keys.verifying(KeyId::ROOT, now), 1),
            _ => return Err(CsrfError::Malformed),
        };
        if bytes.len() != body_len + MAC_LEN {
            return Err(CsrfError::Malformed);
        }
        let key = key.ok_or(CsrfError::BadSignature)?;
        let (body, tag) = bytes
            .split_at_checked(body_len)
            .ok_or(CsrfError::Malformed)?;
        let expected = mac(key, label, binding, body);
        let expected = expected.get(..MAC_LEN).ok_or(CsrfError::Malformed)?;
        if !bool::from(expected.ct_eq(tag)) {
            return Err(CsrfError::BadSignature);
        }
        let issued: [u8; 8] = body
            .get(time_at..time_at + 8)
            .and_then(|b| b.try_into().ok())
            .ok_or(CsrfError::Malformed)?;
        let issued = Timestamp::from_millisecond(i64::from_be_bytes(issued))
            .map_err(|_| CsrfError::Malformed)?;
        let age = now.duration_since(issued);
        // A little clock skew between nodes is fine; a token from the far future is not.
        if age > max_age || age < SignedDuration::from_secs(-60) {
            return Err(CsrfError::Expired);
        }
        Ok(())
    }
}

fn mac(key: &SecretKey, label: &[u8], binding: &[u8], body: &[u8]) -> [u8; 32] {
    let length = u64::try_from(binding.len())
        .unwrap_or(u64::MAX)
        .to_be_bytes();
    hmac_sha256(key.bytes(), &[label, &length, binding, body])
}

impl std::fmt::Debug for CsrfTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsrfTokens(..)")
    }
}

/// A bearer token read from an owner-only file; only its SHA-256 is kept in memory.
#[derive(Clone)]
pub struct BearerToken {
    digest: Zeroizing<[u8; 32]>,
}

/// Shortest accepted bearer token, in characters (`openssl rand -base64 32` gives 44).
pub const MIN_BEARER_LEN: usize = 32;

impl BearerToken {
    /// Loads a token file: one line of at least 32 characters, in a file only its owner can
    /// read. Refuses an empty, short or placeholder token with a message on how to make one.
    pub fn load(path: &Path) -> Result<Self, CryptoError> {
        let text = files::read_private(path)?;
        let mut lines = files::content_lines(&text);
        let weak = |reason| CryptoError::WeakSecret {
            path: path.to_path_buf(),
            reason,
        };
        let line = match (lines.next(), lines.next()) {
            (Some(line), None) => line,
            (None, _) => return Err(weak("the file is empty")),
            (Some(_), Some(_)) => return Err(weak("expected one line")),
        };
        Self::parse(line).map_err(weak)
    }

    /// Checks a token given as text, with the same rules as [`BearerToken::load`].
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let text = text.trim();
        if text.to_ascii_lowercase().contains("changeme") {
            return Err("it still holds the placeholder `changeme`");
        }
        if text.chars().count() < MIN_BEARER_LEN {
            return Err("the token is shorter than 32 characters");
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("the token contains spaces or control characters");
        }
        Ok(Self {
            digest: Zeroizing::new(sha256(&[text.as_bytes()])),
        })
    }

    /// Whether `presented` is this token, compared in constant time (over the digests, so
    /// the length of the real token does not show either).
    pub fn matches(&self, presented: &str) -> bool {
        let digest = sha256(&[presented.trim().as_bytes()]);
        bool::from(digest.ct_eq(&*self.digest))
    }
}

impl std::fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BearerToken(..)")
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use proptest::prelude::*;

    use super::*;
    use crate::entropy::SeededEntropy;

    fn tokens() -> CsrfTokens {
        CsrfTokens::new(SecretKey::from_bytes([7; 32]).derive("csrf"))
    }

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).unwrap()
    }

    const HOUR: SignedDuration = SignedDuration::from_hours(1);

    #[test]
    fn a_token_verifies_only_for_its_binding_key_and_age() {
        let entropy = SeededEntropy::new(1);
        let token = tokens().issue(b"session-a", at(0), &entropy);
        assert_eq!(tokens().verify(&token, b"session-a", at(10), HOUR), Ok(()));
        assert_eq!(
            tokens().verify(&token, b"session-b", at(10), HOUR),
            Err(CsrfError::BadSignature)
        );
        let other_key = CsrfTokens::new(SecretKey::from_bytes([8; 32]).derive("csrf"));
        assert_eq!(
            other_key.verify(&token, b"session-a", at(10), HOUR),
            Err(CsrfError::BadSignature)
        );
        assert_eq!(
            tokens().verify(&token, b"session-a", at(3601), HOUR),
            Err(CsrfError::Expired)
        );
        assert_eq!(
            tokens().verify(&token, b"session-a", at(-3600), HOUR),
            Err(CsrfError::Expired)
        );
        let mut changed = token.clone().into_bytes();
        if let Some(last) = changed.last_mut() {
            *last = if *last == b'A' { b'B' } else { b'A' };
        }
        let changed = String::from_utf8(changed).unwrap();
        assert!(
            tokens()
                .verify(&changed, b"session-a", at(10), HOUR)
                .is_err()
        );
        assert_eq!(
            tokens().verify("", b"session-a", at(10), HOUR),
            Err(CsrfError::Malformed)
        );
    }

    /// A token of the first version (no key id) is what an earlier release put in open
    /// forms: it verifies with key id 0 until the grace period after the first rotation.
    #[test]
    fn a_token_of_the_first_version_verifies_with_key_id_zero() {
        let key = SecretKey::from_bytes([7; 32]).derive("csrf");
        let mut body = vec![KIND];
        body.extend_from_slice(&at(0).as_millisecond().to_be_bytes());
        body.extend_from_slice(&[1; 8]);
        let tag = mac(&key, LABEL, b"s", &body);
        body.extend(tag.iter().take(MAC_LEN));
        let token = URL_SAFE_NO_PAD.encode(body);
        assert_eq!(tokens().verify(&token, b"s", at(10), HOUR), Ok(()));
        let rotated = CsrfTokens::with_keys(
            RoleKeys::single(key)
                .with_key(KeyId::new(1), SecretKey::from_bytes([3; 32]), at(5))
                .with_grace(HOUR),
        );
        assert_eq!(rotated.verify(&token, b"s", at(3_600), HOUR), Ok(()));
        assert_eq!(
            rotated.verify(&token, b"s", at(3_606), HOUR),
            Err(CsrfError::BadSignature)
        );
        // Tokens issued now are of the second version (34 bytes, 46 characters).
        assert_eq!(
            tokens().issue(b"s", at(0), &SeededEntropy::new(1)).len(),
            46
        );
    }

    #[test]
    fn bearer_tokens_are_checked_and_compared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.token");
        std::fs::write(&path, "s3cr3t-scrape-token-0123456789abcdefXYZ\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let token = BearerToken::load(&path).unwrap();
        assert!(token.matches("s3cr3t-scrape-token-0123456789abcdefXYZ"));
        assert!(!token.matches("s3cr3t-scrape-token-0123456789abcdefXY"));
        assert!(!token.matches(""));
        assert_eq!(format!("{token:?}"), "BearerToken(..)");

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(
            BearerToken::load(&path),
            Err(CryptoError::InsecurePermissions { .. })
        ));
        for (content, why) in [
            ("", "empty"),
            ("short\n", "shorter"),
            ("changeme-changeme-changeme-changeme-1\n", "changeme"),
        ] {
            let path = dir.path().join(format!("t{}", content.len()));
            std::fs::write(&path, content).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            let error = BearerToken::load(&path).unwrap_err().to_string();
            assert!(error.contains(why), "{error}");
        }
        assert!(matches!(
            BearerToken::load(&dir.path().join("missing")),
            Err(CryptoError::Io { .. })
        ));
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_verifies_and_never_panics(text in ".{0,200}") {
            prop_assert!(tokens().verify(&text, b"s", at(0), HOUR).is_err());
            let _ = BearerToken::parse(&text);
        }
    }
}
