//! [`CosignatureStore`]: the witness cosignatures an initiative's tally log collected
//! (ADR 0007, witnesses). Each is one C2SP `cosignature/v1` signature line over one
//! checkpoint (by tree size), from one configured witness key; the service checks it before
//! it is stored, and `/log/{slug}/checkpoint` serves the latest checkpoint with the lines
//! stored for its size. Public data, like the checkpoints themselves.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;

use crate::StorageError;

/// One witness's cosignature of one checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cosignature {
    /// The size of the checkpoint cosigned.
    pub tree_size: u64,
    /// The witness's verifier key (`name+keyid+base64`), as configured.
    pub witness: String,
    /// The signature line (`— name base64\n`), as it is appended to the checkpoint.
    pub line: String,
    /// The time the witness put in its cosignature (Unix seconds).
    pub cosigned_at: u64,
    /// When the log received it.
    pub received_at: Timestamp,
}

/// Storage of the cosignatures.
#[async_trait]
pub trait CosignatureStore: Send + Sync {
    /// Stores `cosignature` of the initiative's checkpoint of its size. A witness has one
    /// cosignature per checkpoint: a later one with a later `cosigned_at` replaces it, an
    /// earlier or equal one leaves it (answers `false`).
    async fn add_cosignature(
        &self,
        initiative: InitiativeId,
        cosignature: Cosignature,
    ) -> Result<bool, StorageError>;

    /// The cosignatures of the initiative's checkpoint of `tree_size`, ordered by witness
    /// key.
    async fn cosignatures(
        &self,
        initiative: InitiativeId,
        tree_size: u64,
    ) -> Result<Vec<Cosignature>, StorageError>;
}
