//! The binary envelope format of a sealed statement (version 1), and its parser.
//!
//! ```text
//! "OCS1"                         magic and format version, 4 bytes
//! n                              recipient count, 1 byte, 1..=255
//! n × {                          one entry per recipient, 92 bytes each
//!     key_id      8              first 8 bytes of SHA-256 of the recipient's public key
//!     enc        32              HPKE encapsulated key of the sealer's epoch
//!     counter     4              big-endian; the wrap nonce is 8 zero bytes ‖ counter
//!     wrapped    48              data key under the epoch's wrap key, with its 16-byte tag
//! }
//! payload                        plaintext under the data key, then its 16-byte tag
//! ```

use crate::CryptoError;
use crate::hash::sha256;

/// First bytes of every version-1 envelope.
pub const ENVELOPE_MAGIC: &[u8; 4] = b"OCS1";
pub(crate) const KEY_ID_LEN: usize = 8;
pub(crate) const ENC_LEN: usize = 32;
pub(crate) const COUNTER_LEN: usize = 4;
pub(crate) const TAG_LEN: usize = 16;
pub(crate) const DATA_KEY_LEN: usize = 32;
pub(crate) const WRAPPED_LEN: usize = DATA_KEY_LEN + TAG_LEN;
pub(crate) const ENTRY_LEN: usize = KEY_ID_LEN + ENC_LEN + COUNTER_LEN + WRAPPED_LEN;
pub(crate) const PREFIX_LEN: usize = ENVELOPE_MAGIC.len() + 1;

/// Bytes an envelope adds to the plaintext for `recipients` recipients (113 for one).
pub const fn envelope_overhead(recipients: usize) -> usize {
    PREFIX_LEN + recipients * ENTRY_LEN + TAG_LEN
}

/// One recipient's entry.
pub(crate) struct Entry {
    pub(crate) key_id: [u8; KEY_ID_LEN],
    pub(crate) enc: [u8; ENC_LEN],
    pub(crate) counter: u32,
    pub(crate) wrapped: [u8; WRAPPED_LEN],
}

/// A parsed envelope borrowing the input.
pub(crate) struct Parsed<'a> {
    /// Magic, count and entries: bound into the payload's associated data.
    pub(crate) header: &'a [u8],
    pub(crate) entries: Vec<Entry>,
    /// Ciphertext followed by the tag (at least `TAG_LEN` bytes).
    pub(crate) payload: &'a [u8],
}

pub(crate) fn parse(envelope: &[u8]) -> Result<Parsed<'_>, CryptoError> {
    let rest = envelope
        .strip_prefix(ENVELOPE_MAGIC.as_slice())
        .ok_or(CryptoError::MalformedEnvelope("not an OCS1 envelope"))?;
    let (&count, rest) = rest.split_first().ok_or(CryptoError::MalformedEnvelope(
        "truncated before the recipient count",
    ))?;
    if count == 0 {
        return Err(CryptoError::MalformedEnvelope("no recipients"));
    }
    let entries_len = usize::from(count) * ENTRY_LEN;
    let (entry_bytes, payload) =
        rest.split_at_checked(entries_len)
            .ok_or(CryptoError::MalformedEnvelope(
                "truncated in the recipient entries",
            ))?;
    if payload.len() < TAG_LEN {
        return Err(CryptoError::MalformedEnvelope("truncated in the payload"));
    }
    let header = envelope
        .get(..PREFIX_LEN + entries_len)
        .ok_or(CryptoError::MalformedEnvelope("truncated"))?;
    let entries = entry_bytes
        .chunks_exact(ENTRY_LEN)
        .map(parse_entry)
        .collect::<Option<Vec<_>>>()
        .ok_or(CryptoError::MalformedEnvelope("bad recipient entry"))?;
    Ok(Parsed {
        header,
        entries,
        payload,
    })
}

fn parse_entry(bytes: &[u8]) -> Option<Entry> {
    let (key_id, rest) = bytes.split_first_chunk::<KEY_ID_LEN>()?;
    let (enc, rest) = rest.split_first_chunk::<ENC_LEN>()?;
    let (counter, rest) = rest.split_first_chunk::<COUNTER_LEN>()?;
    let wrapped: &[u8; WRAPPED_LEN] = rest.try_into().ok()?;
    Some(Entry {
        key_id: *key_id,
        enc: *enc,
        counter: u32::from_be_bytes(*counter),
        wrapped: *wrapped,
    })
}

/// The key ids an envelope names, in order, without opening it.
pub fn envelope_recipients(envelope: &[u8]) -> Result<Vec<[u8; KEY_ID_LEN]>, CryptoError> {
    Ok(parse(envelope)?
        .entries
        .iter()
        .map(|entry| entry.key_id)
        .collect())
}

/// Nonce of the `counter`-th wrap under one epoch key.
pub(crate) fn wrap_nonce(counter: u32) -> [u8; 12] {
    let mut nonce = [0u8; 12];
    for (slot, byte) in nonce.iter_mut().skip(8).zip(counter.to_be_bytes()) {
        *slot = byte;
    }
    nonce
}

/// Associated data of a wrapped data key: binds the caller's AAD and the recipient named.
pub(crate) fn wrap_aad(aad: &[u8], key_id: [u8; KEY_ID_LEN]) -> [u8; 32] {
    let length = u64::try_from(aad.len()).unwrap_or(u64::MAX).to_be_bytes();
    sha256(&[b"openocs wrap aad v1", &length, aad, &key_id])
}

/// Associated data of the payload: binds the caller's AAD and the whole header, so a change
/// to any recipient's entry (or adding, removing, reordering entries) makes the envelope fail
/// for every recipient, not only for the one whose entry changed.
pub(crate) fn payload_aad(aad: &[u8], header: &[u8]) -> [u8; 32] {
    let length = u64::try_from(aad.len()).unwrap_or(u64::MAX).to_be_bytes();
    sha256(&[b"openocs payload aad v1", &length, aad, header])
}
