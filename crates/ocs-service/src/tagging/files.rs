//! The key files of `retention.keys_dir`, held in this process: the in-process [`TagKeys`]
//! (`ocs demo`, a single-node site) and what `ocs tagd` serves over its socket. Files are
//! sealed with XChaCha20-Poly1305 under the server key's `InitiativeKeyWrap` (format
//! `OCS-IKEY-1`, ADR 0011 part 3); opened keys stay in memory, and every batch of tags goes
//! through the rate meter first.

use std::collections::HashMap;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ocs_crypto::{
    CryptoError, DedupKey, Entropy, InitiativeKeyId, InitiativeKeyWrap, InitiativeSubkeys, TagKey,
};
use ocs_domain::InitiativeId;
use parking_lot::{Mutex, RwLock};

use super::meter::{RateMeter, TagLimits, Verdict};
use super::{KeyRef, TagKeys, TagSubject, Tagged};
use crate::backup::shred_file;
use crate::clock::Clock;
use crate::initiative_keys::KeyringError;

/// The key files of one keys folder, opened on first use and metered.
pub struct KeyFiles {
    dir: PathBuf,
    wrap: InitiativeKeyWrap,
    /// The shared secret of initiatives created before per-initiative keys (`None` when the
    /// deployment has none to offer: such initiatives are then refused).
    shared: Option<DedupKey>,
    entropy: Arc<dyn Entropy>,
    clock: Arc<dyn Clock>,
    loaded: RwLock<HashMap<KeyRef, TagKey>>,
    meter: Mutex<RateMeter>,
}

impl std::fmt::Debug for KeyFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyFiles")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl KeyFiles {
    /// The files of `dir` (created on first use), sealed under `wrap`, with the `shared`
    /// secret for legacy initiatives, metered with the default [`TagLimits`].
    pub fn new(
        dir: impl Into<PathBuf>,
        wrap: InitiativeKeyWrap,
        shared: Option<DedupKey>,
        entropy: Arc<dyn Entropy>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            dir: dir.into(),
            wrap,
            shared,
            entropy,
            clock,
            loaded: RwLock::default(),
            meter: Mutex::new(RateMeter::new(TagLimits::default())),
        }
    }

    /// The same, metered with `limits`.
    #[must_use]
    pub fn with_limits(self, limits: TagLimits) -> Self {
        Self {
            meter: Mutex::new(RateMeter::new(limits)),
            ..self
        }
    }

    /// The file of `initiative`.
    pub fn file(&self, initiative: InitiativeId) -> PathBuf {
        self.dir
            .join(format!("initiative-{}.keys", initiative.get()))
    }

    /// The tag key named by `key`, opened once.
    fn key(&self, key: KeyRef) -> Result<TagKey, KeyringError> {
        if let Some(loaded) = self.loaded.read().get(&key) {
            return Ok(loaded.clone());
        }
        let initiative = key.initiative;
        let opened = match key.key_id {
            None => match &self.shared {
                Some(shared) => TagKey::Shared(shared.clone(), initiative),
                None => {
                    return Err(KeyringError::Io(std::io::Error::other(
                        "the initiative keeps the shared de-duplication secret, and this key \
                         holder has none (secrets.dedup_key_file)",
                    )));
                }
            },
            Some(key_id) => {
                let path = self.file(initiative);
                let bytes = match std::fs::read(&path) {
                    Ok(bytes) => bytes,
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                        return Err(KeyringError::Missing {
                            initiative,
                            key_id: key_id.to_string(),
                            path,
                        });
                    }
                    Err(error) => return Err(error.into()),
                };
                let unreadable = |source| KeyringError::Unreadable {
                    initiative,
                    path: path.clone(),
                    source,
                };
                let keys = self.wrap.open(initiative, &bytes).map_err(unreadable)?;
                if keys.key_id() != key_id {
                    return Err(unreadable(CryptoError::InvalidKey(format!(
                        "the file holds key id {}, the store names {key_id}",
                        keys.key_id()
                    ))));
                }
                TagKey::Random(Arc::new(keys))
            }
        };
        self.loaded.write().insert(key, opened.clone());
        Ok(opened)
    }

    fn forget(&self, initiative: InitiativeId) {
        self.loaded
            .write()
            .retain(|key, _| key.initiative != initiative);
    }
}

#[async_trait::async_trait]
impl TagKeys for KeyFiles {
    async fn tags(&self, key: KeyRef, subjects: &[TagSubject]) -> Result<Tagged, KeyringError> {
        let tag_key = self.key(key)?;
        let count = u64::try_from(subjects.len()).unwrap_or(u64::MAX);
        let verdict = self
            .meter
            .lock()
            .admit(key.initiative, count, self.clock.now());
        let alarm = match verdict {
            Verdict::Admit { alarm } => alarm,
            Verdict::Busy { retry_after } => {
                return Err(KeyringError::Busy {
                    initiative: key.initiative,
                    retry_after,
                });
            }
        };
        let tags = subjects
            .iter()
            .map(|subject| match subject {
                TagSubject::Statement(identity) => tag_key.statement_tag(identity),
                TagSubject::Eid(identity) => tag_key.eid_tag(identity),
            })
            .collect();
        Ok(Tagged { tags, alarm })
    }

    async fn check(&self, key: KeyRef) -> Result<(), KeyringError> {
        self.key(key).map(|_| ())
    }

    async fn make(&self, initiative: InitiativeId) -> Result<InitiativeKeyId, KeyringError> {
        let path = self.file(initiative);
        // A file without a record: a crash between writing it and recording it. Keep it.
        match std::fs::read(&path) {
            Ok(bytes) => Ok(self
                .wrap
                .open(initiative, &bytes)
                .map_err(|source| KeyringError::Unreadable {
                    initiative,
                    path: path.clone(),
                    source,
                })?
                .key_id()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let keys = InitiativeSubkeys::generate(self.entropy.as_ref())?;
                let sealed = self.wrap.seal(initiative, &keys, self.entropy.as_ref())?;
                std::fs::create_dir_all(&self.dir)?;
                write_new(&path, &sealed)?;
                Ok(keys.key_id())
            }
            Err(error) => Err(error.into()),
        }
    }

    async fn discard(
        &self,
        initiative: InitiativeId,
        key_id: InitiativeKeyId,
    ) -> Result<(), KeyringError> {
        let path = self.file(initiative);
        let holds = std::fs::read(&path)
            .ok()
            .and_then(|bytes| self.wrap.open(initiative, &bytes).ok())
            .is_some_and(|keys| keys.key_id() == key_id);
        if holds {
            self.forget(initiative);
            shred(&path)?;
        }
        Ok(())
    }

    async fn shred(&self, initiative: InitiativeId) -> Result<bool, KeyringError> {
        self.forget(initiative);
        shred(&self.file(initiative))
    }

    async fn held(&self) -> Result<Vec<InitiativeId>, KeyringError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error.into()),
        };
        let mut held = Vec::new();
        for entry in entries {
            let name = entry?.file_name();
            if let Some(number) = name
                .to_str()
                .and_then(|n| n.strip_prefix("initiative-"))
                .and_then(|n| n.strip_suffix(".keys"))
                .and_then(|n| n.parse::<u32>().ok())
            {
                held.push(InitiativeId::new(number));
            }
        }
        held.sort_unstable();
        Ok(held)
    }

    fn path(&self, initiative: InitiativeId) -> Option<PathBuf> {
        Some(self.file(initiative))
    }
}

fn shred(path: &Path) -> Result<bool, KeyringError> {
    shred_file(path).map_err(|error| KeyringError::Io(std::io::Error::other(error.to_string())))
}

/// Creates `path` (it must not exist) with mode 0600, writes `bytes` and syncs.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
