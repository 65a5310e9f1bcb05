//! [`Coordination`]: what app nodes sharing one database must agree on: single-use claims
//! (anti-bot proofs, form tokens) and leases that let a scheduled job run on one node at a time.

use async_trait::async_trait;
use jiff::Timestamp;

use crate::{ClaimKey, StorageError};

/// Agreement between the app nodes of one deployment.
///
/// A backend that serves one node only (SQLite) keeps this in memory; a shared backend
/// (PostgreSQL) keeps it in the database, so a proof used on one node is refused on all.
#[async_trait]
pub trait Coordination: Send + Sync {
    /// Claims the single-use `key`, valid until `expires_at`. Returns `true` for the first
    /// claim across all nodes, `false` while an earlier claim of the same key has not expired.
    /// After `expires_at` the key may be claimed again (the proof it stands for has expired
    /// by then and is refused on its own).
    async fn claim_once(
        &self,
        key: ClaimKey,
        expires_at: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError>;

    /// Gives back a claim this node made, so the key may be claimed again at once: used when
    /// the work the claim guarded was refused before anything was stored (the node was busy),
    /// so the signer may send the same proof again.
    async fn release_claim(&self, key: ClaimKey) -> Result<(), StorageError>;

    /// Takes or renews the lease named `job` for `holder` until `until`. Returns `true` when
    /// `holder` holds the lease afterwards: it was free, expired at `now`, or already held by
    /// `holder` (then it is extended). Returns `false` while another holder's lease runs.
    async fn try_lease(
        &self,
        job: &str,
        holder: &str,
        until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError>;

    /// Forgets claims that expired before `now`; returns how many were dropped.
    async fn prune_claims(&self, now: Timestamp) -> Result<u64, StorageError>;
}

/// Everything the service needs of a backend.
pub trait Store:
    crate::StatementStore
    + Coordination
    + crate::AuditLog
    + crate::LifecycleStore
    + crate::AccountStore
    + crate::SessionStore
    + crate::EidSubjects
    + crate::InitiativeStore
    + crate::LogStore
    + crate::RetentionStore
    + crate::DestructionLog
    + crate::InitiativeKeyLog
    + crate::CosignatureStore
{
}

impl<T> Store for T where
    T: crate::StatementStore
        + Coordination
        + crate::AuditLog
        + crate::LifecycleStore
        + crate::AccountStore
        + crate::SessionStore
        + crate::EidSubjects
        + crate::InitiativeStore
        + crate::LogStore
        + crate::RetentionStore
        + crate::DestructionLog
        + crate::InitiativeKeyLog
        + crate::CosignatureStore
{
}
