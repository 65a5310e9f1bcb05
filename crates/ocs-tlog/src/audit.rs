//! A full audit of a published log from what it serves: the checkpoint's signature, every
//! tile and entry bundle recomputed from the entries, the root, the tally folded from the
//! entries, and that an older checkpoint is a prefix of the tree (what `ocs log verify`
//! checks, without trusting the server for any hash).

use crate::checkpoint::Checkpoint;
use crate::entry::Tally;
use crate::hash::{Hash, leaf_hash, node_hash};
use crate::note::NoteVerifier;
use crate::tiles::{TILE_HEIGHT, TileId, TileKind, TileReader, parse_bundle};
use crate::tree::root_of_leaves;
use crate::{TlogError, malformed};

/// A log whose checkpoint, tiles and entries all agree.
#[derive(Debug, Clone)]
pub struct AuditedLog {
    /// The checkpoint, its signature checked.
    pub checkpoint: Checkpoint,
    /// The entries `0..size`, from the entry bundles.
    pub entries: Vec<Vec<u8>>,
    /// Their leaf hashes.
    pub leaves: Vec<Hash>,
    /// The fold of the entries.
    pub tally: Tally,
    /// Hash tiles and entry bundles read and checked.
    pub tiles_checked: usize,
}

/// Audits the log whose latest signed checkpoint is `note`: the signature by `verifier`
/// and the origin; every entry bundle of the tree read through `tiles`; every hash tile
/// equal, byte for byte, to the hashes recomputed from the entries; the root recomputed
/// from the entries equal to the checkpoint's; the entries folding into a tally (every
/// withdrawal names a counted statement).
pub fn audit(
    note: &str,
    origin: &str,
    verifier: &NoteVerifier,
    tiles: &(impl TileReader + ?Sized),
) -> Result<AuditedLog, TlogError> {
    let checkpoint = Checkpoint::open(note, origin, verifier)?;
    let size = checkpoint.size;
    let all = TileId::all_in_tree(size);
    let mut entries = Vec::new();
    for tile in all.iter().filter(|t| t.kind == TileKind::Entries) {
        entries.extend(parse_bundle(tile, &tiles.read_tile(tile)?)?);
    }
    if u64::try_from(entries.len()).ok() != Some(size) {
        return Err(malformed(
            "log",
            format!(
                "{} entries in the bundles of a tree of {size}",
                entries.len()
            ),
        ));
    }
    let leaves: Vec<Hash> = entries.iter().map(|e| leaf_hash(e)).collect();
    // The hashes at tree level 8·k, for k = 0, 1, …: each tile level is checked against
    // them, then they are combined eight times over for the next tile level.
    let mut level = leaves.clone();
    let mut tiles_checked = all.iter().filter(|t| t.kind == TileKind::Entries).count();
    for tile_level in 0..8u8 {
        let here: Vec<&TileId> = all
            .iter()
            .filter(|t| t.kind == TileKind::Hashes(tile_level))
            .collect();
        if here.is_empty() {
            break;
        }
        for tile in here {
            let start = usize::try_from(tile.index)
                .ok()
                .and_then(|i| i.checked_mul(256))
                .ok_or(TlogError::OutOfRange {
                    index: tile.index,
                    size,
                })?;
            let expected: Vec<u8> = level
                .get(start..start.saturating_add(usize::from(tile.width)))
                .ok_or_else(|| malformed("tile", format!("{tile}: beyond the tree")))?
                .iter()
                .flat_map(|h| h.0)
                .collect();
            if tiles.read_tile(tile)? != expected {
                return Err(TlogError::Mismatch(format!(
                    "tile {tile} differs from the hashes recomputed from the entries"
                )));
            }
            tiles_checked += 1;
        }
        for _ in 0..TILE_HEIGHT {
            level = level
                .chunks_exact(2)
                .map(|pair| match pair {
                    [left, right] => node_hash(left, right),
                    _ => Hash::default(),
                })
                .collect();
        }
    }
    if root_of_leaves(&leaves) != checkpoint.root {
        return Err(TlogError::Mismatch(format!(
            "the entries lead to another root than the checkpoint's ({})",
            checkpoint.root.to_hex()
        )));
    }
    let tally = Tally::fold(&entries)?;
    Ok(AuditedLog {
        checkpoint,
        entries,
        leaves,
        tally,
        tiles_checked,
    })
}

impl AuditedLog {
    /// Checks that the signed checkpoint `note` (an earlier one, by the same key and origin)
    /// describes a prefix of this tree: the log neither shrank nor rewrote its past.
    pub fn check_older(
        &self,
        note: &str,
        verifier: &NoteVerifier,
    ) -> Result<Checkpoint, TlogError> {
        let older = Checkpoint::open(note, &self.checkpoint.origin, verifier)?;
        let prefix = usize::try_from(older.size)
            .ok()
            .and_then(|size| self.leaves.get(..size))
            .ok_or_else(|| {
                TlogError::Mismatch(format!(
                    "the log shrank: an earlier checkpoint has {} entries, this one {}",
                    older.size, self.checkpoint.size
                ))
            })?;
        if root_of_leaves(prefix) != older.root {
            return Err(TlogError::Mismatch(format!(
                "the log rewrote its past: its first {} entries do not lead to the earlier \
                 checkpoint's root",
                older.size
            )));
        }
        Ok(older)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoteSigner;
    use crate::tiles::{MemoryTiles, append_tiles};

    const ORIGIN: &str = "example.org/log/abc";

    fn line(i: u64) -> Vec<u8> {
        format!(
            "v1 add AT online 2026-03-0{}T10 {}",
            i % 9 + 1,
            leaf_hash(&i.to_be_bytes()).to_hex()
        )
        .into_bytes()
    }

    /// A log of `size` entries written batch by batch as the server does, and its signed
    /// checkpoint.
    fn log(sizes: &[u64], signer: &NoteSigner) -> (MemoryTiles, Vec<String>) {
        let mut tiles = MemoryTiles::default();
        let mut notes = Vec::new();
        let mut old = 0;
        let mut leaves = Vec::new();
        for &size in sizes {
            let batch: Vec<Vec<u8>> = (old..size).map(line).collect();
            for tile in append_tiles(&tiles, old, &batch).unwrap() {
                tiles.0.insert(tile.id, tile.data);
            }
            leaves.extend(batch.iter().map(|e| leaf_hash(e)));
            let checkpoint = Checkpoint {
                origin: ORIGIN.to_owned(),
                size,
                root: root_of_leaves(&leaves),
                extensions: Vec::new(),
            };
            notes.push(checkpoint.sign(signer).unwrap());
            old = size;
        }
        (tiles, notes)
    }

    #[test]
    fn an_honest_log_audits_at_every_size_and_each_checkpoint_is_a_prefix() {
        let signer = NoteSigner::new(ORIGIN, &[7; 32]).unwrap();
        let sizes = [0, 1, 3, 255, 256, 257, 600];
        let (tiles, notes) = log(&sizes, &signer);
        let latest = notes.last().unwrap();
        let audited = audit(latest, ORIGIN, &signer.verifier(), &tiles).unwrap();
        assert_eq!(audited.checkpoint.size, 600);
        assert_eq!(audited.tally.total(), 600);
        for note in &notes {
            audited.check_older(note, &signer.verifier()).unwrap();
        }
    }

    #[test]
    fn any_changed_byte_of_a_tile_or_bundle_or_the_checkpoint_is_found() {
        let signer = NoteSigner::new(ORIGIN, &[7; 32]).unwrap();
        let (tiles, notes) = log(&[10, 300], &signer);
        let latest = notes.last().unwrap();
        for (id, data) in &tiles.0 {
            if !TileId::all_in_tree(300).contains(id) {
                continue;
            }
            for position in [0, data.len() / 2, data.len() - 1] {
                let mut altered = MemoryTiles(tiles.0.clone());
                altered.0.get_mut(id).unwrap()[position] ^= 1;
                assert!(
                    audit(latest, ORIGIN, &signer.verifier(), &altered).is_err(),
                    "{id} byte {position}"
                );
            }
        }
        let forged = latest.replacen("\n300\n", "\n299\n", 1);
        assert!(audit(&forged, ORIGIN, &signer.verifier(), &tiles).is_err());
        let other = NoteSigner::new(ORIGIN, &[8; 32]).unwrap();
        assert!(audit(latest, ORIGIN, &other.verifier(), &tiles).is_err());
    }

    #[test]
    fn a_fork_or_a_shrunk_log_fails_the_prefix_check() {
        let signer = NoteSigner::new(ORIGIN, &[7; 32]).unwrap();
        let (tiles, notes) = log(&[5, 9], &signer);
        let audited = audit(&notes[1], ORIGIN, &signer.verifier(), &tiles).unwrap();
        let forked = Checkpoint {
            origin: ORIGIN.to_owned(),
            size: 5,
            root: leaf_hash(b"another past"),
            extensions: Vec::new(),
        }
        .sign(&signer)
        .unwrap();
        let error = audited
            .check_older(&forked, &signer.verifier())
            .unwrap_err();
        assert!(error.to_string().contains("rewrote its past"), "{error}");
        let (bigger_tiles, bigger) = log(&[12], &signer);
        drop(bigger_tiles);
        let error = audited
            .check_older(&bigger[0], &signer.verifier())
            .unwrap_err();
        assert!(error.to_string().contains("shrank"), "{error}");
    }
}
