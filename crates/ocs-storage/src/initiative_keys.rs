//! [`InitiativeKeyLog`]: which de-duplication key each initiative's tags are made under
//! (ADR 0011). The keys themselves never enter the database: a random initiative's subkeys
//! are in a sealed file outside it, named here by a key id so every node agrees which key is
//! the one, and the row records when the file was destroyed with the data.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;

use crate::StorageError;

/// The key record of one initiative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitiativeKeyRecord {
    /// The initiative.
    pub initiative: InitiativeId,
    /// The id of its random subkeys (16 hex digits); `None` for an initiative whose tags are
    /// made under the shared de-duplication secret (created before per-initiative keys).
    pub key_id: Option<String>,
    /// When the record was made.
    pub created_at: Timestamp,
    /// When the subkeys were destroyed with the data, if they were.
    pub destroyed_at: Option<Timestamp>,
}

/// The key records.
#[async_trait]
pub trait InitiativeKeyLog: Send + Sync {
    /// The record of `initiative`, if one was made.
    async fn initiative_key(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<InitiativeKeyRecord>, StorageError>;

    /// Stores `record` unless `initiative` has one already; returns the record that stands
    /// (`record`, or the earlier one when another node was first).
    async fn register_initiative_key(
        &self,
        record: InitiativeKeyRecord,
    ) -> Result<InitiativeKeyRecord, StorageError>;

    /// Records that the subkeys of `initiative` were destroyed at `now` (the first time
    /// counts). [`StorageError::NotFound`] when it has no record.
    async fn initiative_key_destroyed(
        &self,
        initiative: InitiativeId,
        now: Timestamp,
    ) -> Result<(), StorageError>;
}
