//! [`PostgresStore`] as the console stores: [`AuditLog`], [`LifecycleStore`], retention and
//! initiatives.

use async_trait::async_trait;
use ocs_domain::InitiativeId;
use ocs_storage::{
    AuditEntry, AuditLog, LifecycleChange, LifecycleRecord, LifecycleStore, NewAuditEntry,
    StorageError,
};

use crate::console;

use super::PostgresStore;

#[async_trait]
impl AuditLog for PostgresStore {
    async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry, StorageError> {
        console::append(&self.pool, entry).await
    }

    async fn audit_entries(
        &self,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StorageError> {
        console::entries(&self.pool, after_sequence, limit).await
    }

    async fn recent_audit(&self, limit: u32) -> Result<Vec<AuditEntry>, StorageError> {
        console::recent(&self.pool, limit).await
    }
}

#[async_trait]
impl LifecycleStore for PostgresStore {
    async fn lifecycle(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<LifecycleRecord>, StorageError> {
        Ok(console::lifecycles(&self.pool, Some(initiative))
            .await?
            .pop())
    }

    async fn lifecycles(&self) -> Result<Vec<LifecycleRecord>, StorageError> {
        console::lifecycles(&self.pool, None).await
    }

    async fn change_lifecycle(
        &self,
        initiative: InitiativeId,
        change: LifecycleChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        console::change(&self.pool, initiative, change, audit).await
    }

    async fn certificate_pdf(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<Vec<u8>>, StorageError> {
        console::certificate_pdf(&self.pool, initiative).await
    }
}

#[async_trait]
impl ocs_storage::RetentionStore for PostgresStore {
    async fn retention(
        &self,
        initiative: InitiativeId,
    ) -> Result<ocs_storage::RetentionRecord, StorageError> {
        crate::retention::read(&self.pool, initiative).await
    }

    async fn change_retention(
        &self,
        initiative: InitiativeId,
        change: ocs_storage::RetentionChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        crate::retention::change(&self.pool, initiative, change, audit).await
    }
}

#[async_trait]
impl ocs_storage::InitiativeStore for PostgresStore {
    async fn stored_initiatives(&self) -> Result<Vec<ocs_storage::StoredInitiative>, StorageError> {
        crate::initiatives::read(&self.pool).await
    }

    async fn save_initiative(
        &self,
        initiative: ocs_storage::StoredInitiative,
        expected_revision: Option<u64>,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        crate::initiatives::save(&self.pool, &initiative, expected_revision, audit).await
    }
}
