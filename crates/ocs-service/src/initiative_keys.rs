//! Each initiative's de-duplication and eID subkeys (ADR 0011): random per initiative, kept
//! sealed in `retention.keys_dir/initiative-N.keys` (never in the database), named in the
//! store by a key id so every node uses the same one, and destroyed with the initiative's
//! data. After that, no copy of the database — a backup, a replica, a dump taken before the
//! deadline — can be searched for a person by recomputing tags: the key is gone everywhere
//! this node could reach, and the certificate names its key id.
//!
//! **Upgrade path.** Initiatives stored before migration 0013 are recorded with no key id
//! and keep the shared de-duplication secret (`secrets.dedup_key_file`): their tags were made
//! under it, and changing the key would let every earlier signer sign again. The same holds
//! for an initiative first seen here that already holds statements or eID subjects (an older
//! node created it during a rolling upgrade). Their destruction certificate says that the
//! shared secret was not destroyed. Every initiative created later gets random subkeys.
//!
//! **Several nodes.** The first node to need an initiative's keys draws them, writes the
//! sealed file and records its key id; the store keeps the first record. Another node that
//! lacks that file refuses to tag (`KEY-001`) until the file is copied to its keys folder.

use std::collections::HashMap;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ocs_crypto::{
    CryptoError, DedupKey, Entropy, InitiativeKeyId, InitiativeKeyWrap, InitiativeSubkeys, TagKey,
};
use ocs_domain::{ErrorCode, InitiativeId};
use ocs_storage::{InitiativeKeyRecord, StorageError};

use crate::storage::narrow_storage;
use parking_lot::RwLock;

use crate::backup::shred_file;
use crate::clock::Clock;

/// Why an initiative's tag key is not available; each has a stable `KEY-…` code.
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    /// The store names a key id whose file this node does not have.
    #[error(
        "initiative {initiative}: this node has no key file {path} for key id {key_id}; copy it \
         from the node that created it (same keys folder, mode 0600) and try again"
    )]
    Missing {
        /// The initiative.
        initiative: InitiativeId,
        /// The key id the store names.
        key_id: String,
        /// Where the file was looked for.
        path: PathBuf,
    },
    /// The subkeys were destroyed with the initiative's data.
    #[error("initiative {0}: its de-duplication keys were destroyed with its data")]
    Destroyed(InitiativeId),
    /// The key file does not open: another server key, another initiative's file, a
    /// changed byte, or a key id other than the store's.
    #[error("initiative {initiative}: the key file {path} does not open: {source}")]
    Unreadable {
        /// The initiative.
        initiative: InitiativeId,
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: CryptoError,
    },
    /// The keys folder could not be read or written.
    #[error("keys folder: {0}")]
    Io(#[from] std::io::Error),
    /// Randomness failed; no key was made.
    #[error("{0}")]
    Crypto(#[from] CryptoError),
    /// The store failed.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
}

impl KeyringError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Missing { .. } => ErrorCode::KeyFileMissing,
            Self::Destroyed(_) => ErrorCode::KeyDestroyed,
            Self::Unreadable { .. } => ErrorCode::KeyFileUnreadable,
            Self::Io(_) | Self::Crypto(_) | Self::Storage(_) => ErrorCode::KeyStorage,
        }
    }
}

/// What destroying an initiative's keys did, for the destruction certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DestroyedKeys {
    /// The random subkeys with this key id: this node's file was overwritten and removed
    /// (`file` false when this node had no copy) and the store records the destruction.
    Random {
        /// The key id.
        key_id: String,
        /// Whether this node held the file.
        file: bool,
    },
    /// The initiative used the shared de-duplication secret (created before per-initiative
    /// keys): nothing of it can be destroyed for this initiative alone.
    Shared,
    /// No key was ever made for the initiative (it never took a statement on this version).
    None,
}

impl std::fmt::Display for DestroyedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Random { key_id, file: true } => write!(
                f,
                "de-duplication and eID subkeys {key_id} destroyed (key file overwritten and removed)"
            ),
            Self::Random {
                key_id,
                file: false,
            } => write!(
                f,
                "de-duplication and eID subkeys {key_id} recorded destroyed (this node held no key file)"
            ),
            Self::Shared => f.write_str(
                "shared de-duplication secret NOT destroyed (initiative created before per-initiative keys)",
            ),
            Self::None => f.write_str("no de-duplication subkeys were ever made"),
        }
    }
}

narrow_storage! {
    /// What the keyring may touch in storage.
    pub struct KeyringStorage from ocs_storage::Store {
        /// The initiatives' key records and their destruction.
        keys: InitiativeKeyLog,
        /// Whether an initiative holds data already (then it keeps the shared secret).
        data: DestructionLog,
    }
}

/// The tag keys of every initiative this node serves, loaded once and kept in memory.
pub struct Keyring {
    dir: PathBuf,
    wrap: InitiativeKeyWrap,
    shared: DedupKey,
    store: KeyringStorage,
    entropy: Arc<dyn Entropy>,
    clock: Arc<dyn Clock>,
    loaded: RwLock<HashMap<InitiativeId, TagKey>>,
    /// One loading or making at a time on this node: two first statements at once must not
    /// both draw a key.
    making: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Keyring {
    /// A keyring over `dir` (created on first use), sealing files under `wrap`, with the
    /// `shared` secret for initiatives created before per-initiative keys.
    pub fn new(
        dir: impl Into<PathBuf>,
        wrap: InitiativeKeyWrap,
        shared: DedupKey,
        store: impl Into<KeyringStorage>,
        entropy: Arc<dyn Entropy>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            dir: dir.into(),
            wrap,
            shared,
            store: store.into(),
            entropy,
            clock,
            loaded: RwLock::default(),
            making: tokio::sync::Mutex::new(()),
        }
    }

    /// Where the key file of `initiative` lives.
    pub fn path(&self, initiative: InitiativeId) -> PathBuf {
        self.dir
            .join(format!("initiative-{}.keys", initiative.get()))
    }

    /// The tag key of `initiative`: loaded once, made on first use for a new initiative.
    pub async fn tag_key(&self, initiative: InitiativeId) -> Result<TagKey, KeyringError> {
        if let Some(key) = self.loaded.read().get(&initiative) {
            return Ok(key.clone());
        }
        let _making = self.making.lock().await;
        if let Some(key) = self.loaded.read().get(&initiative) {
            return Ok(key.clone());
        }
        let record = match self.store.keys.initiative_key(initiative).await? {
            Some(record) => record,
            None => self.make(initiative).await?,
        };
        let key = self.load(&record)?;
        self.loaded.write().insert(initiative, key.clone());
        Ok(key)
    }

    /// Makes the key record of an initiative that has none: the shared secret when it holds
    /// data already (tags made before), else random subkeys in a new file.
    async fn make(&self, initiative: InitiativeId) -> Result<InitiativeKeyRecord, KeyringError> {
        let now = self.clock.now();
        if self.store.data.holds_initiative_data(initiative).await? {
            tracing::warn!(%initiative, "initiative holds tags made under the shared de-duplication secret: it keeps that secret");
            return Ok(self
                .store
                .keys
                .register_initiative_key(InitiativeKeyRecord {
                    initiative,
                    key_id: None,
                    created_at: now,
                    destroyed_at: None,
                })
                .await?);
        }
        let path = self.path(initiative);
        // A file without a record: a crash between writing it and recording it. Keep it.
        let key_id = match std::fs::read(&path) {
            Ok(bytes) => self
                .wrap
                .open(initiative, &bytes)
                .map_err(|source| KeyringError::Unreadable {
                    initiative,
                    path: path.clone(),
                    source,
                })?
                .key_id(),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let keys = InitiativeSubkeys::generate(self.entropy.as_ref())?;
                let sealed = self.wrap.seal(initiative, &keys, self.entropy.as_ref())?;
                std::fs::create_dir_all(&self.dir)?;
                write_new(&path, &sealed)?;
                keys.key_id()
            }
            Err(error) => return Err(error.into()),
        };
        let stored = self
            .store
            .keys
            .register_initiative_key(InitiativeKeyRecord {
                initiative,
                key_id: Some(key_id.to_string()),
                created_at: now,
                destroyed_at: None,
            })
            .await?;
        if stored.key_id.as_deref() == Some(key_id.to_string().as_str()) {
            tracing::info!(%initiative, %key_id, "random de-duplication subkeys made");
        } else {
            // Another node was first: its key stands, ours must not be used or kept.
            shred_file(&path).map_err(|error| std::io::Error::other(error.to_string()))?;
        }
        Ok(stored)
    }

    fn load(&self, record: &InitiativeKeyRecord) -> Result<TagKey, KeyringError> {
        let initiative = record.initiative;
        if record.destroyed_at.is_some() {
            return Err(KeyringError::Destroyed(initiative));
        }
        let Some(key_id) = &record.key_id else {
            return Ok(TagKey::Shared(self.shared.clone(), initiative));
        };
        let path = self.path(initiative);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(KeyringError::Missing {
                    initiative,
                    key_id: key_id.clone(),
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
        if InitiativeKeyId::parse(key_id) != Some(keys.key_id()) {
            return Err(unreadable(CryptoError::InvalidKey(format!(
                "the file holds key id {}, the store names {key_id}",
                keys.key_id()
            ))));
        }
        Ok(TagKey::Random(Arc::new(keys)))
    }

    /// Destroys the subkeys of `initiative`: overwrites and removes this node's key file,
    /// forgets the loaded key, and records the destruction in the store (every other node
    /// then refuses to tag with it, and shreds its own copy at its next use of
    /// [`Self::shred_destroyed`]). A legacy initiative's shared secret cannot be destroyed,
    /// but it is recorded as destroyed for that initiative too: no node tags for it again.
    pub async fn destroy(&self, initiative: InitiativeId) -> Result<DestroyedKeys, KeyringError> {
        self.loaded.write().remove(&initiative);
        let file =
            shred_file(&self.path(initiative)).map_err(|e| std::io::Error::other(e.to_string()))?;
        let now = self.clock.now();
        let (record, made) = match self.store.keys.initiative_key(initiative).await? {
            Some(record) => (record, true),
            // Never made: recorded now, destroyed, so that no key is made for the initiative
            // after its destruction (a restart would otherwise draw one, and the next run
            // destroy it again).
            None => (
                self.store
                    .keys
                    .register_initiative_key(InitiativeKeyRecord {
                        initiative,
                        key_id: None,
                        created_at: now,
                        destroyed_at: None,
                    })
                    .await?,
                false,
            ),
        };
        // Recorded for every initiative: no node tags for a destroyed one again.
        self.store
            .keys
            .initiative_key_destroyed(initiative, now)
            .await?;
        Ok(match record.key_id {
            Some(key_id) => DestroyedKeys::Random { key_id, file },
            None if made => DestroyedKeys::Shared,
            None => DestroyedKeys::None,
        })
    }

    /// Overwrites and removes every key file of this node whose initiative's keys the store
    /// records as destroyed (a destruction run on another node); returns those initiatives.
    pub async fn shred_destroyed(&self) -> Result<Vec<InitiativeId>, KeyringError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error.into()),
        };
        let mut shredded = Vec::new();
        for entry in entries {
            let name = entry?.file_name();
            let Some(number) = name
                .to_str()
                .and_then(|n| n.strip_prefix("initiative-"))
                .and_then(|n| n.strip_suffix(".keys"))
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let initiative = InitiativeId::new(number);
            let destroyed = self
                .store
                .keys
                .initiative_key(initiative)
                .await?
                .is_some_and(|record| record.destroyed_at.is_some());
            if destroyed {
                self.loaded.write().remove(&initiative);
                shred_file(&self.path(initiative))
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                tracing::info!(%initiative, "key file of a destroyed initiative removed from this node");
                shredded.push(initiative);
            }
        }
        Ok(shredded)
    }
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

#[cfg(test)]
mod tests;
