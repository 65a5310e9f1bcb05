//! [`PostgresStore`] as [`Coordination`] and [`ocs_storage::EidSubjects`]: claims, leases and eID
//! subject reservations shared by every node.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::{ClaimKey, Coordination, StorageError};

use crate::coordination;

use super::PostgresStore;

#[async_trait]
impl ocs_storage::EidSubjects for PostgresStore {
    async fn reserve_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: ocs_domain::DedupTag,
    ) -> Result<bool, StorageError> {
        coordination::reserve_eid_subject(&self.pool, initiative, tag).await
    }

    async fn release_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: ocs_domain::DedupTag,
    ) -> Result<(), StorageError> {
        coordination::release_eid_subject(&self.pool, initiative, tag).await
    }
}

#[async_trait]
impl Coordination for PostgresStore {
    async fn claim_once(
        &self,
        key: ClaimKey,
        expires_at: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        coordination::claim_once(&self.pool, key, expires_at, now).await
    }

    async fn try_lease(
        &self,
        job: &str,
        holder: &str,
        until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        coordination::try_lease(&self.pool, job, holder, until, now).await
    }

    async fn prune_claims(&self, now: Timestamp) -> Result<u64, StorageError> {
        coordination::prune_claims(&self.pool, now).await
    }

    async fn release_claim(&self, key: ClaimKey) -> Result<(), StorageError> {
        coordination::release_claim(&self.pool, key).await
    }
}
