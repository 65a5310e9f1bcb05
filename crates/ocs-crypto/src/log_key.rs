//! The Ed25519 seeds of the per-initiative tally log keys (ADR 0007), derived from the server
//! key like the other server-side keys: nothing of them is stored in the database.
//!
//! A log's key is bound to its origin (`host/log/<slug>`): the same server key and origin
//! always give the same key, so every node signs alike and a restart keeps the log's
//! identity. Replacing the server key starts a new log identity (documented in the ADR).

use zeroize::Zeroizing;

use crate::hash::hmac_sha256;
use crate::secret::SecretKey;

/// Derives log signing seeds.
pub struct LogKeys(SecretKey);

impl LogKeys {
    /// From the server key.
    pub fn new(server_key: &SecretKey) -> Self {
        Self(server_key.derive("openocs tally log v1"))
    }

    /// The 32-byte Ed25519 seed of the log with this origin.
    pub fn seed(&self, origin: &str) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(hmac_sha256(
            self.0.bytes(),
            &[b"log key:", origin.as_bytes()],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_stable_and_apart_per_origin_and_server_key() {
        let keys = LogKeys::new(&SecretKey::from_bytes([1; 32]));
        assert_eq!(*keys.seed("a/log/x"), *keys.seed("a/log/x"));
        assert_ne!(*keys.seed("a/log/x"), *keys.seed("a/log/y"));
        let other = LogKeys::new(&SecretKey::from_bytes([2; 32]));
        assert_ne!(*keys.seed("a/log/x"), *other.seed("a/log/x"));
    }
}
