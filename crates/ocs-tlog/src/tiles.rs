//! C2SP tlog-tiles with tile height 8: tile and entry-bundle paths, full and partial tiles,
//! tree hashes read from tiles, and the tiles a batch of new entries writes.

use std::fmt;

use crate::hash::{Hash, leaf_hash};
use crate::tree::{HashSource, root_of_leaves};
use crate::{TlogError, malformed};

/// Hashes per full tile (tile height 8).
pub const TILE_WIDTH: u64 = 256;
/// Levels of the tree one tile spans.
pub const TILE_HEIGHT: u8 = 8;
/// The longest entry an entry bundle can hold (its length is a big-endian `u16`).
pub const MAX_ENTRY_LEN: usize = 65_535;

/// Whether a tile holds hashes (at a tile level) or entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TileKind {
    /// Hashes of tree level `8 · level` (0 = leaf hashes).
    Hashes(u8),
    /// An entry bundle (the entries behind a level-0 tile).
    Entries,
}

/// One tile or entry bundle: its kind, its index within the level and its width (1..=256;
/// 256 is a full tile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    /// Hashes at a level, or entries.
    pub kind: TileKind,
    /// The tile's index within its level.
    pub index: u64,
    /// How many hashes or entries it holds.
    pub width: u16,
}

impl TileId {
    /// Whether the tile is full (256 wide).
    pub fn is_full(&self) -> bool {
        u64::from(self.width) == TILE_WIDTH
    }

    /// The tile of `kind` and `index` as it is in the tree of `size` leaves, or `None` when
    /// that tree has nothing in it.
    pub fn in_tree(kind: TileKind, index: u64, size: u64) -> Option<Self> {
        let count = hashes_at(kind, size);
        let start = index.checked_mul(TILE_WIDTH)?;
        if count <= start {
            return None;
        }
        let width = u16::try_from((count - start).min(TILE_WIDTH)).ok()?;
        Some(Self { kind, index, width })
    }

    /// Every tile and entry bundle of the tree of `size` leaves, as served for it.
    pub fn all_in_tree(size: u64) -> Vec<Self> {
        let mut out = Vec::new();
        let mut kinds = vec![TileKind::Entries];
        kinds.extend((0..8).map(TileKind::Hashes));
        for kind in kinds {
            let count = hashes_at(kind, size);
            let tiles = count.div_ceil(TILE_WIDTH);
            out.extend((0..tiles).filter_map(|index| Self::in_tree(kind, index, size)));
        }
        out
    }

    /// The path below the log prefix: `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`.
    pub fn path(&self) -> String {
        let level = match self.kind {
            TileKind::Hashes(level) => level.to_string(),
            TileKind::Entries => "entries".to_owned(),
        };
        let mut path = format!("tile/{level}/{}", encode_index(self.index));
        if !self.is_full() {
            path.push_str(".p/");
            path.push_str(&self.width.to_string());
        }
        path
    }

    /// Parses a path as [`TileId::path`] writes it (leading `tile/` included); anything not
    /// in canonical form is refused.
    pub fn parse_path(path: &str) -> Result<Self, TlogError> {
        let bad = |detail: &str| malformed("tile path", detail.to_owned());
        let rest = path
            .strip_prefix("tile/")
            .ok_or_else(|| bad("no tile/ prefix"))?;
        let (level, rest) = rest.split_once('/').ok_or_else(|| bad("no level"))?;
        let kind = if level == "entries" {
            TileKind::Entries
        } else {
            let parsed: u8 = parse_decimal(level).ok_or_else(|| bad("bad level"))?;
            if parsed > 63 {
                return Err(bad("level above 63"));
            }
            TileKind::Hashes(parsed)
        };
        let (index_part, width) = match rest.split_once(".p/") {
            Some((index_part, width)) => {
                let width: u16 = parse_decimal(width).ok_or_else(|| bad("bad width"))?;
                if width == 0 || u64::from(width) >= TILE_WIDTH {
                    return Err(bad("partial width outside 1..=255"));
                }
                (index_part, width)
            }
            None => (rest, 256),
        };
        let index = decode_index(index_part).ok_or_else(|| bad("bad index"))?;
        let id = Self { kind, index, width };
        if id.path() != path {
            return Err(bad("not in canonical form"));
        }
        Ok(id)
    }
}

impl fmt::Display for TileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

/// How many complete hashes (or entries) of `kind` the tree of `size` leaves has.
fn hashes_at(kind: TileKind, size: u64) -> u64 {
    match kind {
        TileKind::Entries => size,
        TileKind::Hashes(level) => size
            .checked_shr(u32::from(level) * u32::from(TILE_HEIGHT))
            .unwrap_or(0),
    }
}

fn parse_decimal<T: std::str::FromStr>(text: &str) -> Option<T> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if canonical { text.parse().ok() } else { None }
}

/// `1234067` → `x001/x234/067`.
fn encode_index(index: u64) -> String {
    let mut groups = Vec::new();
    let mut rest = index;
    loop {
        groups.push(rest % 1000);
        rest /= 1000;
        if rest == 0 {
            break;
        }
    }
    groups.reverse();
    let last = groups.len() - 1;
    groups
        .iter()
        .enumerate()
        .map(|(i, group)| {
            if i == last {
                format!("{group:03}")
            } else {
                format!("x{group:03}")
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn decode_index(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split('/').collect();
    let (last, leading) = parts.split_last()?;
    let mut index: u64 = 0;
    for part in leading {
        let digits = part.strip_prefix('x')?;
        index = index.checked_mul(1000)?.checked_add(group(digits)?)?;
    }
    index.checked_mul(1000)?.checked_add(group(last)?)
}

fn group(digits: &str) -> Option<u64> {
    if digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// Reads stored tiles and entry bundles.
pub trait TileReader {
    /// The exact bytes of the tile, or [`TlogError::MissingTile`].
    fn read_tile(&self, tile: &TileId) -> Result<Vec<u8>, TlogError>;
}

/// Splits a hash tile into its hashes; its length must match its width.
pub fn parse_hash_tile(tile: &TileId, data: &[u8]) -> Result<Vec<Hash>, TlogError> {
    if data.len() != usize::from(tile.width) * Hash::LEN {
        return Err(malformed(
            "tile",
            format!("{tile}: wrong length {}", data.len()),
        ));
    }
    data.chunks_exact(Hash::LEN).map(Hash::from_slice).collect()
}

/// Splits an entry bundle into its entries; their number must match its width.
pub fn parse_bundle(tile: &TileId, data: &[u8]) -> Result<Vec<Vec<u8>>, TlogError> {
    let mut entries = Vec::with_capacity(usize::from(tile.width));
    let mut rest = data;
    while !rest.is_empty() {
        let (len, tail) = rest
            .split_first_chunk::<2>()
            .ok_or_else(|| malformed("entry bundle", format!("{tile}: truncated length")))?;
        let len = usize::from(u16::from_be_bytes(*len));
        let (entry, tail) = tail
            .split_at_checked(len)
            .ok_or_else(|| malformed("entry bundle", format!("{tile}: truncated entry")))?;
        entries.push(entry.to_vec());
        rest = tail;
    }
    if entries.len() != usize::from(tile.width) {
        return Err(malformed(
            "entry bundle",
            format!("{tile}: {} entries", entries.len()),
        ));
    }
    Ok(entries)
}

/// Writes entries as a bundle (each a big-endian `u16` length and its bytes).
pub fn encode_bundle<E: AsRef<[u8]>>(entries: &[E]) -> Result<Vec<u8>, TlogError> {
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.as_ref();
        let len = u16::try_from(entry.len())
            .map_err(|_| malformed("entry", "longer than 65535 bytes"))?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(entry);
    }
    Ok(out)
}

/// The tree of `size` leaves seen through its tiles: a [`HashSource`].
pub struct TreeTiles<'a, R: TileReader + ?Sized> {
    reader: &'a R,
    size: u64,
}

impl<'a, R: TileReader + ?Sized> TreeTiles<'a, R> {
    /// The tree of `size` leaves, read through `reader`.
    pub fn new(reader: &'a R, size: u64) -> Self {
        Self { reader, size }
    }

    /// The tree size.
    pub fn size(&self) -> u64 {
        self.size
    }
}

impl<R: TileReader + ?Sized> HashSource for TreeTiles<'_, R> {
    fn node(&self, level: u8, index: u64) -> Result<Hash, TlogError> {
        let out_of_range = TlogError::OutOfRange {
            index,
            size: self.size,
        };
        let end = index
            .checked_add(1)
            .and_then(|next| next.checked_shl(u32::from(level)))
            .ok_or(out_of_range.clone())?;
        if end > self.size || level >= 64 {
            return Err(out_of_range);
        }
        let tile_level = level / TILE_HEIGHT;
        let sub = level % TILE_HEIGHT;
        let first = index << sub;
        let tile = TileId::in_tree(TileKind::Hashes(tile_level), first / TILE_WIDTH, self.size)
            .ok_or(out_of_range)?;
        let hashes = parse_hash_tile(&tile, &self.reader.read_tile(&tile)?)?;
        let offset = usize::try_from(first % TILE_WIDTH).unwrap_or(usize::MAX);
        let span = 1usize << sub;
        let part = hashes
            .get(offset..offset.saturating_add(span))
            .ok_or_else(|| malformed("tile", format!("{tile}: too short")))?;
        Ok(root_of_leaves(part))
    }
}

/// A tile or bundle to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTile {
    /// Which tile.
    pub id: TileId,
    /// Its bytes.
    pub data: Vec<u8>,
}

/// Every tile and entry bundle that appending `entries` to the tree of `old_size` leaves
/// writes (full tiles newly completed, and the new partial tiles). Reads only the old tree's
/// partial tiles. Tiles already stored are never rewritten: a path's bytes never change.
pub fn append_tiles<E: AsRef<[u8]>>(
    reader: &(impl TileReader + ?Sized),
    old_size: u64,
    entries: &[E],
) -> Result<Vec<NewTile>, TlogError> {
    let mut out = Vec::new();
    if entries.is_empty() {
        return Ok(out);
    }
    let new_size = old_size + entries.len() as u64;

    // Entry bundles: the old partial bundle's entries, then the new ones.
    let first_bundle = old_size / TILE_WIDTH;
    let mut bundle_entries: Vec<Vec<u8>> =
        match TileId::in_tree(TileKind::Entries, first_bundle, old_size) {
            Some(tile) => parse_bundle(&tile, &reader.read_tile(&tile)?)?,
            None => Vec::new(),
        };
    bundle_entries.extend(entries.iter().map(|e| e.as_ref().to_vec()));
    for (offset, chunk) in bundle_entries.chunks(256).enumerate() {
        let index = first_bundle + offset as u64;
        out.push(NewTile {
            id: TileId {
                kind: TileKind::Entries,
                index,
                width: u16::try_from(chunk.len()).unwrap_or(256),
            },
            data: encode_bundle(chunk)?,
        });
    }

    // Hash tiles, level by level: the hashes new at this level come from the level below.
    let mut new_hashes: Vec<Hash> = entries.iter().map(|e| leaf_hash(e.as_ref())).collect();
    for level in 0..8u8 {
        let kind = TileKind::Hashes(level);
        let old_count = hashes_at(kind, old_size);
        let new_count = hashes_at(kind, new_size);
        if new_count == old_count || new_hashes.is_empty() {
            break;
        }
        let first_tile = old_count / TILE_WIDTH;
        let mut hashes = match TileId::in_tree(kind, first_tile, old_size) {
            Some(tile) if !tile.is_full() => parse_hash_tile(&tile, &reader.read_tile(&tile)?)?,
            _ => Vec::new(),
        };
        hashes.append(&mut new_hashes);
        if hashes.len() as u64 != new_count - first_tile * TILE_WIDTH {
            return Err(malformed(
                "tile",
                "stored tiles disagree with the tree size",
            ));
        }
        for (offset, chunk) in hashes.chunks(256).enumerate() {
            let id = TileId {
                kind,
                index: first_tile + offset as u64,
                width: u16::try_from(chunk.len()).unwrap_or(256),
            };
            if id.is_full() {
                new_hashes.push(root_of_leaves(chunk));
            }
            let mut data = Vec::with_capacity(chunk.len() * Hash::LEN);
            for hash in chunk {
                data.extend_from_slice(&hash.0);
            }
            out.push(NewTile { id, data });
        }
    }
    Ok(out)
}

/// The tiles [`append_tiles`] reads when appending to the tree of `old_size` leaves: its
/// partial entry bundle and partial hash tiles. Fetch them first, then append.
pub fn append_reads(old_size: u64) -> Vec<TileId> {
    let mut kinds = vec![TileKind::Entries];
    kinds.extend((0..8).map(TileKind::Hashes));
    kinds
        .into_iter()
        .filter_map(|kind| TileId::in_tree(kind, hashes_at(kind, old_size) / TILE_WIDTH, old_size))
        .filter(|tile| !tile.is_full())
        .collect()
}

/// The tiles an operation on the tree of `size` leaves reads (a root, a proof), found by
/// running it once over placeholder tiles. Fetch them, then run it for real over
/// [`TreeTiles`]: the store behind a server is async, the tree code is not.
pub fn tiles_needed<T>(
    size: u64,
    operation: impl FnOnce(&TreeTiles<'_, Recorder>) -> Result<T, TlogError>,
) -> Vec<TileId> {
    let recorder = Recorder::default();
    // The placeholder hashes give a wrong answer on purpose; only the reads matter.
    let _ = operation(&TreeTiles::new(&recorder, size));
    recorder.0.into_inner().into_iter().collect()
}

/// Records which tiles are read and answers zeros; see [`tiles_needed`].
#[derive(Default)]
pub struct Recorder(std::cell::RefCell<std::collections::BTreeSet<TileId>>);

impl TileReader for Recorder {
    fn read_tile(&self, tile: &TileId) -> Result<Vec<u8>, TlogError> {
        self.0.borrow_mut().insert(*tile);
        Ok(vec![0; usize::from(tile.width) * Hash::LEN])
    }
}

/// Tiles held in memory, by id: what a server fetched for one operation, or a verifier's
/// download.
#[derive(Debug, Default, Clone)]
pub struct MemoryTiles(pub std::collections::BTreeMap<TileId, Vec<u8>>);

impl TileReader for MemoryTiles {
    fn read_tile(&self, tile: &TileId) -> Result<Vec<u8>, TlogError> {
        self.0
            .get(tile)
            .cloned()
            .ok_or_else(|| TlogError::MissingTile(tile.path()))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::tree::{inclusion_proof, tree_hash};

    #[derive(Default)]
    struct Memory(BTreeMap<TileId, Vec<u8>>);

    impl TileReader for Memory {
        fn read_tile(&self, tile: &TileId) -> Result<Vec<u8>, TlogError> {
            self.0
                .get(tile)
                .cloned()
                .ok_or_else(|| TlogError::MissingTile(tile.path()))
        }
    }

    #[test]
    fn paths_follow_the_spec_examples() {
        let tile = TileId {
            kind: TileKind::Hashes(0),
            index: 1_234_067,
            width: 256,
        };
        assert_eq!(tile.path(), "tile/0/x001/x234/067");
        let partial = TileId {
            kind: TileKind::Entries,
            index: 5,
            width: 112,
        };
        assert_eq!(partial.path(), "tile/entries/005.p/112");
        for id in [tile, partial] {
            assert_eq!(TileId::parse_path(&id.path()).unwrap(), id);
        }
        for bad in [
            "tile/0/5",
            "tile/0/x000/005",
            "tile/00/005",
            "tile/0/005.p/256",
            "tile/0/005.p/0",
            "tile/64/000",
            "tile/0/005.p/07",
            "tile/0/../005",
        ] {
            assert!(TileId::parse_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tile_widths_follow_the_spec_example_of_70000() {
        let tiles = TileId::all_in_tree(70_000);
        let level = |l: u8| -> Vec<TileId> {
            tiles
                .iter()
                .filter(|t| t.kind == TileKind::Hashes(l))
                .copied()
                .collect()
        };
        assert_eq!(level(0).len(), 274);
        assert_eq!(level(0).last().unwrap().width, 112);
        assert_eq!(level(1).len(), 2);
        assert_eq!(level(1).last().unwrap().width, 17);
        assert_eq!(level(2).len(), 1);
        assert_eq!(level(2)[0].width, 1);
        assert!(level(3).is_empty());
    }

    #[test]
    fn appending_in_batches_gives_the_same_tiles_and_root_as_the_leaves() {
        let entries: Vec<Vec<u8>> = (0..70_000u32).map(|i| i.to_be_bytes().to_vec()).collect();
        let leaves: Vec<Hash> = entries.iter().map(|e| leaf_hash(e)).collect();
        let mut store = Memory::default();
        let mut size = 0u64;
        for batch in [1usize, 255, 1, 300, 65_000, 3_000, 1_443] {
            let start = usize::try_from(size).unwrap();
            let new = &entries[start..start + batch];
            for tile in append_tiles(&store, size, new).unwrap() {
                store.0.insert(tile.id, tile.data);
            }
            size += batch as u64;
            let tree = TreeTiles::new(&store, size);
            let expected = root_of_leaves(&leaves[..usize::try_from(size).unwrap()]);
            assert_eq!(tree_hash(&tree, size).unwrap(), expected, "size {size}");
            for tile in TileId::all_in_tree(size) {
                assert!(store.0.contains_key(&tile), "{tile} missing at {size}");
            }
            let index = size / 2;
            assert_eq!(
                inclusion_proof(&tree, index, size).unwrap(),
                inclusion_proof(&leaves[..usize::try_from(size).unwrap()], index, size).unwrap()
            );
        }
        assert_eq!(size, 70_000);
        let bundle = TileId::in_tree(TileKind::Entries, 3, size).unwrap();
        let parsed = parse_bundle(&bundle, &store.0[&bundle]).unwrap();
        assert_eq!(parsed[0], entries[768]);
    }

    #[test]
    fn the_reads_announced_are_the_reads_made() {
        let entries: Vec<Vec<u8>> = (0..700u32).map(|i| i.to_le_bytes().to_vec()).collect();
        let mut store = MemoryTiles::default();
        for tile in append_tiles(&store, 0, &entries[..300]).unwrap() {
            store.0.insert(tile.id, tile.data);
        }
        // Only the announced tiles are available: appending and the root still work.
        let mut fetched = MemoryTiles::default();
        for id in append_reads(300) {
            fetched.0.insert(id, store.0[&id].clone());
        }
        for tile in append_tiles(&fetched, 300, &entries[300..]).unwrap() {
            store.0.insert(tile.id, tile.data);
        }
        let needed = tiles_needed(700, |tree| tree_hash(tree, 700));
        let mut subset = MemoryTiles::default();
        for id in needed {
            subset.0.insert(id, store.0[&id].clone());
        }
        let leaves: Vec<Hash> = entries.iter().map(|e| leaf_hash(e)).collect();
        assert_eq!(
            tree_hash(&TreeTiles::new(&subset, 700), 700).unwrap(),
            root_of_leaves(&leaves)
        );
        let needed = tiles_needed(700, |tree| inclusion_proof(tree, 5, 700));
        let mut subset = MemoryTiles::default();
        for id in needed {
            subset.0.insert(id, store.0[&id].clone());
        }
        assert_eq!(
            inclusion_proof(&TreeTiles::new(&subset, 700), 5, 700).unwrap(),
            inclusion_proof(leaves.as_slice(), 5, 700).unwrap()
        );
    }

    #[test]
    fn a_bundle_with_a_wrong_count_or_truncation_is_refused() {
        let id = TileId {
            kind: TileKind::Entries,
            index: 0,
            width: 2,
        };
        let data = encode_bundle(&[b"ab".as_slice(), b"c"]).unwrap();
        assert_eq!(parse_bundle(&id, &data).unwrap().len(), 2);
        assert!(parse_bundle(&id, &data[..data.len() - 1]).is_err());
        let one = TileId { width: 1, ..id };
        assert!(parse_bundle(&one, &data).is_err());
    }
}
