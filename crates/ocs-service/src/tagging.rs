//! Where tags are made (ADR 0011 part 6): the one interface, [`TagKeys`], between the
//! [`Keyring`](crate::initiative_keys::Keyring) — which keeps the key records in the store —
//! and whoever holds the key files. Two implementations: [`files::KeyFiles`] in the same
//! process (the default of `ocs demo` and of a single-node site), and
//! [`socket::TagdClient`], which asks `ocs tagd`, a separate process under its own user and
//! the only one able to open `keys_dir/initiative-N.keys`, over a Unix socket. Both meter the
//! tags per initiative ([`meter::RateMeter`]): above the expected signing rate they log an
//! alarm (`KEY-020`), beyond the configured cap they answer busy (`KEY-021`), so a dictionary
//! run through them takes the signing rate's time, not the CPU's.

pub mod files;
pub mod meter;
pub mod socket;

use std::path::PathBuf;
use std::sync::atomic::AtomicU64;

use ocs_crypto::InitiativeKeyId;
use ocs_domain::{DedupTag, InitiativeId};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize as _;

use crate::initiative_keys::KeyringError;

/// One identity to tag: a statement's normalised identity or an eID person identifier (each
/// under its own subkey). The text is wiped when the value is dropped.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "identity", rename_all = "lowercase")]
pub enum TagSubject {
    /// `NewStatement::identity_key()`.
    Statement(String),
    /// `EidIdentity::identity_key()`.
    Eid(String),
}

impl std::fmt::Debug for TagSubject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Statement(_) => "Statement(..)",
            Self::Eid(_) => "Eid(..)",
        })
    }
}

impl Drop for TagSubject {
    fn drop(&mut self) {
        match self {
            Self::Statement(text) | Self::Eid(text) => text.zeroize(),
        }
    }
}

/// Which key an initiative's tags are made under, as the store names it: its random
/// subkeys' key id, or `None` for an initiative that keeps the shared secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyRef {
    /// The initiative.
    pub initiative: InitiativeId,
    /// The key id the store records (`None`: the shared secret, legacy initiatives).
    pub key_id: Option<InitiativeKeyId>,
}

/// Tags in the order of the subjects asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// One tag per subject.
    pub tags: Vec<DedupTag>,
    /// The initiative's tag rate is above the expected signing rate (the holder logged the
    /// alarm, `KEY-020`); the caller counts it for `/metrics`.
    pub alarm: bool,
}

/// Whoever holds the key files: this process ([`files::KeyFiles`]) or `ocs tagd`
/// ([`socket::TagdClient`]). Records are the [`Keyring`](crate::initiative_keys::Keyring)'s
/// business; the holder never sees the database.
#[async_trait::async_trait]
pub trait TagKeys: Send + Sync + std::fmt::Debug {
    /// The tags of `subjects` under `key`, metered: [`KeyringError::Busy`] beyond the cap.
    async fn tags(&self, key: KeyRef, subjects: &[TagSubject]) -> Result<Tagged, KeyringError>;
    /// Whether the key can be used here (its file is present, opens and holds that key id).
    async fn check(&self, key: KeyRef) -> Result<(), KeyringError>;
    /// Random subkeys for `initiative` in a new file (or the file a crash left before its
    /// record was written); returns their key id.
    async fn make(&self, initiative: InitiativeId) -> Result<InitiativeKeyId, KeyringError>;
    /// Removes the file of `initiative` if it holds `key_id` (a draw another node beat).
    async fn discard(
        &self,
        initiative: InitiativeId,
        key_id: InitiativeKeyId,
    ) -> Result<(), KeyringError>;
    /// Overwrites and removes the file of `initiative`; `false` when there was none.
    async fn shred(&self, initiative: InitiativeId) -> Result<bool, KeyringError>;
    /// The initiatives whose key files this holder has.
    async fn held(&self) -> Result<Vec<InitiativeId>, KeyringError>;
    /// Where the file of `initiative` lives, when this process can see it (not through tagd).
    fn path(&self, _initiative: InitiativeId) -> Option<PathBuf> {
        None
    }
}

/// Tag counters for `/metrics` (no labels: initiative numbers are in the holder's log).
#[derive(Debug, Default)]
pub struct TagMetrics {
    /// Tags made.
    pub tags: AtomicU64,
    /// Requests answered while their initiative's rate was above the expected rate.
    pub alarmed: AtomicU64,
    /// Requests refused because their initiative's rate was beyond the cap.
    pub busy: AtomicU64,
}
