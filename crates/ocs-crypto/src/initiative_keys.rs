//! Per-initiative random subkeys (ADR 0011): each initiative's de-duplication key and eID
//! subject key are drawn at random — never derived from a shared secret and the
//! initiative's small number — kept sealed in a file outside the database, and destroyed with
//! the initiative's data. Once the file is gone, nothing anywhere recomputes a tag, so a copy
//! of the database taken before the deadline can no longer be searched for a person.
//!
//! # The file, version 1
//!
//! ```text
//! "OCS-IKEY-1"   magic and format version, 10 bytes
//! key id         8 random bytes (named in the database and the destruction certificate)
//! nonce          24 random bytes (XChaCha20-Poly1305: random nonces under a long-lived key)
//! ciphertext     de-duplication subkey 32 ‖ eID subkey 32, then the 16-byte tag
//! ```
//!
//! The wrapping key is derived from the server secret ([`InitiativeKeyWrap::new`]); the
//! associated data is a label, the initiative number and the header, so a file copied to
//! another initiative's name, or given another key id, does not open.

use ocs_domain::{DedupTag, InitiativeId};
use zeroize::Zeroizing;

use crate::dedup::DedupKey;
use crate::entropy::{Entropy, try_random_bytes};
use crate::error::CryptoError;
use crate::hash::hmac_sha256;
use crate::key_file::{KEY_ID_LEN, KeyFileError, KeyFileFormat};
use crate::secret::SecretKey;

/// First bytes of every version-1 initiative key file.
pub const INITIATIVE_KEYS_MAGIC: &[u8; 10] = b"OCS-IKEY-1";
const BODY_LEN: usize = 64;
/// The key file's layout ([`crate::key_file`]).
const FILE: KeyFileFormat = KeyFileFormat {
    magic: INITIATIVE_KEYS_MAGIC,
    label: b"openocs initiative keys v1",
    body_len: BODY_LEN,
};
/// Length of a sealed key file: header, nonce, two keys, tag (122 bytes).
pub const INITIATIVE_KEYS_FILE_LEN: usize = FILE.file_len();
/// Domain separation inside the eID subkey: a tag of an eID subject is never equal to a
/// statement tag computed from the same bytes.
const EID_LABEL: &[u8] = b"openocs eid subject v1:";

/// The public name of one initiative's subkeys: 8 random bytes, shown as 16 hex digits. It
/// identifies the key file in the database, the certificate and the audit trail without
/// revealing anything of the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InitiativeKeyId([u8; KEY_ID_LEN]);

impl InitiativeKeyId {
    /// Parses 16 hex digits.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = hex::decode(text.trim()).ok()?;
        <[u8; KEY_ID_LEN]>::try_from(bytes.as_slice())
            .ok()
            .map(Self)
    }
}

impl std::fmt::Display for InitiativeKeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

/// One initiative's random subkeys: the de-duplication key for statement tags and the key
/// for eID subject tags. Wiped on drop; `Debug` shows the key id only.
pub struct InitiativeSubkeys {
    id: InitiativeKeyId,
    dedup: Zeroizing<[u8; 32]>,
    eid: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for InitiativeSubkeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InitiativeSubkeys({}, ..)", self.id)
    }
}

impl InitiativeSubkeys {
    /// Fresh random subkeys and key id. Fails rather than use weak randomness.
    pub fn generate(entropy: &dyn Entropy) -> Result<Self, CryptoError> {
        Ok(Self {
            id: InitiativeKeyId(try_random_bytes(entropy)?),
            dedup: Zeroizing::new(try_random_bytes(entropy)?),
            eid: Zeroizing::new(try_random_bytes(entropy)?),
        })
    }

    /// The key id.
    pub fn key_id(&self) -> InitiativeKeyId {
        self.id
    }

    /// The tag of a normalised statement identity: HMAC-SHA256 under the de-duplication
    /// subkey.
    pub fn statement_tag(&self, identity: &str) -> DedupTag {
        DedupTag::from_bytes(hmac_sha256(&self.dedup, &[identity.as_bytes()]))
    }

    /// The tag of an eID person identifier: HMAC-SHA256 under the eID subkey.
    pub fn eid_tag(&self, identity: &str) -> DedupTag {
        DedupTag::from_bytes(hmac_sha256(&self.eid, &[EID_LABEL, identity.as_bytes()]))
    }
}

/// The key that seals initiative key files (derived from the server secret, so a copy of the
/// keys folder alone opens nothing).
pub struct InitiativeKeyWrap(SecretKey);

impl std::fmt::Debug for InitiativeKeyWrap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InitiativeKeyWrap(..)")
    }
}

impl InitiativeKeyWrap {
    /// The wrapping key of `server_key` (label `openocs initiative keys v1`).
    pub fn new(server_key: &SecretKey) -> Self {
        Self(server_key.derive("openocs initiative keys v1"))
    }

    /// The file content of `subkeys` for `initiative`.
    pub fn seal(
        &self,
        initiative: InitiativeId,
        subkeys: &InitiativeSubkeys,
        entropy: &dyn Entropy,
    ) -> Result<Vec<u8>, CryptoError> {
        let mut body = Zeroizing::new([0u8; BODY_LEN]);
        let (dedup, eid) = body.split_at_mut(32);
        dedup.copy_from_slice(subkeys.dedup.as_slice());
        eid.copy_from_slice(subkeys.eid.as_slice());
        FILE.seal(&self.0, initiative, subkeys.id.0, body.as_slice(), entropy)
    }

    /// Opens a file made by [`Self::seal`] for `initiative`. Fails with
    /// [`CryptoError::FileOpenFailed`] under another wrapping key, for another initiative, or
    /// when any byte changed.
    pub fn open(
        &self,
        initiative: InitiativeId,
        file: &[u8],
    ) -> Result<InitiativeSubkeys, CryptoError> {
        let (id, plain) = FILE
            .open(&self.0, initiative, file)
            .map_err(|error| match error {
                KeyFileError::NotThisKind => {
                    CryptoError::MalformedFile("not an initiative key file (OCS-IKEY-1)")
                }
                KeyFileError::Refused => CryptoError::FileOpenFailed,
            })?;
        let (dedup, eid) = plain
            .split_at_checked(32)
            .ok_or(CryptoError::FileOpenFailed)?;
        let mut keys = InitiativeSubkeys {
            id: InitiativeKeyId(id),
            dedup: Zeroizing::new([0; 32]),
            eid: Zeroizing::new([0; 32]),
        };
        keys.dedup.copy_from_slice(dedup);
        keys.eid.copy_from_slice(eid);
        Ok(keys)
    }
}

/// The key of one initiative's tags: its own random subkeys or, for an initiative created
/// before per-initiative keys existed (its tags were made that way), the shared
/// de-duplication secret with the subkey derived from the initiative number.
#[derive(Debug, Clone)]
pub enum TagKey {
    /// Random subkeys, destroyed with the data.
    Random(std::sync::Arc<InitiativeSubkeys>),
    /// The deployment-wide secret (legacy initiatives only): it cannot be destroyed with one
    /// initiative; statement and eID tags share the one derived subkey, as before.
    Shared(DedupKey, InitiativeId),
}

impl TagKey {
    /// The tag of a normalised statement identity.
    pub fn statement_tag(&self, identity: &str) -> DedupTag {
        match self {
            Self::Random(keys) => keys.statement_tag(identity),
            Self::Shared(key, initiative) => key.tag(*initiative, identity),
        }
    }

    /// The tag of an eID person identifier.
    pub fn eid_tag(&self, identity: &str) -> DedupTag {
        match self {
            Self::Random(keys) => keys.eid_tag(identity),
            Self::Shared(key, initiative) => key.tag(*initiative, identity),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SeededEntropy;

    fn wrap(byte: u8) -> InitiativeKeyWrap {
        InitiativeKeyWrap::new(&SecretKey::from_bytes([byte; 32]))
    }

    #[test]
    fn a_sealed_file_opens_for_its_initiative_only() {
        let keys = InitiativeSubkeys::generate(&SeededEntropy::new(1)).unwrap();
        let one = InitiativeId::new(1);
        let file = wrap(7).seal(one, &keys, &SeededEntropy::new(2)).unwrap();
        assert_eq!(file.len(), INITIATIVE_KEYS_FILE_LEN);
        let opened = wrap(7).open(one, &file).unwrap();
        assert_eq!(opened.key_id(), keys.key_id());
        assert_eq!(opened.statement_tag("SE|1"), keys.statement_tag("SE|1"));
        assert_eq!(opened.eid_tag("x"), keys.eid_tag("x"));
        assert!(wrap(7).open(InitiativeId::new(2), &file).is_err());
        assert!(wrap(8).open(one, &file).is_err());
        for position in 0..file.len() {
            let mut changed = file.clone();
            changed[position] ^= 1;
            assert!(wrap(7).open(one, &changed).is_err(), "byte {position}");
        }
        assert!(!file.windows(32).any(|w| w == keys.dedup.as_slice()));
    }

    #[test]
    fn random_subkeys_differ_and_their_tags_are_unlike_the_shared_ones() {
        let entropy = SeededEntropy::new(3);
        let first = InitiativeSubkeys::generate(&entropy).unwrap();
        let second = InitiativeSubkeys::generate(&entropy).unwrap();
        assert_ne!(first.key_id(), second.key_id());
        assert_ne!(first.statement_tag("SE|1"), second.statement_tag("SE|1"));
        assert_ne!(first.statement_tag("SE|1"), first.eid_tag("SE|1"));
        let shared = TagKey::Shared(
            DedupKey::new(SecretKey::from_bytes([5; 32])),
            InitiativeId::new(1),
        );
        let random = TagKey::Random(std::sync::Arc::new(first));
        assert_ne!(random.statement_tag("SE|1"), shared.statement_tag("SE|1"));
        // The legacy scheme is unchanged: one derived subkey for both kinds of tags.
        assert_eq!(shared.statement_tag("SE|1"), shared.eid_tag("SE|1"));
    }

    #[test]
    fn key_ids_print_and_parse_as_hex() {
        let keys = InitiativeSubkeys::generate(&SeededEntropy::new(4)).unwrap();
        let text = keys.key_id().to_string();
        assert_eq!(text.len(), 16);
        assert_eq!(InitiativeKeyId::parse(&text), Some(keys.key_id()));
        assert_eq!(InitiativeKeyId::parse("xyz"), None);
        assert!(!format!("{keys:?}").contains(&hex::encode(keys.dedup.as_slice())));
    }
}
