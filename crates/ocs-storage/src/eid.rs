//! [`EidSubjects`]: which eID person identifiers (as keyed tags) have signed an initiative,
//! so one person cannot sign twice by eID with different supplementary data. See
//! docs/adr/0005-eid-dedup.md.

use async_trait::async_trait;
use ocs_domain::{DedupTag, InitiativeId};

use crate::StorageError;

/// The eID subjects that signed, per initiative. Each tag is stored once, durably.
#[async_trait]
pub trait EidSubjects: Send + Sync {
    /// Records `tag` for `initiative`; `false` (and nothing changed) when it was already
    /// recorded. Returns once the record is durable.
    async fn reserve_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: DedupTag,
    ) -> Result<bool, StorageError>;

    /// Removes a record whose statement was then not stored (busy, failure).
    async fn release_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: DedupTag,
    ) -> Result<(), StorageError>;
}
