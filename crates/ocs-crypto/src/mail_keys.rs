//! Per-initiative mail keys (issue 20): each initiative's e-mail addresses and queued messages
//! are sealed under a random key of that initiative, kept wrapped in a file of its own outside
//! the database and destroyed with the initiative's data, so destroying one initiative leaves
//! every copy of its mail rows unreadable while the others still open.
//!
//! # The key file `mail-N.key`, version 1
//!
//! ```text
//! "OCS-MKEY-1"   magic and format version, 10 bytes
//! key id         8 random bytes (named in every value sealed under the key)
//! nonce          24 random bytes
//! ciphertext     the 32-byte key, then the 16-byte tag (XChaCha20-Poly1305 under a key
//!                derived from the mail key; associated data: label, initiative, header)
//! ```
//!
//! # A sealed value, version 2
//!
//! `0x02 ‖ key id 8 ‖ nonce 24 ‖ ciphertext ‖ tag 16`, associated data: the caller's context,
//! a zero byte, the initiative number and the version and key id. Version 1 values (`0x01 ‖
//! nonce ‖ …`, sealed under the one mail key of earlier releases) still open through
//! [`MailKeyring::open`], which falls back to [`MailKey::open`] for them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit as _, XChaCha20Poly1305, XNonce};
use ocs_domain::InitiativeId;
use zeroize::Zeroizing;

use crate::entropy::{Entropy, try_random_bytes};
use crate::error::CryptoError;
use crate::files;
use crate::key_file::{KEY_ID_LEN, KeyFileError, KeyFileFormat};
use crate::mail::{MailKey, MailSealError};
use crate::secret::SecretKey;

/// First bytes of every version-1 initiative mail key file.
pub const MAIL_KEY_FILE_MAGIC: &[u8; 10] = b"OCS-MKEY-1";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// The key file's layout ([`crate::key_file`]).
const FILE: KeyFileFormat = KeyFileFormat {
    magic: MAIL_KEY_FILE_MAGIC,
    label: b"openocs initiative mail key v1",
    body_len: 32,
};
const FILE_LEN: usize = FILE.file_len();
/// Version byte of a value sealed under an initiative's mail key.
const SEAL_VERSION_2: u8 = 2;
/// Bytes a version-2 sealed value adds to its plaintext.
pub const INITIATIVE_MAIL_SEAL_OVERHEAD: usize = 1 + KEY_ID_LEN + NONCE_LEN + TAG_LEN;

/// One initiative's mail key: its id and the 32 key bytes, wiped on drop.
struct InitiativeMailKey {
    id: [u8; KEY_ID_LEN],
    key: Zeroizing<[u8; 32]>,
}

/// The mail key and the per-initiative keys under it: in the folder `dir` (files
/// `mail-N.key`, mode 0600), or in memory only (tests, a deployment without a folder).
pub struct MailKeyring {
    root: MailKey,
    wrap: SecretKey,
    dir: Option<PathBuf>,
    keys: Mutex<HashMap<InitiativeId, Arc<InitiativeMailKey>>>,
}

impl std::fmt::Debug for MailKeyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MailKeyring({:?}, ..)", self.dir)
    }
}

fn value_aad(context: &[u8], initiative: InitiativeId, header: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(context.len() + 5 + header.len());
    aad.extend_from_slice(context);
    aad.push(0);
    aad.extend_from_slice(&initiative.get().to_be_bytes());
    aad.extend_from_slice(header);
    aad
}

impl MailKeyring {
    /// The keyring of `root`, keeping initiative keys in `dir` (created on first use).
    pub fn new(root: MailKey, dir: Option<PathBuf>) -> Self {
        Self {
            wrap: root.initiative_wrap(),
            root,
            dir,
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// The mail key itself (address look-up hashes, unsubscribe links, version-1 values).
    pub fn root(&self) -> &MailKey {
        &self.root
    }

    fn path(&self, initiative: InitiativeId) -> Option<PathBuf> {
        self.dir
            .as_ref()
            .map(|dir| dir.join(format!("mail-{}.key", initiative.get())))
    }

    fn cached(&self, initiative: InitiativeId) -> Option<Arc<InitiativeMailKey>> {
        self.keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&initiative)
            .cloned()
    }

    /// The initiative's key from the cache or its file; `None` when it has none (never made,
    /// or destroyed).
    fn existing(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<Arc<InitiativeMailKey>>, CryptoError> {
        if let Some(key) = self.cached(initiative) {
            return Ok(Some(key));
        }
        let Some(path) = self.path(initiative) else {
            return Ok(None);
        };
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => Zeroizing::new(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(CryptoError::io(&path, error)),
        };
        let key = Arc::new(self.unwrap_file(initiative, &bytes)?);
        self.keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(initiative, key.clone());
        Ok(Some(key))
    }

    fn unwrap_file(
        &self,
        initiative: InitiativeId,
        bytes: &[u8],
    ) -> Result<InitiativeMailKey, CryptoError> {
        let (id, plain) =
            FILE.open(&self.wrap, initiative, bytes)
                .map_err(|error| match error {
                    KeyFileError::NotThisKind => {
                        CryptoError::MalformedFile("not an initiative mail key file")
                    }
                    KeyFileError::Refused => CryptoError::OpenFailed,
                })?;
        let mut key = Zeroizing::new([0u8; 32]);
        key.copy_from_slice(plain.get(..32).ok_or(CryptoError::OpenFailed)?);
        Ok(InitiativeMailKey { id, key })
    }

    /// The initiative's key, made (and its file written) when it has none yet.
    fn key_for_sealing(
        &self,
        initiative: InitiativeId,
        entropy: &dyn Entropy,
    ) -> Result<Arc<InitiativeMailKey>, CryptoError> {
        if let Some(key) = self.existing(initiative)? {
            return Ok(key);
        }
        let made = InitiativeMailKey {
            id: try_random_bytes(entropy)?,
            key: Zeroizing::new(try_random_bytes(entropy)?),
        };
        if let Some(path) = self.path(initiative) {
            let file = FILE.seal(
                &self.wrap,
                initiative,
                made.id,
                made.key.as_slice(),
                entropy,
            )?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| CryptoError::io(dir, e))?;
            }
            match files::create_private(&path, &file) {
                Ok(()) => {}
                // Another writer made it first: use that one.
                Err(CryptoError::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::AlreadyExists =>
                {
                    return self.existing(initiative)?.ok_or(CryptoError::OpenFailed);
                }
                Err(error) => return Err(error),
            }
        }
        let made = Arc::new(made);
        self.keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(initiative, made.clone());
        Ok(made)
    }

    /// Seals `plaintext` of `initiative` under its own key (version 2), bound to `context`.
    pub fn seal(
        &self,
        initiative: InitiativeId,
        context: &[u8],
        plaintext: &[u8],
        entropy: &dyn Entropy,
    ) -> Result<Vec<u8>, CryptoError> {
        let key = self.key_for_sealing(initiative, entropy)?;
        let nonce: [u8; NONCE_LEN] = try_random_bytes(entropy)?;
        let mut out = Vec::with_capacity(INITIATIVE_MAIL_SEAL_OVERHEAD + plaintext.len());
        out.push(SEAL_VERSION_2);
        out.extend_from_slice(&key.id);
        let sealed = XChaCha20Poly1305::new((&*key.key).into())
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: &value_aad(context, initiative, &out),
                },
            )
            .map_err(|_| CryptoError::TooLong)?;
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Opens a value of `initiative`: version 2 under the initiative's key (refused once it
    /// is destroyed), version 1 under the mail key of earlier releases.
    pub fn open(
        &self,
        initiative: InitiativeId,
        context: &[u8],
        sealed: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, MailSealError> {
        if sealed.first() != Some(&SEAL_VERSION_2) {
            return self.root.open(context, sealed);
        }
        if sealed.len() < INITIATIVE_MAIL_SEAL_OVERHEAD {
            return Err(MailSealError);
        }
        let (header, rest) = sealed.split_at(1 + KEY_ID_LEN);
        let key = self
            .existing(initiative)
            .ok()
            .flatten()
            .ok_or(MailSealError)?;
        if header.get(1..) != Some(key.id.as_slice()) {
            return Err(MailSealError);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| MailSealError)?;
        XChaCha20Poly1305::new((&*key.key).into())
            .decrypt(
                &nonce,
                Payload {
                    msg: ciphertext,
                    aad: &value_aad(context, initiative, header),
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| MailSealError)
    }

    /// Destroys the initiative's key: the file is overwritten, synced and removed, and the
    /// cached copy dropped. Answers whether there was a key. Its version-2 values never open
    /// again, anywhere.
    pub fn destroy(&self, initiative: InitiativeId) -> Result<bool, CryptoError> {
        let cached = self
            .keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&initiative)
            .is_some();
        let Some(path) = self.path(initiative) else {
            return Ok(cached);
        };
        match overwrite_and_remove(&path) {
            Ok(()) => Ok(true),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(cached),
            Err(error) => Err(CryptoError::io(&path, error)),
        }
    }
}

fn overwrite_and_remove(path: &Path) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(&[0u8; FILE_LEN])?;
    file.sync_all()?;
    drop(file);
    std::fs::remove_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SeededEntropy;

    const CONTEXT: &[u8] = b"openocs mail address";

    fn root() -> MailKey {
        MailKey::new(&SecretKey::from_bytes([7; 32]))
    }

    /// Two initiatives' addresses are sealed under different keys; destroying one leaves the
    /// other's readable, also for a keyring that reads the files afresh (another node).
    #[test]
    fn each_initiative_has_its_own_key_and_destruction_reaches_only_it() {
        let dir = tempfile::tempdir().unwrap();
        let entropy = SeededEntropy::new(1);
        let ring = MailKeyring::new(root(), Some(dir.path().join("mail")));
        let (one, two) = (InitiativeId::new(1), InitiativeId::new(2));
        let a = ring
            .seal(one, CONTEXT, b"anna@example.eu", &entropy)
            .unwrap();
        let b = ring
            .seal(two, CONTEXT, b"bert@example.eu", &entropy)
            .unwrap();
        assert_eq!(a.len(), INITIATIVE_MAIL_SEAL_OVERHEAD + 15);
        assert_ne!(a[1..9], b[1..9], "the key ids differ");
        // Not under the other initiative's key, nor under the mail key itself.
        assert!(ring.open(two, CONTEXT, &a).is_err());
        assert!(root().open(CONTEXT, &a).is_err());
        let fresh = MailKeyring::new(root(), Some(dir.path().join("mail")));
        assert_eq!(
            fresh.open(one, CONTEXT, &a).unwrap().as_slice(),
            b"anna@example.eu"
        );
        assert!(ring.destroy(one).unwrap());
        assert!(!dir.path().join("mail/mail-1.key").exists());
        for keyring in [
            &ring,
            &MailKeyring::new(root(), Some(dir.path().join("mail"))),
        ] {
            assert!(keyring.open(one, CONTEXT, &a).is_err());
            assert_eq!(
                keyring.open(two, CONTEXT, &b).unwrap().as_slice(),
                b"bert@example.eu"
            );
        }
        // A new key after destruction does not open the old values either.
        let c = ring
            .seal(one, CONTEXT, b"carl@example.eu", &entropy)
            .unwrap();
        assert!(ring.open(one, CONTEXT, &a).is_err());
        assert!(ring.open(one, CONTEXT, &c).is_ok());
    }

    /// Values sealed by earlier releases under the one mail key still open.
    #[test]
    fn old_format_values_still_open() {
        let entropy = SeededEntropy::new(2);
        let old = root().seal(CONTEXT, b"anna@example.eu", &entropy).unwrap();
        let ring = MailKeyring::new(root(), None);
        assert_eq!(
            ring.open(InitiativeId::new(1), CONTEXT, &old)
                .unwrap()
                .as_slice(),
            b"anna@example.eu"
        );
        assert!(ring.open(InitiativeId::new(1), b"other", &old).is_err());
    }

    /// A key file copied to another initiative's name, or changed, does not open.
    #[test]
    fn a_key_file_is_bound_to_its_initiative() {
        let dir = tempfile::tempdir().unwrap();
        let entropy = SeededEntropy::new(3);
        let ring = MailKeyring::new(root(), Some(dir.path().to_path_buf()));
        let a = ring
            .seal(InitiativeId::new(1), CONTEXT, b"x", &entropy)
            .unwrap();
        std::fs::copy(dir.path().join("mail-1.key"), dir.path().join("mail-2.key")).unwrap();
        let fresh = MailKeyring::new(root(), Some(dir.path().to_path_buf()));
        assert!(fresh.open(InitiativeId::new(2), CONTEXT, &a).is_err());
        assert!(fresh.open(InitiativeId::new(1), CONTEXT, &a).is_ok());
        let other_root = MailKeyring::new(
            MailKey::new(&SecretKey::from_bytes([8; 32])),
            Some(dir.path().to_path_buf()),
        );
        assert!(other_root.open(InitiativeId::new(1), CONTEXT, &a).is_err());
    }
}
