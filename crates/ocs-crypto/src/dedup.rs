//! Keyed de-duplication tags: one signer, one tag per initiative, unlinkable across
//! initiatives and useless without the server's key.
//!
//! A plain hash of an identity document number would be reversible by brute force (a
//! national ID space is small enough to enumerate), so the tag is an HMAC under a secret kept
//! outside the database: a stolen database alone tells nothing. The HMAC key differs per
//! initiative, so the tags of two initiatives cannot be joined to learn that the same person
//! supported both (political opinion, GDPR Art. 9).

use ocs_domain::{DedupTag, InitiativeId};

use crate::hash::hmac_sha256;
use crate::secret::SecretKey;

/// The server secret behind de-duplication tags. Kept outside the database (a file or the
/// secret store), never logged.
#[derive(Clone)]
pub struct DedupKey(SecretKey);

impl DedupKey {
    /// Wraps a server secret (ideally `root.derive("dedup")`).
    pub fn new(key: SecretKey) -> Self {
        Self(key)
    }

    /// The tag of a normalised `identity` within `initiative`: HMAC-SHA256 under the
    /// initiative's subkey. `identity` must already be normalised (`ocs-domain` does that):
    /// the tag compares bytes.
    pub fn tag(&self, initiative: InitiativeId, identity: &str) -> DedupTag {
        // Recomputing the subkey costs one more HMAC (about 0.3 µs); caching it would keep
        // one more secret per initiative in memory for no measurable gain.
        let subkey = self.subkey(initiative);
        DedupTag::from_bytes(hmac_sha256(&subkey, &[identity.as_bytes()]))
    }

    fn subkey(&self, initiative: InitiativeId) -> zeroize::Zeroizing<[u8; 32]> {
        zeroize::Zeroizing::new(hmac_sha256(
            self.0.bytes(),
            &[
                b"openocs dedup initiative v1:",
                &initiative.get().to_be_bytes(),
            ],
        ))
    }
}

impl std::fmt::Debug for DedupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DedupKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> DedupKey {
        DedupKey::new(SecretKey::from_bytes(std::array::from_fn(|i| {
            byte.wrapping_add(u8::try_from(i).unwrap())
        })))
    }

    #[test]
    fn tags_are_deterministic() {
        let one = InitiativeId::new(1);
        assert_eq!(
            key(1).tag(one, "IE|X1234567"),
            key(1).tag(one, "IE|X1234567")
        );
    }

    #[test]
    fn tags_differ_per_initiative_key_and_identity() {
        let (one, two) = (InitiativeId::new(1), InitiativeId::new(2));
        let base = key(1).tag(one, "IE|X1234567");
        assert_ne!(base, key(1).tag(two, "IE|X1234567"));
        assert_ne!(base, key(2).tag(one, "IE|X1234567"));
        assert_ne!(base, key(1).tag(one, "IE|X1234568"));
    }

    #[test]
    fn debug_hides_the_key() {
        assert_eq!(format!("{:?}", key(3)), "DedupKey(..)");
    }
}
