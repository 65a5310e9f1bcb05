//! Integration tests of `ocs-tlog`: a second, deliberately naive Merkle implementation written
//! from the RFC 6962 definitions agrees with the tiled one on roots, inclusion and
//! consistency proofs; property tests over random append and withdraw sequences.
#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: helpers outside #[test] functions fail loudly, like the tests"
)]

mod reference;

use std::collections::BTreeMap;

use ocs_domain::CountryCode;
use ocs_tlog::entry::{Channel, Entry, SigningHour, Tally};
use ocs_tlog::hash::leaf_hash;
use ocs_tlog::tiles::{TileId, TileReader, TreeTiles, append_tiles};
use ocs_tlog::tree::{
    consistency_proof, inclusion_proof, tree_hash, verify_consistency, verify_inclusion,
};
use ocs_tlog::{Checkpoint, NoteSigner, ProofFile, TlogError};
use proptest::prelude::*;

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

/// Appends `entries` in the given batch sizes, checking the tiled tree against the reference
/// after every batch: the root, inclusion proofs and consistency with earlier sizes (every
/// one for small trees, a spread with both ends for larger ones).
fn check_against_reference(entries: &[Vec<u8>], batches: &[usize]) {
    let mut store = Memory::default();
    let mut size = 0usize;
    for &batch in batches {
        let batch = batch.min(entries.len() - size);
        if batch == 0 {
            continue;
        }
        for tile in append_tiles(&store, size as u64, &entries[size..size + batch]).unwrap() {
            store.0.insert(tile.id, tile.data);
        }
        size += batch;
        let data = &entries[..size];
        let tree = TreeTiles::new(&store, size as u64);
        let root = tree_hash(&tree, size as u64).unwrap();
        assert_eq!(root, reference::root(data), "root at {size}");
        let step = (size / 40).max(1);
        for index in (0..size).step_by(step).chain([size - 1]) {
            let proof = inclusion_proof(&tree, index as u64, size as u64).unwrap();
            assert_eq!(
                proof,
                reference::path(index, data),
                "path {index} at {size}"
            );
            verify_inclusion(
                &leaf_hash(&data[index]),
                index as u64,
                size as u64,
                &proof,
                &root,
            )
            .unwrap();
        }
        for old in (0..=size).step_by(step).chain([size - 1, size]) {
            let old_root = reference::root(&entries[..old]);
            let proof = consistency_proof(&tree, old as u64, size as u64).unwrap();
            assert_eq!(proof, reference::consistency(old, data), "{old} → {size}");
            verify_consistency(old as u64, size as u64, &proof, &old_root, &root).unwrap();
        }
    }
}

#[test]
fn tiles_agree_with_the_reference_across_tile_boundaries() {
    let entries: Vec<Vec<u8>> = (0..600u32)
        .map(|i| format!("entry {i}").into_bytes())
        .collect();
    check_against_reference(&entries, &[1, 2, 253, 1, 255, 1, 87]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_batches_agree_with_the_reference(
        batches in proptest::collection::vec(1usize..40, 1..12),
    ) {
        let total: usize = batches.iter().sum();
        let entries: Vec<Vec<u8>> = (0..total).map(|i| vec![u8::try_from(i % 251).unwrap(); i % 7]).collect();
        check_against_reference(&entries, &batches);
    }

    #[test]
    fn random_append_and_withdraw_sequences_fold_to_the_live_statements(
        steps in proptest::collection::vec((0usize..27, 0u8..3, any::<bool>(), any::<u16>()), 1..120),
    ) {
        let mut entries: Vec<Vec<u8>> = Vec::new();
        let mut live: BTreeMap<u64, CountryCode> = BTreeMap::new();
        for (country, channel, withdraw, pick) in steps {
            if withdraw && !live.is_empty() {
                let keys: Vec<u64> = live.keys().copied().collect();
                let target = keys[usize::from(pick) % keys.len()];
                live.remove(&target);
                entries.push(Entry::Withdraw { index: target }.to_line().into_bytes());
            } else {
                let country = CountryCode::ALL[country];
                let channel = [Channel::Online, Channel::Paper, Channel::Eid][usize::from(channel)];
                live.insert(entries.len() as u64, country);
                entries.push(Entry::Add {
                    country,
                    channel,
                    hour: SigningHour::parse("2026-05-04T10").unwrap(),
                    commitment: leaf_hash(&entries.len().to_be_bytes()),
                }.to_line().into_bytes());
            }
        }
        let tally = Tally::fold(&entries).unwrap();
        let mut expected: BTreeMap<CountryCode, u64> = BTreeMap::new();
        for country in live.values() {
            *expected.entry(*country).or_default() += 1;
        }
        prop_assert_eq!(tally.by_country(), expected);
        prop_assert_eq!(tally.total(), live.len() as u64);
        // Replaying a withdrawal of an already withdrawn statement is refused.
        if let Some(Entry::Withdraw { index }) = entries.iter().rev().find_map(|e| match Entry::parse(e) {
            Ok(w @ Entry::Withdraw { .. }) => Some(w),
            _ => None,
        }) {
            let mut replay = entries.clone();
            replay.push(Entry::Withdraw { index }.to_line().into_bytes());
            prop_assert!(Tally::fold(&replay).is_err());
        }
    }

    #[test]
    fn tile_paths_round_trip(index in any::<u64>(), level in 0u8..64, width in 1u16..=256) {
        for kind in [ocs_tlog::tiles::TileKind::Hashes(level), ocs_tlog::tiles::TileKind::Entries] {
            let id = TileId { kind, index, width };
            prop_assert_eq!(TileId::parse_path(&id.path()).unwrap(), id);
        }
    }

    #[test]
    fn entry_parsing_never_panics_and_round_trips(text in "\\PC{0,90}") {
        if let Ok(entry) = Entry::parse(text.as_bytes()) {
            prop_assert_eq!(entry.to_line(), text);
        }
    }
}

#[test]
fn a_receipt_proof_file_checks_end_to_end() {
    let signer = NoteSigner::new("ocs.example/log/demo", &[9; 32]).unwrap();
    let entries: Vec<Vec<u8>> = (0..300u32)
        .map(|i| {
            Entry::Add {
                country: CountryCode::FR,
                channel: Channel::Online,
                hour: SigningHour::parse("2026-01-01T00").unwrap(),
                commitment: leaf_hash(&i.to_be_bytes()),
            }
            .to_line()
            .into_bytes()
        })
        .collect();
    let mut store = Memory::default();
    for tile in append_tiles(&store, 0, &entries).unwrap() {
        store.0.insert(tile.id, tile.data);
    }
    let tree = TreeTiles::new(&store, 300);
    let checkpoint = Checkpoint {
        origin: "ocs.example/log/demo".to_owned(),
        size: 300,
        root: tree_hash(&tree, 300).unwrap(),
        extensions: Vec::new(),
    };
    let proof = ProofFile {
        extra: Some(entries[257].clone()),
        index: 257,
        proof: inclusion_proof(&tree, 257, 300).unwrap(),
        checkpoint: checkpoint.sign(&signer).unwrap(),
    };
    let parsed = ProofFile::parse(&proof.to_text()).unwrap();
    let opened = parsed
        .verify(&entries[257], "ocs.example/log/demo", &signer.verifier())
        .unwrap();
    assert_eq!(opened, checkpoint);
    assert!(
        parsed
            .verify(&entries[256], "ocs.example/log/demo", &signer.verifier())
            .is_err()
    );
}
