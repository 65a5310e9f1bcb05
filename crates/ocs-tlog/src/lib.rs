#![doc = include_str!("../README.md")]

pub mod audit;
pub mod checkpoint;
pub mod cosignature;
pub mod daily;
pub mod entry;
pub mod hash;
pub mod note;
pub mod proof;
pub mod tiles;
pub mod tree;

pub use checkpoint::Checkpoint;
pub use cosignature::{WitnessSigner, WitnessVerifier};
pub use entry::{Channel, Entry, SigningHour, Tally};
pub use hash::Hash;
pub use note::{NoteSigner, NoteVerifier};
pub use proof::ProofFile;
pub use tiles::{TileId, TileReader, TreeTiles};
pub use tree::HashSource;

/// Everything that can be wrong with log data: a bad format, a missing tile, a proof or a
/// signature that does not check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TlogError {
    /// Text or bytes that do not follow the format named.
    #[error("malformed {what}: {detail}")]
    Malformed {
        /// The format (entry, checkpoint, note, tile path …).
        what: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// A tile or bundle the computation needs is not available.
    #[error("missing tile {0}")]
    MissingTile(String),
    /// An index or size outside the tree.
    #[error("index {index} outside a tree of size {size}")]
    OutOfRange {
        /// The index (or first tree size).
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// A proof does not lead to the expected root.
    #[error("proof does not verify: {0}")]
    BadProof(&'static str),
    /// A note carries no valid signature by a known key.
    #[error("no valid signature by {0}")]
    BadSignature(String),
    /// Served data that disagrees with what its entries recompute to (a tile, the root,
    /// an earlier checkpoint).
    #[error("{0}")]
    Mismatch(String),
    /// A fold found a withdrawal that does not name an earlier, counted statement.
    #[error("entry {index}: {detail}")]
    BadFold {
        /// The offending entry.
        index: u64,
        /// What is wrong.
        detail: String,
    },
}

pub(crate) fn malformed(what: &'static str, detail: impl Into<String>) -> TlogError {
    TlogError::Malformed {
        what,
        detail: detail.into(),
    }
}
