//! A second Merkle implementation, written straight from RFC 6962 §2.1 with slices and
//! recursion: slow and obvious on purpose, sharing no code with the crate but SHA-256.

use ocs_tlog::hash::Hash;
use sha2::{Digest, Sha256};

fn sha(parts: &[&[u8]]) -> Hash {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    Hash(hasher.finalize().into())
}

fn k(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// MTH(D[n]).
pub fn root(data: &[Vec<u8>]) -> Hash {
    match data.len() {
        0 => sha(&[]),
        1 => sha(&[&[0x00], &data[0]]),
        n => {
            let split = k(n);
            let left = root(&data[..split]);
            let right = root(&data[split..]);
            sha(&[&[0x01], &left.0, &right.0])
        }
    }
}

/// PATH(m, D[n]).
pub fn path(m: usize, data: &[Vec<u8>]) -> Vec<Hash> {
    let n = data.len();
    if n <= 1 {
        return Vec::new();
    }
    let split = k(n);
    if m < split {
        let mut out = path(m, &data[..split]);
        out.push(root(&data[split..]));
        out
    } else {
        let mut out = path(m - split, &data[split..]);
        out.push(root(&data[..split]));
        out
    }
}

/// PROOF(m, D[n]).
pub fn consistency(m: usize, data: &[Vec<u8>]) -> Vec<Hash> {
    if m == 0 || m == data.len() {
        return Vec::new();
    }
    subproof(m, data, true)
}

fn subproof(m: usize, data: &[Vec<u8>], complete: bool) -> Vec<Hash> {
    let n = data.len();
    if m == n {
        return if complete {
            Vec::new()
        } else {
            vec![root(data)]
        };
    }
    let split = k(n);
    if m <= split {
        let mut out = subproof(m, &data[..split], complete);
        out.push(root(&data[split..]));
        out
    } else {
        let mut out = subproof(m - split, &data[split..], false);
        out.push(root(&data[..split]));
        out
    }
}
