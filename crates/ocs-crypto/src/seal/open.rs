//! Opening envelopes with a recipient's private key, once or many times with a cache.

use std::collections::HashMap;
use std::fmt;

use chacha20poly1305::aead::AeadInOut;
use chacha20poly1305::{ChaCha20Poly1305, KeyInit, Nonce, Tag};
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem};
use zeroize::Zeroizing;

use super::envelope::{self, DATA_KEY_LEN, ENC_LEN, Entry, Parsed, TAG_LEN};
use super::{HPKE_INFO, HpkeAead, HpkeKdf, WRAP_EXPORT_LABEL};
use crate::CryptoError;
use crate::keys::RecipientPrivateKey;

/// Most wrap keys an [`Opener`] keeps. At the default policy (1000 statements per epoch)
/// this covers 65 million statements of one export; past it the cache starts over, which
/// costs time, never correctness.
const MAX_CACHED_EPOCHS: usize = 1 << 16;

type WrapKeys = HashMap<[u8; ENC_LEN], Zeroizing<[u8; 32]>>;

/// Opens one envelope. For many envelopes use an [`Opener`]: it derives each epoch's wrap
/// key once instead of once per statement.
pub fn open(
    envelope: &[u8],
    aad: &[u8],
    key: &RecipientPrivateKey,
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    open_with(envelope, aad, key, None)
}

/// Opens many envelopes with one private key, caching each epoch's wrap key by its
/// encapsulated key. Lives on the offline export machine.
pub struct Opener {
    key: RecipientPrivateKey,
    wrap_keys: WrapKeys,
}

impl Opener {
    /// An opener for `key`.
    pub fn new(key: RecipientPrivateKey) -> Self {
        Self {
            key,
            wrap_keys: HashMap::new(),
        }
    }

    /// Opens one envelope sealed with associated data `aad`.
    pub fn open(&mut self, envelope: &[u8], aad: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        open_with(envelope, aad, &self.key, Some(&mut self.wrap_keys))
    }

    /// How many epoch wrap keys are cached.
    pub fn cached_epochs(&self) -> usize {
        self.wrap_keys.len()
    }
}

impl fmt::Debug for Opener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Opener")
            .field("key_id", &hex::encode(self.key.public_key().key_id()))
            .field("cached_epochs", &self.wrap_keys.len())
            .finish_non_exhaustive()
    }
}

fn open_with(
    envelope: &[u8],
    aad: &[u8],
    key: &RecipientPrivateKey,
    mut cache: Option<&mut WrapKeys>,
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let parsed = envelope::parse(envelope)?;
    let key_id = key.public_key().key_id();
    let mut named = false;
    // Normally one entry matches. Several can (the sealer was given the key twice, or two
    // keys share a key id); each is tried, and only an authenticated unwrap counts.
    for entry in parsed.entries.iter().filter(|entry| entry.key_id == key_id) {
        named = true;
        let cached = cache
            .as_deref()
            .and_then(|keys| keys.get(&entry.enc))
            .cloned();
        let wrap_key = match cached {
            Some(wrap_key) => wrap_key,
            None => match derive_wrap_key(key, &entry.enc) {
                Ok(wrap_key) => wrap_key,
                Err(_) => continue,
            },
        };
        let Some(data_key) = unwrap_data_key(&wrap_key, entry, aad) else {
            continue;
        };
        // Cached only after an authenticated unwrap, so garbage encs cannot fill the cache.
        if let Some(keys) = cache.as_deref_mut() {
            if keys.len() >= MAX_CACHED_EPOCHS {
                keys.clear();
            }
            keys.insert(entry.enc, wrap_key);
        }
        return open_payload(&parsed, aad, &data_key);
    }
    Err(if named {
        CryptoError::OpenFailed
    } else {
        CryptoError::NotARecipient
    })
}

/// The receiver side of an epoch: one X25519 DH and the HPKE key schedule (about 0.2 ms).
fn derive_wrap_key(
    key: &RecipientPrivateKey,
    enc: &[u8; ENC_LEN],
) -> Result<Zeroizing<[u8; 32]>, CryptoError> {
    let private = key.to_hpke()?;
    let encapped =
        <X25519HkdfSha256 as Kem>::EncappedKey::from_bytes(enc).map_err(CryptoError::Hpke)?;
    let context = hpke::setup_receiver::<HpkeAead, HpkeKdf, X25519HkdfSha256>(
        &hpke::OpModeR::Base,
        &private,
        &encapped,
        HPKE_INFO,
    )
    .map_err(CryptoError::Hpke)?;
    let mut wrap_key = Zeroizing::new([0u8; 32]);
    context
        .export(WRAP_EXPORT_LABEL, wrap_key.as_mut_slice())
        .map_err(CryptoError::Hpke)?;
    Ok(wrap_key)
}

fn unwrap_data_key(
    wrap_key: &[u8; 32],
    entry: &Entry,
    aad: &[u8],
) -> Option<Zeroizing<[u8; DATA_KEY_LEN]>> {
    let (wrapped, tag) = entry.wrapped.split_first_chunk::<DATA_KEY_LEN>()?;
    let tag = Tag::try_from(tag).ok()?;
    let mut data_key = Zeroizing::new(*wrapped);
    let cipher = ChaCha20Poly1305::new(wrap_key.into());
    cipher
        .decrypt_inout_detached(
            &Nonce::from(envelope::wrap_nonce(entry.counter)),
            &envelope::wrap_aad(aad, entry.key_id),
            data_key.as_mut_slice().into(),
            &tag,
        )
        .ok()?;
    Some(data_key)
}

fn open_payload(
    parsed: &Parsed<'_>,
    aad: &[u8],
    data_key: &[u8; DATA_KEY_LEN],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let split = parsed
        .payload
        .len()
        .checked_sub(TAG_LEN)
        .ok_or(CryptoError::MalformedEnvelope("truncated in the payload"))?;
    let (ciphertext, tag) = parsed
        .payload
        .split_at_checked(split)
        .ok_or(CryptoError::MalformedEnvelope("truncated in the payload"))?;
    let tag = Tag::try_from(tag).map_err(|_| CryptoError::MalformedEnvelope("bad tag"))?;
    // Exact capacity: the vector never reallocates, so no unzeroised copy of the plaintext
    // is left behind in freed memory.
    let mut plaintext = Zeroizing::new(Vec::with_capacity(ciphertext.len()));
    plaintext.extend_from_slice(ciphertext);
    ChaCha20Poly1305::new(data_key.into())
        .decrypt_inout_detached(
            &Nonce::default(),
            &envelope::payload_aad(aad, parsed.header),
            plaintext.as_mut_slice().into(),
            &tag,
        )
        .map_err(|_| CryptoError::OpenFailed)?;
    Ok(plaintext)
}
