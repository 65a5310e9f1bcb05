//! The keys that cross the storage traits as opaque bytes or text: [`ClaimKey`] (a single-use
//! proof claimed across nodes) and [`ThrottleKey`] (a sign-in failure counter, per
//! [`ThrottleScope`]). Each is its own
//! type so that a claim key cannot be passed where a throttle key or a de-duplication tag is
//! meant; the stored bytes are exactly the wrapped value.

use std::fmt;

/// The key of a single-use claim ([`crate::Coordination::claim_once`]): 32 bytes, in practice
/// a hash of the proof being claimed. Stored as its raw bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimKey([u8; 32]);

impl ClaimKey {
    /// Wraps 32 bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw bytes, for storage.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for ClaimKey {
    // A claim key is derived from a signer's proof; it has no use in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClaimKey(..)")
    }
}

/// What a sign-in failure counter counts; its stored label is the text before the `:` of a
/// [`ThrottleKey`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ThrottleScope {
    /// One account name from one network (`account-network`).
    AccountNetwork,
    /// One account name from one network, over the long back-off window
    /// (`account-network-long`).
    AccountNetworkLong,
    /// One account name from every network (`account`).
    Account,
    /// One network, whatever the name (`network`).
    Network,
}

impl ThrottleScope {
    /// Every scope.
    pub const ALL: [Self; 4] = [
        Self::AccountNetwork,
        Self::AccountNetworkLong,
        Self::Account,
        Self::Network,
    ];

    /// The stored label.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AccountNetwork => "account-network",
            Self::AccountNetworkLong => "account-network-long",
            Self::Account => "account",
            Self::Network => "network",
        }
    }
}

/// The key of a sign-in failure counter ([`crate::SessionStore::record_login_failure`]):
/// `<scope>:<64 lowercase hex digits>`, the [`ThrottleScope`] label and a keyed digest of the
/// counted value, so the table holds no account name or address. Stored as that text.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThrottleKey(String);

/// Text that is not a stored [`ThrottleKey`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a throttle key is `<scope>:<64 lowercase hex digits>` with a known scope")]
pub struct ThrottleKeyError;

impl ThrottleKey {
    /// The key counting `digest` (a keyed hash of the counted value) under `scope`.
    pub fn new(scope: ThrottleScope, digest: &[u8; 32]) -> Self {
        let label = scope.as_str();
        let mut text = String::with_capacity(label.len() + 65);
        text.push_str(label);
        text.push(':');
        for byte in digest {
            for nibble in [byte >> 4, byte & 0x0f] {
                text.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
            }
        }
        Self(text)
    }

    /// Reads a key back from its stored text.
    ///
    /// # Errors
    ///
    /// [`ThrottleKeyError`] for text not of the shape [`ThrottleKey::new`] writes.
    pub fn parse(text: &str) -> Result<Self, ThrottleKeyError> {
        let (label, digest) = text.split_once(':').ok_or(ThrottleKeyError)?;
        let known = ThrottleScope::ALL
            .iter()
            .any(|scope| scope.as_str() == label);
        let hex_ok = digest.len() == 64
            && digest
                .bytes()
                .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte));
        if known && hex_ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(ThrottleKeyError)
        }
    }

    /// The stored text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ThrottleKey {
    // The scope says what is counted; the digest stands for a person's account or network.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.0.split_once(':').map_or("", |(label, _)| label);
        write!(f, "ThrottleKey({label}:..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_keys_keep_the_stored_text() {
        let mut digest = [0xab; 32];
        digest[0] = 0x0f;
        let key = ThrottleKey::new(ThrottleScope::AccountNetwork, &digest);
        assert_eq!(
            key.as_str(),
            format!("account-network:0f{}", "ab".repeat(31))
        );
        assert_eq!(ThrottleKey::parse(key.as_str()), Ok(key.clone()));
        assert_eq!(format!("{key:?}"), "ThrottleKey(account-network:..)");
        for scope in ThrottleScope::ALL {
            let key = ThrottleKey::new(scope, &[0; 32]);
            assert_eq!(ThrottleKey::parse(key.as_str()), Ok(key));
        }
    }

    #[test]
    fn malformed_throttle_keys_are_refused() {
        let digest = "0".repeat(64);
        for text in [
            String::new(),
            digest.clone(),
            format!(":{digest}"),
            format!("Account:{digest}"),
            format!("accounts:{digest}"),
            format!("account:{}", "0".repeat(63)),
            format!("account:{}", "A".repeat(64)),
            format!("account:{digest}:x"),
        ] {
            assert_eq!(ThrottleKey::parse(&text), Err(ThrottleKeyError), "{text:?}");
        }
    }

    #[test]
    fn claim_keys_hide_their_bytes() {
        let key = ClaimKey::from_bytes([7; 32]);
        assert_eq!(key.as_bytes(), &[7; 32]);
        assert_eq!(format!("{key:?}"), "ClaimKey(..)");
    }
}
