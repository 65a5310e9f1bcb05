//! [`DestructionLog`]: destruction at the retention deadline as a recorded state. A row says
//! "destruction of this initiative is under way" from before the first delete until the
//! destruction certificate is written, so a run that stops half-way (a failed compaction, a
//! crash) is finished by the next run instead of being inferred away from what is left.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;

use crate::{Destroyed, StorageError};

/// Every table that holds data of one initiative's signers. Destruction deletes the
/// initiative's rows from each in one transaction and then compacts each (SQLite rewrites
/// the whole file). A test in each backend fails when a table with an `initiative_id` column
/// is in neither this list nor [`KEPT_TABLES`].
pub const PER_INITIATIVE_TABLES: &[&str] = &[
    "statements",
    "receipt_aliases",
    "statement_counts",
    "eid_subjects",
    "log_entries",
    "log_tiles",
    "log_checkpoints",
    "log_cosignatures",
    "mail_subscribers",
    "mail_outbox",
];

/// The tables of [`PER_INITIATIVE_TABLES`] whose rows are each about one signer: a row here
/// means there is something to destroy. The others hold aggregates (counts) or the tally log's
/// tiles and checkpoints, which start afresh, empty, when the public figures of a destroyed
/// initiative are read again; they are emptied whenever a destruction runs, but do not start
/// one by themselves (a new, empty log would otherwise be "destroyed" at every run).
pub const SIGNER_TABLES: &[&str] = &[
    "statements",
    "receipt_aliases",
    "eid_subjects",
    "log_entries",
    "mail_subscribers",
    "mail_outbox",
];

/// Tables with an `initiative_id` column that outlive destruction, and why: the audit trail
/// (it holds the certificate, and no field value of a signer), the initiative's public
/// description and lifecycle, the console accounts scoped to it, the destruction records, the
/// retention events (Commission submission, legal holds) and the authorities' Annex VI figures.
pub const KEPT_TABLES: &[&str] = &[
    "audit_log",
    "initiatives",
    "initiative_lifecycle",
    "console_users",
    "destructions",
    // Which key id each initiative's tags were made under and when the key file was
    // destroyed: the certificate's evidence, no key material and no signer's data.
    "initiative_keys",
    // The Commission submission date and legal holds: they decide when destruction is due
    // and prove it came on time; no signer's data.
    "retention_events",
    // The authorities' Annex VI figures per state: public counts, no signer's data.
    "verification_certificates",
];

/// A destruction that has begun and has no certificate yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingDestruction {
    /// The initiative.
    pub initiative: InitiativeId,
    /// When the destruction began.
    pub started_at: Timestamp,
    /// What the deletes of this destruction removed so far (summed over retries).
    pub destroyed: Destroyed,
}

/// The record of destructions under way.
#[async_trait]
pub trait DestructionLog: Send + Sync {
    /// Records that destruction of `initiative` begins at `now`, durably, before anything is
    /// deleted. A destruction already pending is returned unchanged (a retry keeps its start
    /// and its counts); a finished one starts afresh with zero counts.
    async fn begin_destruction(
        &self,
        initiative: InitiativeId,
        now: Timestamp,
    ) -> Result<PendingDestruction, StorageError>;

    /// Every destruction begun and not finished, by initiative.
    async fn pending_destructions(&self) -> Result<Vec<PendingDestruction>, StorageError>;

    /// Whether any table of [`SIGNER_TABLES`] still holds a row of `initiative`.
    async fn holds_initiative_data(&self, initiative: InitiativeId) -> Result<bool, StorageError>;

    /// Marks the destruction of `initiative` finished at `now`: call only once its
    /// certificate is written. [`StorageError::NotFound`] when none is pending.
    async fn finish_destruction(
        &self,
        initiative: InitiativeId,
        now: Timestamp,
    ) -> Result<(), StorageError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signer_tables_are_per_initiative_tables_and_none_is_also_kept() {
        for table in SIGNER_TABLES {
            assert!(PER_INITIATIVE_TABLES.contains(table), "{table}");
        }
        for table in KEPT_TABLES {
            assert!(!PER_INITIATIVE_TABLES.contains(table), "{table}");
        }
    }
}
