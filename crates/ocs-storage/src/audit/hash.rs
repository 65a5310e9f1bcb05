//! [`AuditHash`]: one link of the audit chain, stored as its 32 raw bytes.

use std::fmt;

/// The SHA-256 chain hash of an audit row (see [`super::chain_hash`]), or [`super::GENESIS`]
/// before the first row. Its own type so that it is not confused with the other 32-byte
/// values that cross the storage traits (tags, claim keys, session hashes).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AuditHash([u8; 32]);

impl AuditHash {
    /// Wraps 32 bytes (a SHA-256 output, or a stored hash read back).
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw bytes, for storage.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A stored hash column read back for verification. A damaged column (not 32 bytes) reads
    /// as all `0xff`, a hash no chain produces, so the verifier reports the row instead of the
    /// read failing; both backends read rows this way.
    pub fn from_stored(bytes: &[u8]) -> Self {
        Self(<[u8; 32]>::try_from(bytes).unwrap_or([0xff; 32]))
    }
}

impl AsRef<[u8]> for AuditHash {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for AuditHash {
    /// Lowercase hex, as `ocs audit verify` prints the head.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for AuditHash {
    // Not secret: the head is printed for operators to keep elsewhere.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AuditHash({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_lowercase_hex() {
        let mut bytes = [0; 32];
        bytes[0] = 0xab;
        bytes[31] = 0x01;
        let hash = AuditHash::from_bytes(bytes);
        let text = hash.to_string();
        assert_eq!(text.len(), 64);
        assert!(text.starts_with("ab00"));
        assert!(text.ends_with("0001"));
        assert_eq!(hash.as_ref(), &bytes[..]);
    }

    #[test]
    fn a_damaged_column_reads_as_no_chain_hash() {
        assert_eq!(
            AuditHash::from_stored(&[1; 32]),
            AuditHash::from_bytes([1; 32])
        );
        assert_eq!(
            AuditHash::from_stored(&[1; 31]),
            AuditHash::from_bytes([0xff; 32])
        );
    }
}
