//! [`SqliteStore`] as the console stores: [`AuditLog`], [`LifecycleStore`], retention and
//! initiatives.

use async_trait::async_trait;
use ocs_domain::InitiativeId;
use ocs_storage::{
    AuditEntry, AuditLog, LifecycleChange, LifecycleRecord, LifecycleStore, NewAuditEntry,
    StorageError,
};

use crate::console;

use super::SqliteStore;

#[async_trait]
impl AuditLog for SqliteStore {
    async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry, StorageError> {
        self.write_console(move |connection| console::append(connection, entry))
            .await
    }

    async fn audit_entries(
        &self,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StorageError> {
        self.read(move |connection| console::entries(connection, after_sequence, limit))
            .await
    }

    async fn recent_audit(&self, limit: u32) -> Result<Vec<AuditEntry>, StorageError> {
        self.read(move |connection| console::recent(connection, limit))
            .await
    }
}

#[async_trait]
impl LifecycleStore for SqliteStore {
    async fn lifecycle(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<LifecycleRecord>, StorageError> {
        let mut all = self
            .read(move |connection| console::lifecycles(connection, Some(initiative)))
            .await?;
        Ok(all.pop())
    }

    async fn lifecycles(&self) -> Result<Vec<LifecycleRecord>, StorageError> {
        self.read(|connection| console::lifecycles(connection, None))
            .await
    }

    async fn change_lifecycle(
        &self,
        initiative: InitiativeId,
        change: LifecycleChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        let (row, erased) = self
            .write_console(move |connection| console::change(connection, initiative, change, audit))
            .await?;
        self.counters.remove_many(initiative, &erased);
        Ok(row)
    }

    async fn certificate_pdf(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<Vec<u8>>, StorageError> {
        self.read(move |connection| console::certificate_pdf(connection, initiative))
            .await
    }
}

#[async_trait]
impl ocs_storage::RetentionStore for SqliteStore {
    async fn retention(
        &self,
        initiative: InitiativeId,
    ) -> Result<ocs_storage::RetentionRecord, StorageError> {
        self.read(move |connection| crate::retention::read(connection, initiative))
            .await
    }

    async fn change_retention(
        &self,
        initiative: InitiativeId,
        change: ocs_storage::RetentionChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        self.write_console(move |connection| {
            crate::retention::change(connection, initiative, change, audit)
        })
        .await
    }
}

#[async_trait]
impl ocs_storage::InitiativeStore for SqliteStore {
    async fn stored_initiatives(&self) -> Result<Vec<ocs_storage::StoredInitiative>, StorageError> {
        self.read(crate::initiatives::read).await
    }

    async fn save_initiative(
        &self,
        initiative: ocs_storage::StoredInitiative,
        expected_revision: Option<u64>,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        self.write_console(move |connection| {
            crate::initiatives::save(connection, &initiative, expected_revision, audit)
        })
        .await
    }
}
