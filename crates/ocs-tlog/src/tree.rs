//! Merkle tree hashes and proofs (RFC 6962 §2.1, verification as in RFC 9162 §2.1.3–2.1.4)
//! over any source of complete-subtree hashes.

use crate::TlogError;
use crate::hash::{Hash, empty_root, node_hash};

/// Gives the hash of a complete subtree: the node at `level` (0 = leaves) and `index`,
/// covering leaves `index·2^level .. (index+1)·2^level`.
pub trait HashSource {
    /// The node's hash, or an error when the data behind it is not available.
    fn node(&self, level: u8, index: u64) -> Result<Hash, TlogError>;
}

/// Any slice of leaf hashes is a source (tests, small trees).
impl HashSource for [Hash] {
    fn node(&self, level: u8, index: u64) -> Result<Hash, TlogError> {
        let width = 1u64 << level;
        let start = index * width;
        let leaves = slice_range(self, start, start + width)?;
        Ok(root_of_leaves(leaves))
    }
}

fn slice_range(leaves: &[Hash], start: u64, end: u64) -> Result<&[Hash], TlogError> {
    let size = leaves.len() as u64;
    let out_of_range = TlogError::OutOfRange { index: end, size };
    match (usize::try_from(start), usize::try_from(end)) {
        (Ok(s), Ok(e)) => leaves.get(s..e).ok_or(out_of_range),
        _ => Err(out_of_range),
    }
}

/// The RFC 6962 root of a list of leaf hashes, computed bottom-up.
pub fn root_of_leaves(leaves: &[Hash]) -> Hash {
    if leaves.is_empty() {
        return empty_root();
    }
    let mut level: Vec<Hash> = leaves.to_vec();
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [left, right] => node_hash(left, right),
                [single] => *single,
                _ => Hash::default(),
            })
            .collect();
    }
    level.first().copied().unwrap_or_else(empty_root)
}

/// The largest power of two strictly below `n` (n ≥ 2).
fn split_point(n: u64) -> u64 {
    1u64 << (n - 1).ilog2()
}

/// MTH(D[start..end]) where `start` is a multiple of the largest power of two not above
/// `end - start` (always so in RFC 6962's recursion).
pub fn range_hash(
    source: &(impl HashSource + ?Sized),
    start: u64,
    end: u64,
) -> Result<Hash, TlogError> {
    let width = end - start;
    if width == 0 {
        return Ok(empty_root());
    }
    if width.is_power_of_two() && start.is_multiple_of(width) {
        let level = u8::try_from(width.trailing_zeros()).unwrap_or(u8::MAX);
        return source.node(level, start >> level);
    }
    let k = split_point(width);
    let left = range_hash(source, start, start + k)?;
    let right = range_hash(source, start + k, end)?;
    Ok(node_hash(&left, &right))
}

/// The root of the tree of `size` leaves.
pub fn tree_hash(source: &(impl HashSource + ?Sized), size: u64) -> Result<Hash, TlogError> {
    range_hash(source, 0, size)
}

/// The inclusion proof of leaf `index` in the tree of `size` leaves (RFC 6962 PATH), from the
/// leaf's sibling up to the root's child.
pub fn inclusion_proof(
    source: &(impl HashSource + ?Sized),
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, TlogError> {
    if index >= size {
        return Err(TlogError::OutOfRange { index, size });
    }
    let mut proof = Vec::new();
    let (mut start, mut end, mut leaf) = (0u64, size, index);
    // Walk down from the root, collecting the sibling subtree at each split; the proof lists
    // them bottom-up, so reverse at the end.
    while end - start > 1 {
        let k = split_point(end - start);
        if leaf < k {
            proof.push(range_hash(source, start + k, end)?);
            end = start + k;
        } else {
            proof.push(range_hash(source, start, start + k)?);
            start += k;
            leaf -= k;
        }
    }
    proof.reverse();
    Ok(proof)
}

/// The consistency proof between the trees of `old` and `new` leaves (RFC 6962 PROOF).
/// Empty when `old` is 0 or equal to `new`.
pub fn consistency_proof(
    source: &(impl HashSource + ?Sized),
    old: u64,
    new: u64,
) -> Result<Vec<Hash>, TlogError> {
    if old > new {
        return Err(TlogError::OutOfRange {
            index: old,
            size: new,
        });
    }
    if old == 0 || old == new {
        return Ok(Vec::new());
    }
    let mut proof = Vec::new();
    let (mut start, mut end, mut m, mut complete) = (0u64, new, old, true);
    loop {
        let n = end - start;
        if m == n {
            if !complete {
                proof.push(range_hash(source, start, end)?);
            }
            break;
        }
        let k = split_point(n);
        if m <= k {
            proof.push(range_hash(source, start + k, end)?);
            end = start + k;
        } else {
            proof.push(range_hash(source, start, start + k)?);
            start += k;
            m -= k;
            complete = false;
        }
    }
    proof.reverse();
    Ok(proof)
}

/// Checks that `leaf` is at `index` in the tree of `size` leaves with root `root`.
pub fn verify_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), TlogError> {
    if index >= size {
        return Err(TlogError::OutOfRange { index, size });
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if sn == 0 {
            return Err(TlogError::BadProof("inclusion proof too long"));
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, &r);
            while fn_ & 1 == 0 && fn_ != 0 {
                fn_ >>= 1;
                sn >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    if sn != 0 {
        return Err(TlogError::BadProof("inclusion proof too short"));
    }
    if r != *root {
        return Err(TlogError::BadProof("inclusion proof leads to another root"));
    }
    Ok(())
}

/// Checks that the tree of `old` leaves with root `old_root` is a prefix of the tree of `new`
/// leaves with root `new_root`.
pub fn verify_consistency(
    old: u64,
    new: u64,
    proof: &[Hash],
    old_root: &Hash,
    new_root: &Hash,
) -> Result<(), TlogError> {
    if old > new {
        return Err(TlogError::BadProof("old tree larger than new tree"));
    }
    if old == new {
        if !proof.is_empty() {
            return Err(TlogError::BadProof(
                "proof between equal sizes must be empty",
            ));
        }
        if old_root != new_root {
            return Err(TlogError::BadProof("same size, different roots"));
        }
        return Ok(());
    }
    if old == 0 {
        if !proof.is_empty() {
            return Err(TlogError::BadProof(
                "proof from the empty tree must be empty",
            ));
        }
        return Ok(());
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let (mut fn_, mut sn) = (old - 1, new - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let Some((first, rest)) = path.split_first() else {
        return Err(TlogError::BadProof("empty consistency proof"));
    };
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if sn == 0 {
            return Err(TlogError::BadProof("consistency proof too long"));
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while fn_ & 1 == 0 && fn_ != 0 {
                fn_ >>= 1;
                sn >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    if sn != 0 {
        return Err(TlogError::BadProof("consistency proof too short"));
    }
    if fr != *old_root || sr != *new_root {
        return Err(TlogError::BadProof(
            "consistency proof leads to other roots",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;

    fn leaves(n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    #[test]
    fn every_inclusion_and_consistency_proof_of_small_trees_verifies() {
        let all = leaves(40);
        for size in 1..=40u64 {
            let tree = &all[..usize::try_from(size).unwrap()];
            let root = tree_hash(tree, size).unwrap();
            assert_eq!(root, root_of_leaves(tree));
            for index in 0..size {
                let proof = inclusion_proof(tree, index, size).unwrap();
                let leaf = tree[usize::try_from(index).unwrap()];
                verify_inclusion(&leaf, index, size, &proof, &root).unwrap();
                assert!(
                    verify_inclusion(&leaf_hash(b"other"), index, size, &proof, &root).is_err()
                );
            }
            for old in 0..=size {
                let old_root = tree_hash(tree, old).unwrap();
                let proof = consistency_proof(tree, old, size).unwrap();
                verify_consistency(old, size, &proof, &old_root, &root).unwrap();
                if old > 0 && old < size {
                    assert!(
                        verify_consistency(old, size, &proof, &leaf_hash(b"x"), &root).is_err()
                    );
                }
            }
        }
    }

    #[test]
    fn split_point_is_the_largest_power_of_two_below() {
        assert_eq!(split_point(2), 1);
        assert_eq!(split_point(3), 2);
        assert_eq!(split_point(4), 2);
        assert_eq!(split_point(5), 4);
        assert_eq!(split_point(257), 256);
    }
}
