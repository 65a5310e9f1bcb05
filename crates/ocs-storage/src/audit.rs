//! The append-only, hash-chained audit trail as stored: [`AuditLog`] (append and page), the
//! canonical row encoding, [`chain_hash`] and the [`ChainVerifier`] that `ocs audit verify`
//! runs over every row.
//!
//! Row `n` stores `hash_n = SHA-256("OCS-AUDIT-1" ‖ hash_{n-1} ‖ canonical(row_n))`, with
//! `hash_0` all zeros, so editing or deleting any row but the last breaks every later link.
//! Cutting rows off the end is only seen against a head hash kept elsewhere: `ocs audit verify`
//! prints the head so operators can write it down.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use sha2::{Digest, Sha256};

use crate::{AuditAction, StorageError};

mod hash;

pub use hash::AuditHash;

/// Domain separation for the chain hash; a new layout gets a new label.
const LABEL: &[u8] = b"OCS-AUDIT-1";

/// The hash before the first row.
pub const GENESIS: AuditHash = AuditHash::from_bytes([0; 32]);

/// An audit event not yet stored. Never holds signer data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    /// When it happened.
    pub at: Timestamp,
    /// `system`, `signer`, `user` or `cli`.
    pub actor_kind: String,
    /// The account or CLI label; empty for `system` and `signer`.
    pub actor_name: String,
    /// Stable dotted code, e.g. `initiative.open`.
    pub action: AuditAction,
    /// The initiative concerned, if any.
    pub initiative: Option<InitiativeId>,
    /// Free text without signer data.
    pub detail: String,
}

/// A stored audit row with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// 1, 2, 3 … without gaps.
    pub sequence: u64,
    /// The event.
    pub entry: NewAuditEntry,
    /// The hash of the row before (all zeros for the first).
    pub previous_hash: AuditHash,
    /// This row's hash.
    pub hash: AuditHash,
}

/// The append-only audit trail.
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Appends `entry` after the current last row, computing its hash from that row's; appends
    /// from every app node are serialised, so the chain never forks.
    async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditEntry, StorageError>;

    /// Up to `limit` rows with a sequence above `after_sequence`, in order.
    async fn audit_entries(
        &self,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StorageError>;

    /// The last `limit` rows, newest first (for the console).
    async fn recent_audit(&self, limit: u32) -> Result<Vec<AuditEntry>, StorageError>;
}

fn put_text(hasher: &mut Sha256, text: &str) {
    // Length-prefixed, so no two rows encode alike by moving bytes between fields.
    hasher.update(u64::try_from(text.len()).unwrap_or(u64::MAX).to_be_bytes());
    hasher.update(text.as_bytes());
}

/// The hash of row `sequence` holding `entry`, after the row whose hash is `previous`.
pub fn chain_hash(previous: &AuditHash, sequence: u64, entry: &NewAuditEntry) -> AuditHash {
    let mut hasher = Sha256::new();
    hasher.update(LABEL);
    hasher.update(previous.as_bytes());
    hasher.update(sequence.to_be_bytes());
    hasher.update(entry.at.as_millisecond().to_be_bytes());
    put_text(&mut hasher, &entry.actor_kind);
    put_text(&mut hasher, &entry.actor_name);
    put_text(&mut hasher, entry.action.as_str());
    match entry.initiative {
        Some(id) => {
            hasher.update([1]);
            hasher.update(id.get().to_be_bytes());
        }
        None => hasher.update([0]),
    }
    put_text(&mut hasher, &entry.detail);
    AuditHash::from_bytes(hasher.finalize().into())
}

/// Where and how the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    /// A sequence number is missing (a row was deleted) or out of order.
    #[error("row {found} follows row {expected_after}: rows are missing")]
    Gap {
        /// The last good sequence.
        expected_after: u64,
        /// The sequence found next.
        found: u64,
    },
    /// A row's stored previous hash is not the hash of the row before.
    #[error("row {0} does not link to the row before it")]
    Link(u64),
    /// A row's content does not match its hash (it was edited).
    #[error("row {0} was altered: its content does not match its hash")]
    Altered(u64),
}

/// Checks rows one at a time, in sequence order.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last_sequence: u64,
    last_hash: AuditHash,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            last_sequence: 0,
            last_hash: GENESIS,
        }
    }
}

impl ChainVerifier {
    /// Checks the next row.
    pub fn push(&mut self, row: &AuditEntry) -> Result<(), ChainBreak> {
        if row.sequence != self.last_sequence + 1 {
            return Err(ChainBreak::Gap {
                expected_after: self.last_sequence,
                found: row.sequence,
            });
        }
        if row.previous_hash != self.last_hash {
            return Err(ChainBreak::Link(row.sequence));
        }
        if chain_hash(&self.last_hash, row.sequence, &row.entry) != row.hash {
            return Err(ChainBreak::Altered(row.sequence));
        }
        self.last_sequence = row.sequence;
        self.last_hash = row.hash;
        Ok(())
    }

    /// Rows checked so far.
    pub fn rows(&self) -> u64 {
        self.last_sequence
    }

    /// The hash of the last row checked.
    pub fn head(&self) -> AuditHash {
        self.last_hash
    }
}

/// Reads the whole trail from `log` in pages and verifies it; returns the checker (rows and
/// head) or the first break.
pub async fn verify_log(
    log: &dyn AuditLog,
) -> Result<Result<ChainVerifier, ChainBreak>, StorageError> {
    let mut verifier = ChainVerifier::default();
    let mut after = 0;
    loop {
        let page = log.audit_entries(after, 1000).await?;
        let Some(last) = page.last() else {
            return Ok(Ok(verifier));
        };
        after = last.sequence;
        for row in &page {
            if let Err(broken) = verifier.push(row) {
                return Ok(Err(broken));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str) -> NewAuditEntry {
        NewAuditEntry {
            at: Timestamp::from_millisecond(1_700_000_000_000).unwrap(),
            actor_kind: "user".into(),
            actor_name: "ann".into(),
            // Codes of rows as read back from a trail, not codes this version writes.
            action: AuditAction::from_stored(action.to_owned()),
            initiative: Some(InitiativeId::new(2)),
            detail: "reason".into(),
        }
    }

    fn chain(n: u64) -> Vec<AuditEntry> {
        let mut previous = GENESIS;
        (1..=n)
            .map(|sequence| {
                let entry = entry(&format!("a.{sequence}"));
                let hash = chain_hash(&previous, sequence, &entry);
                let row = AuditEntry {
                    sequence,
                    entry,
                    previous_hash: previous,
                    hash,
                };
                previous = hash;
                row
            })
            .collect()
    }

    fn verify(rows: &[AuditEntry]) -> Result<u64, ChainBreak> {
        let mut verifier = ChainVerifier::default();
        for row in rows {
            verifier.push(row)?;
        }
        Ok(verifier.rows())
    }

    #[test]
    fn an_intact_chain_verifies_and_any_change_breaks_it() {
        let rows = chain(5);
        assert_eq!(verify(&rows), Ok(5));

        let mut edited = rows.clone();
        edited[2].entry.detail = "other".into();
        assert_eq!(verify(&edited), Err(ChainBreak::Altered(3)));

        let mut moved = rows.clone();
        moved[1].entry.actor_name = "an".into();
        moved[1].entry.action = AuditAction::from_stored("na.2".to_owned());
        assert_eq!(verify(&moved), Err(ChainBreak::Altered(2)));

        let mut deleted = rows.clone();
        deleted.remove(1);
        assert_eq!(
            verify(&deleted),
            Err(ChainBreak::Gap {
                expected_after: 1,
                found: 3
            })
        );

        // Deleting a row and renumbering the rest still breaks the link.
        let mut renumbered = rows.clone();
        renumbered.remove(1);
        for (i, row) in renumbered.iter_mut().enumerate() {
            row.sequence = u64::try_from(i).unwrap() + 1;
        }
        assert_eq!(verify(&renumbered), Err(ChainBreak::Link(2)));

        let mut initiative = rows;
        initiative[4].entry.initiative = None;
        assert_eq!(verify(&initiative), Err(ChainBreak::Altered(5)));
    }
}
