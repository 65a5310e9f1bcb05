//! Typed identifiers: initiatives, statements and de-duplication tags.

use std::fmt;
use std::str::FromStr;

/// The stable number of an initiative within one deployment. Every stored row carries it, so
/// the data of two initiatives never mix.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct InitiativeId(u32);

impl InitiativeId {
    /// Wraps a number given by the configuration or the database.
    pub const fn new(value: u32) -> Self {
        Self(value)
    }

    /// The number, for storage.
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for InitiativeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The identifier of one statement of support: 128 random bits, shown to the signer on the
/// receipt as 26 characters of Crockford base32.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatementId([u8; 16]);

/// The text was not a statement identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a statement identifier")]
pub struct BadStatementId;

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl StatementId {
    /// Wraps 16 bytes that came from the secure random source.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    /// The raw bytes, for storage.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Parses the 26-character text form (case-insensitive; `O`, `I`, `L` read as `0`, `1`, `1`).
    pub fn parse(text: &str) -> Result<Self, BadStatementId> {
        let text = text.trim();
        if text.len() != 26 {
            return Err(BadStatementId);
        }
        let mut value: u128 = 0;
        for (position, byte) in text.bytes().enumerate() {
            let digit = match byte.to_ascii_uppercase() {
                b'O' => 0,
                b'I' | b'L' => 1,
                upper => CROCKFORD
                    .iter()
                    .position(|&c| c == upper)
                    .ok_or(BadStatementId)?,
            };
            // 26 digits carry 130 bits, 2 more than 128: the first digit holds only the
            // top 3 bits of the value, so it is at most 7.
            if position == 0 && digit > 7 {
                return Err(BadStatementId);
            }
            value = (value << 5) | u128::try_from(digit).map_err(|_| BadStatementId)?;
        }
        Ok(Self(value.to_be_bytes()))
    }
}

impl fmt::Display for StatementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = u128::from_be_bytes(self.0);
        let mut out = [0u8; 26];
        for (index, slot) in out.iter_mut().enumerate() {
            let shift = 5 * (25 - index);
            let digit = usize::try_from((value >> shift) & 0x1f).unwrap_or(0);
            *slot = CROCKFORD.get(digit).copied().unwrap_or(b'0');
        }
        f.write_str(std::str::from_utf8(&out).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for StatementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StatementId({self})")
    }
}

impl FromStr for StatementId {
    type Err = BadStatementId;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// The keyed hash of a signer's normalised identity. Two statements with the same tag within
/// one initiative come from the same person; the tag alone reveals nothing about who that is.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DedupTag([u8; 32]);

impl DedupTag {
    /// Wraps the 32 bytes of an HMAC-SHA256 output.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw bytes, for storage.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for DedupTag {
    // The tag is pseudonymous personal data: keep it out of debug output and logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DedupTag(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn statement_ids_round_trip_through_text(bytes in any::<[u8; 16]>()) {
            let id = StatementId::from_bytes(bytes);
            let text = id.to_string();
            prop_assert_eq!(text.len(), 26);
            prop_assert_eq!(StatementId::parse(&text), Ok(id));
            prop_assert_eq!(StatementId::parse(&text.to_lowercase()), Ok(id));
        }

        #[test]
        fn statement_id_parser_never_panics(text in ".{0,40}") {
            let _ = StatementId::parse(&text);
        }
    }

    #[test]
    fn statement_id_rejects_wrong_length_and_overflow() {
        assert_eq!(StatementId::parse("ABC"), Err(BadStatementId));
        assert_eq!(
            StatementId::parse("Z0000000000000000000000000"),
            Err(BadStatementId)
        );
        assert!(StatementId::parse("30000000000000000000000000").is_ok());
        assert!(StatementId::parse("7ZZZZZZZZZZZZZZZZZZZZZZZZZ").is_ok());
        assert_eq!(
            StatementId::parse("80000000000000000000000000"),
            Err(BadStatementId)
        );
        assert_eq!(
            StatementId::parse("0000000000000000000000000U"),
            Err(BadStatementId)
        );
    }

    #[test]
    fn dedup_tag_debug_hides_bytes() {
        assert_eq!(
            format!("{:?}", DedupTag::from_bytes([7; 32])),
            "DedupTag(..)"
        );
    }
}
