//! [`InitiativeStore`]: the initiatives set up in the console (their definition as one
//! document the service owns), each change stored with its audit row in one transaction.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::{InitiativeId, Slug};

use crate::StorageError;
use crate::audit::{AuditEntry, NewAuditEntry};

/// One stored initiative definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInitiative {
    /// Its number (unique across the deployment).
    pub id: InitiativeId,
    /// Its URL name (unique).
    pub slug: Slug,
    /// The Commission registration number (unique).
    pub registration_number: String,
    /// The definition (register data, texts, keys, storage country) as the service's JSON
    /// document; the store does not read it.
    pub definition: String,
    /// Bumped by every change; a change names the revision it was made against.
    pub revision: u64,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// Initiatives created in the console or by `ocs initiative create`.
#[async_trait]
pub trait InitiativeStore: Send + Sync {
    /// Every stored initiative, by number.
    async fn stored_initiatives(&self) -> Result<Vec<StoredInitiative>, StorageError>;

    /// Stores `initiative` and appends `audit` in one transaction. With `expected_revision`
    /// `None` it inserts ([`StorageError::Conflict`] when the number, slug or registration
    /// number is taken); with `Some(revision)` it replaces the stored one
    /// ([`StorageError::NotFound`] when absent, [`StorageError::Conflict`] when the stored
    /// revision is another). The stored revision becomes `initiative.revision`.
    async fn save_initiative(
        &self,
        initiative: StoredInitiative,
        expected_revision: Option<u64>,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError>;
}
