//! Proofs anyone may fetch by log index, and a receipt's published index: the entries are
//! public, so an inclusion proof by index reveals nothing the tiles do not (the receipt page
//! links it; `ocs log check-proof` checks it offline).

use ocs_domain::{Slug, StatementId};
use ocs_storage::LogPosition;
use ocs_tlog::tiles::{MemoryTiles, TileId, TileKind, parse_bundle, tiles_needed};
use ocs_tlog::tree::inclusion_proof;
use ocs_tlog::{ProofFile, TlogError, TreeTiles};

use super::{LogError, TallyLog};

impl TallyLog {
    /// The C2SP tlog-proof of the entry at `index` to the latest checkpoint (its `extra` line
    /// holds the entry); `None` when the published tree does not reach `index`.
    pub async fn index_proof(
        &self,
        slug: &Slug,
        index: u64,
    ) -> Result<Option<ProofFile>, LogError> {
        let id = self.entry(slug)?.initiative.id;
        let published = self.published(slug).await?;
        let size = published.size;
        if index >= size {
            return Ok(None);
        }
        let bundle = TileId::in_tree(TileKind::Entries, index / 256, size)
            .ok_or(TlogError::OutOfRange { index, size })?;
        let mut needed = tiles_needed(size, |tree| inclusion_proof(tree, index, size));
        needed.push(bundle);
        let mut tiles = MemoryTiles::default();
        self.fetch(id, needed, &mut tiles).await?;
        let entries = parse_bundle(&bundle, tiles.0.get(&bundle).map_or(&[], Vec::as_slice))?;
        let entry = usize::try_from(index % 256)
            .ok()
            .and_then(|at| entries.get(at))
            .ok_or(TlogError::OutOfRange { index, size })?
            .clone();
        let proof = inclusion_proof(&TreeTiles::new(&tiles, size), index, size)?;
        Ok(Some(ProofFile {
            extra: Some(entry),
            index,
            proof,
            checkpoint: published.checkpoint.clone(),
        }))
    }

    /// The index of `statement` in the published log; `None` while it waits for a
    /// publication, and for an unknown statement (a duplicate's receipt answers the same).
    pub async fn published_index(
        &self,
        slug: &Slug,
        statement: StatementId,
    ) -> Result<Option<u64>, LogError> {
        let id = self.entry(slug)?.initiative.id;
        let size = self.published(slug).await?.size;
        Ok(match self.store.log_position(id, statement).await? {
            Some(LogPosition::Published { index, .. }) if index < size => Some(index),
            _ => None,
        })
    }
}
