//! The one layout of per-initiative key files wrapped under a server-derived key (the
//! initiatives' tag subkeys, ADR 0011, and their mail keys):
//!
//! ```text
//! magic          10 bytes, format and version ("OCS-IKEY-1", "OCS-MKEY-1")
//! key id         8 random bytes
//! nonce          24 random bytes (XChaCha20-Poly1305: random nonces under a long-lived key)
//! ciphertext     the key bytes, then the 16-byte tag
//! ```
//!
//! The associated data is the format's label, the initiative number (big-endian) and the
//! header (magic and key id), so a file opens only under its wrapping key, for its own
//! initiative, with its own key id, and with no byte changed.

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit as _, XChaCha20Poly1305, XNonce};
use ocs_domain::InitiativeId;
use zeroize::Zeroizing;

use crate::entropy::{Entropy, try_random_bytes};
use crate::error::CryptoError;
use crate::secret::SecretKey;

/// Length of the random key id in the header.
pub(crate) const KEY_ID_LEN: usize = 8;
const MAGIC_LEN: usize = 10;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

/// One kind of key file: its magic, the label of its associated data and its body length.
pub(crate) struct KeyFileFormat {
    /// First bytes of every file of this kind.
    pub magic: &'static [u8; MAGIC_LEN],
    /// Label at the start of the associated data.
    pub label: &'static [u8],
    /// Length of the wrapped key bytes.
    pub body_len: usize,
}

/// Why a key file did not open.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum KeyFileError {
    /// Not a file of this kind (length or magic).
    NotThisKind,
    /// Another wrapping key, another initiative, or a changed byte.
    Refused,
}

impl KeyFileFormat {
    /// Length of a file of this kind.
    pub(crate) const fn file_len(&self) -> usize {
        MAGIC_LEN + KEY_ID_LEN + NONCE_LEN + self.body_len + TAG_LEN
    }

    fn aad(&self, initiative: InitiativeId, header: &[u8]) -> Vec<u8> {
        let mut aad = Vec::with_capacity(self.label.len() + 4 + header.len());
        aad.extend_from_slice(self.label);
        aad.extend_from_slice(&initiative.get().to_be_bytes());
        aad.extend_from_slice(header);
        aad
    }

    /// The file content wrapping `body` (of `body_len` bytes) with key id `id` for
    /// `initiative`.
    pub(crate) fn seal(
        &self,
        wrap: &SecretKey,
        initiative: InitiativeId,
        id: [u8; KEY_ID_LEN],
        body: &[u8],
        entropy: &dyn Entropy,
    ) -> Result<Vec<u8>, CryptoError> {
        if body.len() != self.body_len {
            return Err(CryptoError::MalformedFile(
                "key file body of the wrong length",
            ));
        }
        let nonce: [u8; NONCE_LEN] = try_random_bytes(entropy)?;
        let mut out = Vec::with_capacity(self.file_len());
        out.extend_from_slice(self.magic);
        out.extend_from_slice(&id);
        let sealed = XChaCha20Poly1305::new(wrap.bytes().into())
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: body,
                    aad: &self.aad(initiative, &out),
                },
            )
            .map_err(|_| CryptoError::TooLong)?;
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// The key id and the key bytes of a file made by [`KeyFileFormat::seal`] for
    /// `initiative`.
    pub(crate) fn open(
        &self,
        wrap: &SecretKey,
        initiative: InitiativeId,
        file: &[u8],
    ) -> Result<([u8; KEY_ID_LEN], Zeroizing<Vec<u8>>), KeyFileError> {
        if file.len() != self.file_len() || !file.starts_with(self.magic) {
            return Err(KeyFileError::NotThisKind);
        }
        let (header, rest) = file.split_at(MAGIC_LEN + KEY_ID_LEN);
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce = <[u8; NONCE_LEN]>::try_from(nonce).map_err(|_| KeyFileError::Refused)?;
        let body = XChaCha20Poly1305::new(wrap.bytes().into())
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &self.aad(initiative, header),
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| KeyFileError::Refused)?;
        let id = header
            .get(MAGIC_LEN..)
            .and_then(|id| <[u8; KEY_ID_LEN]>::try_from(id).ok())
            .ok_or(KeyFileError::Refused)?;
        Ok((id, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SeededEntropy;

    const FORMAT: KeyFileFormat = KeyFileFormat {
        magic: b"OCS-TEST-1",
        label: b"openocs test key file v1",
        body_len: 32,
    };

    fn wrap(byte: u8) -> SecretKey {
        SecretKey::from_bytes([byte; 32])
    }

    fn initiative(n: u32) -> InitiativeId {
        InitiativeId::new(n)
    }

    #[test]
    fn a_file_opens_only_under_its_key_for_its_initiative_and_unchanged() {
        let entropy = SeededEntropy::new(3);
        let file = FORMAT
            .seal(&wrap(1), initiative(7), [9; KEY_ID_LEN], &[5; 32], &entropy)
            .unwrap();
        assert_eq!(file.len(), FORMAT.file_len());
        let (id, body) = FORMAT.open(&wrap(1), initiative(7), &file).unwrap();
        assert_eq!((id, body.as_slice()), ([9; KEY_ID_LEN], &[5u8; 32][..]));
        assert_eq!(
            FORMAT.open(&wrap(2), initiative(7), &file),
            Err(KeyFileError::Refused)
        );
        assert_eq!(
            FORMAT.open(&wrap(1), initiative(8), &file),
            Err(KeyFileError::Refused)
        );
        for index in [0, MAGIC_LEN, MAGIC_LEN + KEY_ID_LEN, file.len() - 1] {
            let mut changed = file.clone();
            changed[index] ^= 1;
            assert!(
                FORMAT.open(&wrap(1), initiative(7), &changed).is_err(),
                "byte {index}"
            );
        }
        assert_eq!(
            FORMAT.open(&wrap(1), initiative(7), &file[1..]),
            Err(KeyFileError::NotThisKind)
        );
    }

    #[test]
    fn a_body_of_the_wrong_length_is_not_sealed() {
        let entropy = SeededEntropy::new(3);
        assert!(
            FORMAT
                .seal(&wrap(1), initiative(7), [9; KEY_ID_LEN], &[5; 31], &entropy)
                .is_err()
        );
    }
}
