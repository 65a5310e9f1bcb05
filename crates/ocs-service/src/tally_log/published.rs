//! What the tally log answers: the latest publication, when the next one comes, and a
//! receipt's inclusion proof.

use std::collections::BTreeMap;

use jiff::Timestamp;
use ocs_domain::{CountSnapshot, CountryCode};
use ocs_tlog::ProofFile;
use ocs_tlog::entry::ChannelCounts;
use ocs_tlog::hash::Hash;

/// The latest publication of one initiative, parsed.
#[derive(Debug, Clone)]
pub struct Published {
    /// Entries covered.
    pub size: u64,
    /// The root hash of that tree.
    pub root: Hash,
    /// The signed checkpoint, as served.
    pub checkpoint: String,
    /// When it was published.
    pub published_at: Timestamp,
    /// The fold of the entries, per nationality and channel.
    pub by_channel: BTreeMap<CountryCode, ChannelCounts>,
}

impl Published {
    /// The figures as a count snapshot (what every public page and the API show).
    pub fn snapshot(&self) -> CountSnapshot {
        CountSnapshot {
            by_country: self
                .by_channel
                .iter()
                .map(|(country, counts)| (*country, counts.total()))
                .filter(|(_, count)| *count > 0)
                .collect(),
            updated_at: Some(self.published_at),
        }
    }
}

/// When a statement not yet in the log will be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextPublication {
    /// Not before this time.
    pub not_before: Timestamp,
    /// Once this many new statements wait (or the day ends).
    pub min_batch: u64,
    /// Published at once (the demo).
    pub at_once: bool,
}

/// What a receipt proof request gets.
#[derive(Debug, Clone)]
pub enum ReceiptProof {
    /// Not in the log yet.
    Pending(NextPublication),
    /// In the log.
    Included(InclusionProof),
}

/// A statement's inclusion in the published log.
#[derive(Debug, Clone)]
pub struct InclusionProof {
    /// Its index.
    pub index: u64,
    /// Its entry line.
    pub entry: String,
    /// SHA-256 of its sealed envelope (hex), which the commitment binds.
    pub envelope_hash: Hash,
    /// Hashes from the leaf's sibling up.
    pub proof: Vec<Hash>,
    /// The signed checkpoint the proof leads to.
    pub checkpoint: String,
}

impl InclusionProof {
    /// The C2SP tlog-proof file (`extra` holds the entry line).
    pub fn file(&self) -> String {
        ProofFile {
            extra: Some(self.entry.clone().into_bytes()),
            index: self.index,
            proof: self.proof.clone(),
            checkpoint: self.checkpoint.clone(),
        }
        .to_text()
    }
}
