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
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use jiff::SignedDuration;
use ocs_crypto::{CryptoError, DedupKey, Entropy, InitiativeKeyId, InitiativeKeyWrap};
use ocs_domain::{DedupTag, ErrorCode, InitiativeId};
use ocs_storage::{InitiativeKeyRecord, StorageError};

use crate::storage::narrow_storage;
use parking_lot::RwLock;

use crate::clock::Clock;
use crate::tagging::files::KeyFiles;
use crate::tagging::{KeyRef, TagKeys, TagMetrics, TagSubject};

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
    /// The initiative's tags are beyond its rate cap (ADR 0011 part 6): nothing was tagged.
    #[error("initiative {initiative}: tag rate at its cap; try again in {retry_after:#}")]
    Busy {
        /// The initiative.
        initiative: InitiativeId,
        /// When the cap's minute ends.
        retry_after: SignedDuration,
    },
    /// `ocs tagd` could not be reached or answered what was not understood.
    #[error("tag process: {0}")]
    Tagd(String),
    /// `ocs tagd` refused with this code (its own error, carried over the socket).
    #[error("tag process refused: {message}")]
    Refused {
        /// The tag process's code.
        code: ErrorCode,
        /// Its message.
        message: String,
    },
}

impl KeyringError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Missing { .. } => ErrorCode::KeyFileMissing,
            Self::Destroyed(_) => ErrorCode::KeyDestroyed,
            Self::Unreadable { .. } => ErrorCode::KeyFileUnreadable,
            Self::Io(_) | Self::Crypto(_) | Self::Storage(_) => ErrorCode::KeyStorage,
            Self::Busy { .. } => ErrorCode::TagBusy,
            Self::Tagd(_) => ErrorCode::TagdUnavailable,
            Self::Refused { code, .. } => *code,
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

/// The tag keys of every initiative this node serves: the records in the store (which key
/// id an initiative uses, whether it was destroyed) here, the key files with their holder
/// ([`TagKeys`]: this process, or `ocs tagd` over its socket).
pub struct Keyring {
    keys: Arc<dyn TagKeys>,
    store: KeyringStorage,
    clock: Arc<dyn Clock>,
    known: RwLock<HashMap<InitiativeId, KeyRef>>,
    /// One loading or making at a time on this node: two first statements at once must not
    /// both draw a key.
    making: tokio::sync::Mutex<()>,
    metrics: TagMetrics,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

impl Keyring {
    /// A keyring holding the files of `dir` in this process (created on first use), sealing
    /// them under `wrap`, with the `shared` secret for initiatives created before
    /// per-initiative keys, metered with the default limits.
    pub fn new(
        dir: impl Into<PathBuf>,
        wrap: InitiativeKeyWrap,
        shared: DedupKey,
        store: impl Into<KeyringStorage>,
        entropy: Arc<dyn Entropy>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let files = KeyFiles::new(dir, wrap, Some(shared), entropy, clock.clone());
        Self::with_keys(Arc::new(files), store, clock)
    }

    /// A keyring whose key files `keys` holds (in this process or in `ocs tagd`).
    pub fn with_keys(
        keys: Arc<dyn TagKeys>,
        store: impl Into<KeyringStorage>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            keys,
            store: store.into(),
            clock,
            known: RwLock::default(),
            making: tokio::sync::Mutex::new(()),
            metrics: TagMetrics::default(),
        }
    }

    /// Where the key file of `initiative` lives, when this process holds the files.
    pub fn path(&self, initiative: InitiativeId) -> Option<PathBuf> {
        self.keys.path(initiative)
    }

    /// Whether the key holder has a file for `initiative`.
    pub async fn holds_file(&self, initiative: InitiativeId) -> Result<bool, KeyringError> {
        match self.keys.path(initiative) {
            Some(path) => Ok(path.exists()),
            None => Ok(self.keys.held().await?.contains(&initiative)),
        }
    }

    /// The tag counters for `/metrics`.
    pub fn metrics(&self) -> &TagMetrics {
        &self.metrics
    }

    /// The tags of `subjects` for `initiative`, in their order: the key is made on first
    /// use for a new initiative. Beyond the initiative's rate cap: [`KeyringError::Busy`].
    pub async fn tags(
        &self,
        initiative: InitiativeId,
        subjects: &[TagSubject],
    ) -> Result<Vec<DedupTag>, KeyringError> {
        let key = self.key_ref(initiative).await?;
        match self.keys.tags(key, subjects).await {
            Ok(tagged) => {
                self.metrics.tags.fetch_add(
                    u64::try_from(tagged.tags.len()).unwrap_or(0),
                    Ordering::Relaxed,
                );
                if tagged.alarm {
                    self.metrics.alarmed.fetch_add(1, Ordering::Relaxed);
                }
                Ok(tagged.tags)
            }
            Err(error) => {
                if matches!(error, KeyringError::Busy { .. }) {
                    self.metrics.busy.fetch_add(1, Ordering::Relaxed);
                }
                Err(error)
            }
        }
    }

    /// The tag of one statement identity.
    pub async fn statement_tag(
        &self,
        initiative: InitiativeId,
        identity: &str,
    ) -> Result<DedupTag, KeyringError> {
        self.one(initiative, TagSubject::Statement(identity.to_owned()))
            .await
    }

    /// The tag of one eID person identifier.
    pub async fn eid_tag(
        &self,
        initiative: InitiativeId,
        identity: &str,
    ) -> Result<DedupTag, KeyringError> {
        self.one(initiative, TagSubject::Eid(identity.to_owned()))
            .await
    }

    async fn one(
        &self,
        initiative: InitiativeId,
        subject: TagSubject,
    ) -> Result<DedupTag, KeyringError> {
        let tags = self
            .tags(initiative, std::slice::from_ref(&subject))
            .await?;
        tags.into_iter()
            .next()
            .ok_or_else(|| KeyringError::Tagd("no tag in the answer".to_owned()))
    }

    /// Makes or checks the key of `initiative` without tagging (at start, so that a node
    /// lacking a key file says so before statements arrive).
    pub async fn prepare(&self, initiative: InitiativeId) -> Result<(), KeyringError> {
        self.key_ref(initiative).await.map(|_| ())
    }

    /// The key `initiative`'s tags are made under: checked with the holder once, made on
    /// first use for a new initiative.
    async fn key_ref(&self, initiative: InitiativeId) -> Result<KeyRef, KeyringError> {
        if let Some(key) = self.known.read().get(&initiative) {
            return Ok(*key);
        }
        let _making = self.making.lock().await;
        if let Some(key) = self.known.read().get(&initiative) {
            return Ok(*key);
        }
        let record = match self.store.keys.initiative_key(initiative).await? {
            Some(record) => record,
            None => self.make(initiative).await?,
        };
        if record.destroyed_at.is_some() {
            return Err(KeyringError::Destroyed(initiative));
        }
        let key_id = match &record.key_id {
            None => None,
            Some(text) => Some(InitiativeKeyId::parse(text).ok_or_else(|| {
                KeyringError::Crypto(CryptoError::InvalidKey(format!(
                    "the store names an unreadable key id {text}"
                )))
            })?),
        };
        let key = KeyRef { initiative, key_id };
        self.keys.check(key).await?;
        self.known.write().insert(initiative, key);
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
        let key_id = self.keys.make(initiative).await?;
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
            self.keys.discard(initiative, key_id).await?;
        }
        Ok(stored)
    }

    /// Destroys the subkeys of `initiative`: overwrites and removes this node's key file,
    /// forgets the loaded key, and records the destruction in the store (every other node
    /// then refuses to tag with it, and shreds its own copy at its next use of
    /// [`Self::shred_destroyed`]). A legacy initiative's shared secret cannot be destroyed,
    /// but it is recorded as destroyed for that initiative too: no node tags for it again.
    pub async fn destroy(&self, initiative: InitiativeId) -> Result<DestroyedKeys, KeyringError> {
        self.known.write().remove(&initiative);
        let file = self.keys.shred(initiative).await?;
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
        let mut shredded = Vec::new();
        for initiative in self.keys.held().await? {
            let destroyed = self
                .store
                .keys
                .initiative_key(initiative)
                .await?
                .is_some_and(|record| record.destroyed_at.is_some());
            if destroyed {
                self.known.write().remove(&initiative);
                self.keys.shred(initiative).await?;
                tracing::info!(%initiative, "key file of a destroyed initiative removed from this node");
                shredded.push(initiative);
            }
        }
        Ok(shredded)
    }
}

#[cfg(test)]
mod tests;
