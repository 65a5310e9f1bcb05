//! Sealed statements of support: the values going in and out, and the [`StatementStore`]
//! trait every backend implements.

use std::fmt;

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::{CountSnapshot, CountryCode, DedupTag, InitiativeId, StatementId};

use crate::StorageError;

/// A statement of support ready to be stored: its personal data is already sealed to the
/// initiative's public keys, and its de-duplication tag is computed.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedStatement {
    /// Random identifier, shown to the signer on the receipt.
    pub id: StatementId,
    /// The initiative supported.
    pub initiative: InitiativeId,
    /// The signer's nationality, kept in clear for the per-country counts and exports.
    pub nationality: CountryCode,
    /// When the service accepted the statement. Stored with millisecond precision.
    pub submitted_at: Timestamp,
    /// Keyed hash of the signer's normalised identity: unique per initiative.
    pub tag: DedupTag,
    /// The HPKE ciphertext of the personal data; stored and returned byte for byte.
    pub envelope: Vec<u8>,
    /// Taken while the initiative was in test mode.
    pub test: bool,
    /// Keyed hash of the receipt secret given to the signer (self-service); `None` when no
    /// secret was issued. For a duplicate, the store keeps it as a receipt alias.
    pub receipt_verifier: Option<[u8; 32]>,
    /// Collected on paper and entered by the organisers.
    pub paper: bool,
    /// The statement's public log line (`v1 add …`, ADR 0007), computed when it was signed;
    /// `None` keeps it out of the log. Published later, in a batch.
    pub log_entry: Option<String>,
}

impl fmt::Debug for SealedStatement {
    // Nationality, time and tag are personal data: keep them out of debug output and logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SealedStatement")
            .field("id", &self.id)
            .field("initiative", &self.initiative)
            .field("envelope_len", &self.envelope.len())
            .field("test", &self.test)
            .finish_non_exhaustive()
    }
}

/// The answer to a successful [`StatementStore::record_statement`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// Position in the store's append-only log: unique, and larger than every sequence
    /// committed before it.
    pub sequence: u64,
}

/// A committed statement as read back for export. The tag comes back because the sealed
/// envelope's associated data binds it: the offline opener rebuilds that from the row.
#[derive(Clone, PartialEq, Eq)]
pub struct StoredStatement {
    /// Position in the store's append-only log.
    pub sequence: u64,
    /// Random identifier, shown to the signer on the receipt.
    pub id: StatementId,
    /// The initiative supported.
    pub initiative: InitiativeId,
    /// The signer's nationality.
    pub nationality: CountryCode,
    /// When the service accepted the statement (millisecond precision).
    pub submitted_at: Timestamp,
    /// The de-duplication tag.
    pub tag: DedupTag,
    /// The HPKE ciphertext, byte for byte as recorded.
    pub envelope: Vec<u8>,
    /// Taken while the initiative was in test mode.
    pub test: bool,
    /// Collected on paper.
    pub paper: bool,
}

impl fmt::Debug for StoredStatement {
    // Same rule as for `SealedStatement`: no personal data in debug output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredStatement")
            .field("sequence", &self.sequence)
            .field("id", &self.id)
            .field("initiative", &self.initiative)
            .field("envelope_len", &self.envelope.len())
            .field("test", &self.test)
            .finish_non_exhaustive()
    }
}

/// What the store knows about a receipt's statement identifier, for self-service.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    /// The stored verifier of the receipt secret; `None` for statements recorded before
    /// self-service (their receipts carry no secret, so nothing can match).
    pub verifier: Option<[u8; 32]>,
    /// Whether a statement with this receipt's tag is stored and counted now: always for a
    /// statement; for a receipt alias (a duplicate's receipt), whether the statement it
    /// repeated is still stored.
    pub counted: bool,
    /// The identifier belongs to a duplicate's receipt, not to a stored statement.
    pub alias: bool,
}

impl fmt::Debug for ReceiptRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceiptRecord")
            .field("counted", &self.counted)
            .field("alias", &self.alias)
            .finish_non_exhaustive()
    }
}

/// What [`StatementStore::withdraw_statement`] removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawn {
    /// A statement: its row, envelope and tag are gone and it no longer counts.
    Statement,
    /// A duplicate's receipt alias; the statement it repeated is untouched.
    Alias,
}

/// What [`StatementStore::destroy_initiative`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Destroyed {
    /// Statements (rows with envelope and tag).
    pub statements: u64,
    /// Receipt aliases.
    pub aliases: u64,
    /// Keyed tags of eID person identifiers.
    pub eid_subjects: u64,
    /// E-mail addresses (pending and confirmed).
    pub mail_addresses: u64,
}

/// Counters about a store since it was opened, for metrics and the health page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreStats {
    /// Statements committed.
    pub committed: u64,
    /// Statements refused as duplicates ([`StorageError::Conflict`]).
    pub duplicates: u64,
    /// Write transactions committed; `(committed + duplicates) / batches` is the average
    /// group-commit size.
    pub batches: u64,
    /// Calls refused with [`StorageError::Busy`] because the writer queue was full.
    pub rejected_busy: u64,
    /// Statements waiting in the writer queue now.
    pub queue_depth: usize,
    /// Size of the writer queue.
    pub queue_capacity: usize,
}

/// Sealed statements of support.
#[async_trait]
pub trait StatementStore: Send + Sync {
    /// Stores one statement. The duplicate check, the insert and the count update are one
    /// atomic step, and this returns only once the commit is durable.
    ///
    /// A tag already known for the initiative gives [`StorageError::Conflict`] and stores
    /// nothing. A full writer queue gives [`StorageError::Busy`] at once and stores nothing.
    /// If the future is dropped after the statement was queued, the statement may still be
    /// committed; the submit token above the store makes a retry safe.
    async fn record_statement(&self, statement: SealedStatement) -> Result<Recorded, StorageError>;

    /// Committed statements per nationality of one initiative; an initiative without
    /// statements gives an empty snapshot. Exact for committed data, and cheap: it is served
    /// per request. `updated_at` is the latest `submitted_at` counted.
    async fn counts(&self, initiative: InitiativeId) -> Result<CountSnapshot, StorageError>;

    /// Up to `limit` committed statements of one initiative with a sequence above
    /// `after_sequence`, in order of sequence. Page by passing the last sequence seen.
    async fn statements(
        &self,
        initiative: InitiativeId,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<StoredStatement>, StorageError>;

    /// What is stored under a receipt's statement identifier: a statement or a duplicate's
    /// receipt alias. `None` when neither exists.
    async fn find_receipt(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Option<ReceiptRecord>, StorageError>;

    /// Removes the statement with this identifier (row, envelope and tag, so the person may
    /// sign again) and takes it out of the counts, or else the receipt alias with this
    /// identifier, in one transaction. [`StorageError::NotFound`] when neither exists.
    async fn withdraw_statement(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Withdrawn, StorageError>;

    /// Committed paper statements of one initiative per nationality (the rest of
    /// [`StatementStore::counts`] is online). Reads the initiative's rows: for the console,
    /// not per public request.
    async fn paper_counts(
        &self,
        initiative: InitiativeId,
    ) -> Result<std::collections::BTreeMap<CountryCode, u64>, StorageError>;

    /// Destroys every row of one initiative in every table of
    /// [`crate::destruction::PER_INITIATIVE_TABLES`] in one transaction, then compacts the
    /// database so the deleted data is not left in free pages or logs. When a destruction is
    /// pending ([`crate::DestructionLog`]), this run's counts are added to its record in the
    /// same transaction and the sums are returned; otherwise this run's counts. A failed
    /// compaction is an error after the deletes committed: call again to compact.
    async fn destroy_initiative(&self, initiative: InitiativeId)
    -> Result<Destroyed, StorageError>;

    /// Committed statements of one initiative received at or after `since`, counted per
    /// bucket of `bucket` length (buckets start at multiples of it since the Unix epoch, UTC):
    /// `(bucket start, count)` in time order, empty buckets left out. For the console's
    /// per-day and per-hour charts; reads the stored `submitted_at`.
    async fn counts_over_time(
        &self,
        initiative: InitiativeId,
        since: Timestamp,
        bucket: jiff::SignedDuration,
    ) -> Result<Vec<(Timestamp, u64)>, StorageError>;

    /// Whether the store can read and its writer is running.
    async fn health(&self) -> Result<(), StorageError>;

    /// Counters since the store was opened.
    fn stats(&self) -> StoreStats;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_personal_data() {
        let statement = SealedStatement {
            id: StatementId::from_bytes([1; 16]),
            initiative: InitiativeId::new(3),
            nationality: CountryCode::MT,
            submitted_at: Timestamp::from_second(1_750_000_000).unwrap(),
            tag: DedupTag::from_bytes([9; 32]),
            envelope: vec![0xAB; 40],
            test: false,
            receipt_verifier: Some([4; 32]),
            paper: false,
            log_entry: None,
        };
        let text = format!("{statement:?}");
        assert!(text.contains("envelope_len: 40"), "{text}");
        for hidden in ["nationality", "submitted_at", "tag", "171"] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
    }
}
