//! Small SHA-256 and HMAC-SHA256 helpers shared by the modules (crate-private).

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// SHA-256 over the concatenation of `parts`.
pub(crate) fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// A running HMAC-SHA256 under a 32-byte key.
pub(crate) fn hmac_sha256_start(key: &[u8; 32]) -> Hmac<Sha256> {
    // HMAC pads a key shorter than the hash block with zeros (RFC 2104, step 1), so keying
    // with the 64-byte zero-padded block is the same function as keying with the 32 bytes.
    // It lets us use the infallible `KeyInit::new` instead of `new_from_slice`, whose
    // `InvalidLength` error cannot happen for HMAC but would need a panic or a dead branch.
    let mut block = Zeroizing::new([0u8; 64]);
    for (slot, byte) in block.iter_mut().zip(key.iter()) {
        *slot = *byte;
    }
    let block_ref: &[u8; 64] = &block;
    <Hmac<Sha256> as KeyInit>::new(block_ref.into())
}

/// HMAC-SHA256 under a 32-byte key over the concatenation of `parts`.
pub(crate) fn hmac_sha256(key: &[u8; 32], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = hmac_sha256_start(key);
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_key_matches_variable_length_hmac() {
        let key = [0x0b; 32];
        let mut reference = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap();
        reference.update(b"Hi There");
        let expected: [u8; 32] = reference.finalize().into_bytes().into();
        assert_eq!(hmac_sha256(&key, &[b"Hi ", b"There"]), expected);
    }

    #[test]
    fn sha256_of_abc_matches_fips_180_vector() {
        assert_eq!(
            hex::encode(sha256(&[b"a", b"bc"])),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
