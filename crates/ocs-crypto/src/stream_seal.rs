//! Large files sealed to one recipient key chunk by chunk, never whole in memory: the
//! whole-database snapshots of scheduled backups (`ocs_service::backup::snapshot`).
//!
//! # The container, version 1
//!
//! ```text
//! "OCS-SNAP-1"     magic and format version, 10 bytes
//! header length    u32 big-endian, at most 1 MiB
//! header           the caller's header bytes, in clear (read without the key)
//! enc              HPKE encapsulated key, 32 bytes
//! chunk …          u32 big-endian length, then a chunk sealed under the HPKE context
//! ```
//!
//! HPKE (RFC 9180) base mode with the statements' suite (DHKEM(X25519, HKDF-SHA256),
//! HKDF-SHA256, ChaCha20-Poly1305). `info` is `"openocs sealed stream v1" ‖ 0x00 ‖ header`,
//! so a changed header makes the file not open. Each chunk holds at most [`STREAM_CHUNK`]
//! bytes of plaintext; the context's sequence number fixes their order, and the associated
//! data of each chunk is one byte, 1 for the last chunk and 0 before it, so a file cut after
//! any chunk does not open either. Nothing may follow the last chunk.
//!
//! [`open_stream`] writes each chunk only after it is authenticated; a file that fails
//! further on has already written the chunks before, so the caller writes to a temporary
//! file and removes it on error.

use std::io::{Read, Write};

use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable as _, Kem, Serializable as _};
use zeroize::Zeroizing;

use crate::CryptoError;
use crate::entropy::{Entropy, EntropyRng};
use crate::keys::{RecipientPrivateKey, RecipientPublicKey};
use crate::seal::{HpkeAead, HpkeKdf};

/// First bytes of every version-1 sealed stream.
pub const STREAM_SEAL_MAGIC: &[u8; 10] = b"OCS-SNAP-1";
/// Plaintext bytes per chunk (1 MiB).
pub const STREAM_CHUNK: usize = 1 << 20;
const INFO_LABEL: &[u8] = b"openocs sealed stream v1";
const MAX_HEADER: usize = 1 << 20;
const ENC_LEN: usize = 32;
const TAG_LEN: usize = 16;

/// Why a stream could not be sealed or opened.
#[derive(Debug, thiserror::Error)]
pub enum StreamSealError {
    /// Reading the input or writing the output failed.
    #[error("sealed stream: {0}")]
    Io(#[from] std::io::Error),
    /// A key, the random source or the HPKE library failed.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// The bytes are not a sealed stream this code reads.
    #[error("not a sealed stream (OCS-SNAP-1): {0}")]
    Malformed(&'static str),
    /// Wrong private key, a changed header or chunk, or a file cut short.
    #[error(
        "the file does not open with this private key: the key is wrong, or the file was \
         changed or cut short"
    )]
    OpenFailed,
}

fn info(header: &[u8]) -> Vec<u8> {
    let mut info = Vec::with_capacity(INFO_LABEL.len() + 1 + header.len());
    info.extend_from_slice(INFO_LABEL);
    info.push(0);
    info.extend_from_slice(header);
    info
}

/// Reads until `buffer` is full or the input ends; how many bytes were read.
fn fill(input: &mut dyn Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while let Some(rest) = buffer.get_mut(filled..).filter(|rest| !rest.is_empty()) {
        match input.read(rest) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

fn length_prefix(length: usize) -> Result<[u8; 4], StreamSealError> {
    u32::try_from(length)
        .map(u32::to_be_bytes)
        .map_err(|_| StreamSealError::Malformed("a part longer than 4 GiB"))
}

/// Seals everything `input` holds to `recipient`, after `header` (kept in clear, bound to the
/// encryption), into `output`; returns the number of plaintext bytes.
pub fn seal_stream(
    recipient: &RecipientPublicKey,
    header: &[u8],
    input: &mut dyn Read,
    output: &mut dyn Write,
    entropy: &dyn Entropy,
) -> Result<u64, StreamSealError> {
    if header.len() > MAX_HEADER {
        return Err(StreamSealError::Malformed("a header longer than 1 MiB"));
    }
    let public = recipient.to_hpke()?;
    let mut rng = EntropyRng::new(entropy);
    let setup = hpke::setup_sender_with_rng::<HpkeAead, HpkeKdf, X25519HkdfSha256>(
        &hpke::OpModeS::Base,
        &public,
        &info(header),
        &mut rng,
    );
    // Checked before the result is touched: a failed source leaves a predictable key.
    rng.finish()?;
    let (encapped, mut context) = setup.map_err(CryptoError::Hpke)?;
    output.write_all(STREAM_SEAL_MAGIC)?;
    output.write_all(&length_prefix(header.len())?)?;
    output.write_all(header)?;
    let mut enc = [0u8; ENC_LEN];
    encapped.write_exact(&mut enc);
    output.write_all(&enc)?;
    // One chunk read ahead, so the last one is known when it is sealed.
    let mut current = Zeroizing::new(vec![0u8; STREAM_CHUNK]);
    let mut next = Zeroizing::new(vec![0u8; STREAM_CHUNK]);
    let mut current_len = fill(input, &mut current)?;
    let mut total = 0u64;
    loop {
        let next_len = if current_len == STREAM_CHUNK {
            fill(input, &mut next)?
        } else {
            0
        };
        let last = next_len == 0;
        let plain = current.get(..current_len).unwrap_or_default();
        let sealed = context
            .seal(plain, &[u8::from(last)])
            .map_err(|_| CryptoError::TooLong)?;
        output.write_all(&length_prefix(sealed.len())?)?;
        output.write_all(&sealed)?;
        total = total.saturating_add(current_len as u64);
        if last {
            break;
        }
        std::mem::swap(&mut current, &mut next);
        current_len = next_len;
    }
    output.flush()?;
    Ok(total)
}

/// Reads the magic and the clear header of a sealed stream (no key needed); the input is
/// left at the encapsulated key.
pub fn read_stream_header(input: &mut dyn Read) -> Result<Vec<u8>, StreamSealError> {
    let mut magic = [0u8; STREAM_SEAL_MAGIC.len()];
    if fill(input, &mut magic)? != magic.len() || &magic != STREAM_SEAL_MAGIC {
        return Err(StreamSealError::Malformed(
            "it does not start with OCS-SNAP-1",
        ));
    }
    let mut length = [0u8; 4];
    if fill(input, &mut length)? != length.len() {
        return Err(StreamSealError::Malformed("the header length is cut short"));
    }
    let length = usize::try_from(u32::from_be_bytes(length)).unwrap_or(usize::MAX);
    if length > MAX_HEADER {
        return Err(StreamSealError::Malformed("a header longer than 1 MiB"));
    }
    let mut header = vec![0u8; length];
    if fill(input, &mut header)? != length {
        return Err(StreamSealError::Malformed("the header is cut short"));
    }
    Ok(header)
}

/// Opens a stream sealed by [`seal_stream`] with `key`, writing the plaintext to `output`
/// chunk by chunk as each is authenticated; returns the header.
pub fn open_stream(
    key: &RecipientPrivateKey,
    input: &mut dyn Read,
    output: &mut dyn Write,
) -> Result<Vec<u8>, StreamSealError> {
    let header = read_stream_header(input)?;
    let mut enc = [0u8; ENC_LEN];
    if fill(input, &mut enc)? != ENC_LEN {
        return Err(StreamSealError::OpenFailed);
    }
    let encapped = <X25519HkdfSha256 as Kem>::EncappedKey::from_bytes(&enc)
        .map_err(|_| StreamSealError::OpenFailed)?;
    let mut context = hpke::setup_receiver::<HpkeAead, HpkeKdf, X25519HkdfSha256>(
        &hpke::OpModeR::Base,
        &key.to_hpke()?,
        &encapped,
        &info(&header),
    )
    .map_err(|_| StreamSealError::OpenFailed)?;
    let mut sealed = vec![0u8; STREAM_CHUNK + TAG_LEN];
    loop {
        let mut length = [0u8; 4];
        if fill(input, &mut length)? != length.len() {
            // The last chunk never came: cut short.
            return Err(StreamSealError::OpenFailed);
        }
        let length = usize::try_from(u32::from_be_bytes(length)).unwrap_or(usize::MAX);
        if !(TAG_LEN..=STREAM_CHUNK + TAG_LEN).contains(&length) {
            return Err(StreamSealError::OpenFailed);
        }
        let chunk = sealed
            .get_mut(..length)
            .ok_or(StreamSealError::OpenFailed)?;
        if fill(input, chunk)? != length {
            return Err(StreamSealError::OpenFailed);
        }
        // A chunk that opens as "not last" is followed by another; one that opens as last
        // must end the file. Trying "not last" first costs one failed tag check per file.
        if let Ok(plain) = context.open(chunk, &[0]) {
            output.write_all(&Zeroizing::new(plain))?;
            continue;
        }
        let plain = Zeroizing::new(
            context
                .open(chunk, &[1])
                .map_err(|_| StreamSealError::OpenFailed)?,
        );
        let mut trailing = [0u8; 1];
        if fill(input, &mut trailing)? != 0 {
            return Err(StreamSealError::OpenFailed);
        }
        output.write_all(&plain)?;
        output.flush()?;
        return Ok(header);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::SeededEntropy;
    use crate::keys::generate_recipient_keys;

    fn sealed(plaintext: &[u8], header: &[u8]) -> (RecipientPrivateKey, Vec<u8>) {
        let entropy = SeededEntropy::new(7);
        let (private, public) = generate_recipient_keys(&entropy);
        let mut out = Vec::new();
        let count = seal_stream(&public, header, &mut &plaintext[..], &mut out, &entropy).unwrap();
        assert_eq!(count, plaintext.len() as u64);
        (private, out)
    }

    fn opened(
        key: &RecipientPrivateKey,
        file: &[u8],
    ) -> Result<(Vec<u8>, Vec<u8>), StreamSealError> {
        let mut plain = Vec::new();
        let header = open_stream(key, &mut &file[..], &mut plain)?;
        Ok((header, plain))
    }

    #[test]
    fn a_stream_of_several_chunks_opens_with_its_header_and_not_in_clear() {
        // Two whole chunks and a part, and the exact multiple, and nothing at all.
        for length in [2 * STREAM_CHUNK + 123, STREAM_CHUNK, 0] {
            let plaintext: Vec<u8> = (0..length)
                .map(|i| u8::try_from(i % 251).unwrap())
                .collect();
            let (key, file) = sealed(&plaintext, b"{\"holds\":[1]}");
            assert_eq!(
                read_stream_header(&mut &file[..]).unwrap(),
                b"{\"holds\":[1]}"
            );
            let (header, plain) = opened(&key, &file).unwrap();
            assert_eq!(header, b"{\"holds\":[1]}");
            assert!(plain == plaintext, "length {length}");
        }
        let (_, file) = sealed(b"SQLite format 3 Huber", b"h");
        assert!(!file.windows(5).any(|w| w == b"Huber"));
    }

    #[test]
    fn a_wrong_key_a_changed_header_or_byte_and_a_cut_or_extended_file_do_not_open() {
        let plaintext: Vec<u8> = (0..STREAM_CHUNK + 10)
            .map(|i| u8::try_from(i % 7).unwrap())
            .collect();
        let (key, file) = sealed(&plaintext, b"holds 1 2");
        let (other, _) = generate_recipient_keys(&SeededEntropy::new(8));
        assert!(matches!(
            opened(&other, &file),
            Err(StreamSealError::OpenFailed)
        ));
        // The header names what the snapshot holds: it cannot be changed unnoticed.
        let mut changed = file.clone();
        let at = STREAM_SEAL_MAGIC.len() + 4 + "holds 1 ".len();
        changed[at] = b'3';
        assert!(matches!(
            opened(&key, &changed),
            Err(StreamSealError::OpenFailed)
        ));
        let mut changed = file.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert!(opened(&key, &changed).is_err());
        // Cut after the first chunk (a whole chunk and its length): refused.
        let first_chunk_end =
            STREAM_SEAL_MAGIC.len() + 4 + 9 + ENC_LEN + 4 + STREAM_CHUNK + TAG_LEN;
        assert!(matches!(
            opened(&key, &file[..first_chunk_end]),
            Err(StreamSealError::OpenFailed)
        ));
        let mut longer = file.clone();
        longer.push(0);
        assert!(matches!(
            opened(&key, &longer),
            Err(StreamSealError::OpenFailed)
        ));
        assert!(matches!(
            read_stream_header(&mut &b"OCS-AUTH-1"[..]),
            Err(StreamSealError::Malformed(_))
        ));
        assert!(opened(&key, &file).is_ok());
    }
}
