//! RFC 6962 hashing: leaf and interior node hashes and the empty tree's root.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use crate::{TlogError, malformed};

/// A SHA-256 value in the tree: a leaf hash, an interior node or a root.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash(pub [u8; 32]);

impl Hash {
    /// Size in bytes.
    pub const LEN: usize = 32;

    /// Lowercase hex.
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    /// Standard base64 with padding (checkpoints, proof files).
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    /// Parses 64 hex digits (either case).
    pub fn parse_hex(text: &str) -> Result<Self, TlogError> {
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return Err(malformed("hash", "expected 64 hex digits"));
        }
        let mut out = [0u8; 32];
        for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
            let (Some(&high), Some(&low)) = (pair.first(), pair.get(1)) else {
                return Err(malformed("hash", "odd length"));
            };
            *slot = (hex_digit(high)? << 4) | hex_digit(low)?;
        }
        Ok(Self(out))
    }

    /// Parses standard base64 of exactly 32 bytes.
    pub fn parse_base64(text: &str) -> Result<Self, TlogError> {
        let bytes = STANDARD
            .decode(text)
            .map_err(|_| malformed("hash", "not base64"))?;
        Self::from_slice(&bytes)
    }

    /// Takes exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, TlogError> {
        <[u8; 32]>::try_from(bytes)
            .map(Self)
            .map_err(|_| malformed("hash", "expected 32 bytes"))
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

fn hex_digit(byte: u8) -> Result<u8, TlogError> {
    match byte {
        b'0'..=b'9' => Ok(byte - b'0'),
        b'a'..=b'f' => Ok(byte - b'a' + 10),
        b'A'..=b'F' => Ok(byte - b'A' + 10),
        _ => Err(malformed("hash", "not a hex digit")),
    }
}

/// Lowercase hex of any bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0x0f] {
            out.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    out
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> Hash {
    Hash(Sha256::digest(data).into())
}

/// The hash of a leaf: SHA-256(0x00 ‖ entry).
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x00]);
    hasher.update(entry);
    Hash(hasher.finalize().into())
}

/// The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x01]);
    hasher.update(left.0);
    hasher.update(right.0);
    Hash(hasher.finalize().into())
}

/// The root of the empty tree: SHA-256 of nothing.
pub fn empty_root() -> Hash {
    sha256(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_base64_round_trip() {
        let hash = leaf_hash(b"x");
        assert_eq!(Hash::parse_hex(&hash.to_hex()).unwrap(), hash);
        assert_eq!(
            Hash::parse_hex(&hash.to_hex().to_uppercase()).unwrap(),
            hash
        );
        assert_eq!(Hash::parse_base64(&hash.to_base64()).unwrap(), hash);
        assert!(Hash::parse_hex("zz").is_err());
        assert!(Hash::parse_base64("AAAA").is_err());
    }

    #[test]
    fn empty_root_is_sha256_of_nothing() {
        assert_eq!(
            empty_root().to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn leaf_and_node_prefixes_differ() {
        // The RFC 6962 domain separation: a leaf never equals an interior node over the
        // same bytes.
        let a = leaf_hash(b"a");
        let b = leaf_hash(b"b");
        let mut joined = Vec::from(a.0);
        joined.extend_from_slice(&b.0);
        assert_ne!(leaf_hash(&joined), node_hash(&a, &b));
    }
}
