//! The hashes a console session crosses the storage traits as: [`SessionHash`] (of the
//! session's random id; the row's key) and [`CsrfHash`] (of the session's form token). The
//! database keeps only these, never the id or the token; each is stored as its 32 raw bytes,
//! the SHA-256 of the text, exactly as before these types existed.

use std::fmt;

use sha2::{Digest, Sha256};

/// The key a console session is stored under: SHA-256 of its random id.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionHash([u8; 32]);

impl SessionHash {
    /// The hash of the session id `id` (the text after the cookie's prefix).
    pub fn of_id(id: &str) -> Self {
        Self(Sha256::digest(id.as_bytes()).into())
    }

    /// Wraps 32 stored bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw bytes, for storage.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for SessionHash {
    // Whoever reads a log must not look a session up by it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionHash(..)")
    }
}

/// What a session's form (CSRF) token is checked against: SHA-256 of the token.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CsrfHash([u8; 32]);

impl CsrfHash {
    /// The hash of the form token `token`.
    pub fn of_token(token: &str) -> Self {
        Self(Sha256::digest(token.as_bytes()).into())
    }

    /// Wraps 32 stored bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw bytes, for storage and a constant-time comparison.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for CsrfHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CsrfHash(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_bytes_are_the_sha256_of_the_text() {
        // SHA-256("abc"), the FIPS 180-2 example: the bytes written before these types.
        let abc = [
            0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae,
            0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61,
            0xf2, 0x00, 0x15, 0xad,
        ];
        assert_eq!(SessionHash::of_id("abc").as_bytes(), &abc);
        assert_eq!(CsrfHash::of_token("abc").as_bytes(), &abc);
        assert_eq!(SessionHash::from_bytes(abc), SessionHash::of_id("abc"));
        assert_ne!(SessionHash::of_id("abd"), SessionHash::of_id("abc"));
    }

    #[test]
    fn debug_shows_no_bytes() {
        assert_eq!(format!("{:?}", SessionHash::of_id("x")), "SessionHash(..)");
        assert_eq!(format!("{:?}", CsrfHash::of_token("x")), "CsrfHash(..)");
    }
}
