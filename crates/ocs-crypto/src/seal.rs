//! HPKE sealing of statements to recipient public keys, with batched encapsulation.
//!
//! # The scheme
//!
//! HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305,
//! used as a key-encapsulation step only:
//!
//! * For each recipient key the [`Sealer`] keeps an **epoch**: the result of one
//!   `SetupBaseS` (its encapsulated key `enc`, 32 bytes) and a 32-byte *wrap key* taken from
//!   that context with the secret-export interface, `Export("openocs statement wrap v1", 32)`.
//! * Each [`Sealer::seal`] draws a fresh 32-byte *data key*, encrypts the statement under it
//!   with ChaCha20-Poly1305 (nonce zero), and for each recipient encrypts the data key under
//!   that recipient's current wrap key with nonce `0⁸ ‖ counter` (counter: u32 big-endian,
//!   claimed once per seal). Associated data: the caller's AAD (hashed with the key id for
//!   the wraps; hashed with the whole envelope header for the payload).
//! * An epoch is replaced after [`EpochPolicy::max_uses`] seals or [`EpochPolicy::max_age`],
//!   whichever comes first (default 1000 seals / 1 s); the old wrap key is zeroised when the
//!   last seal using it finishes.
//!
//! # Why: the measurement
//!
//! `hpke` 0.15 spends about 300 µs of one 2 GHz core per `setup_sender` (three X25519 scalar
//! multiplications; see `shared/reference/hardware-limits.md`). One setup per statement caps
//! the signing path near 3 k statements/s per core. With epochs the X25519 work is paid once
//! per 1000 statements (or per second). Measured with `examples/seal_speed.rs` on the 2-core
//! machine (300-byte statement, one recipient, three runs): about 9.8 µs per seal batched
//! against 181–214 µs with one setup per seal, 18–22× less. Of the 9.8 µs, about 5 µs are the
//! fixed cost of the two ChaCha20-Poly1305 calls (about 2.4 µs each in `chacha20poly1305`
//! 0.11, whatever the length), the rest two SHA-256, one `getrandom` and the allocation.
//!
//! # Why it is safe
//!
//! * **Nonce uniqueness.** A wrap key is used with each counter value at most once: counters
//!   are claimed with an atomic compare-and-swap, stay below `max_uses` ≤ 2³², and every
//!   epoch starts from a fresh ephemeral key, so its wrap key is independent of every other
//!   one. A data key encrypts exactly one payload, so nonce zero is never repeated under it.
//! * **Confidentiality at rest** is that of HPKE: a wrap key comes from a DH between a fresh
//!   ephemeral key and the recipient's public key. Only the holder of the private key can
//!   recompute it, and **the private key is never on the server**.
//! * **Exposure in server memory.** Single-shot HPKE holds its ephemeral secret only during
//!   one call; an epoch holds its wrap key for up to `max_age`. An attacker who reads the
//!   server's memory at some moment learns the live wrap keys and can open the statements
//!   sealed in the current epochs: at most `max_uses` per recipient, from the last `max_age`.
//!   Those same plaintexts passed through that memory in that window anyway (the parsed
//!   form, the plaintext buffer, allocator leftovers), so the epoch key widens the exposure
//!   only to what such an attacker had already. Earlier epochs stay safe (their keys are
//!   zeroised) and later ones too (fresh ephemeral keys). An idle epoch is not replaced
//!   until the next seal, so the service should call [`Sealer::purge_expired`] every second
//!   or so; then no wrap key outlives its window.
//! * **Linkability.** Statements of one epoch share `enc`: someone with the database learns
//!   they were sealed by the same process within `max_age`, which `submitted_at` already
//!   says.
//! * **Integrity.** The header (every recipient entry) is bound into the payload's AAD, so a
//!   change anywhere makes the envelope fail for every recipient. As in HPKE base mode,
//!   envelopes are not signed: anyone holding the public key can make one. The collection's
//!   integrity rests on the database and its audit trail, not on the envelope.
//!
//! # What it costs the opener
//!
//! Opening needs one DH and key schedule per distinct `enc` (about 0.2 ms) rather than per
//! statement. [`Opener`] caches wrap keys by `enc`, so an export of millions of statements
//! does a few thousand DHs. The envelope carries the counter, so the opener needs no other
//! position. Size: 113 bytes of overhead for one recipient (single-shot HPKE: 48), plus 92
//! per further recipient.

mod envelope;
mod open;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use chacha20poly1305::aead::AeadInOut;
use chacha20poly1305::{ChaCha20Poly1305, KeyInit, Nonce};
use hpke::Serializable;
use hpke::kem::X25519HkdfSha256;
use parking_lot::Mutex;
use zeroize::Zeroizing;

use self::envelope::{DATA_KEY_LEN, ENC_LEN};
pub use self::envelope::{ENVELOPE_MAGIC, envelope_overhead, envelope_recipients};
pub use self::open::{Opener, open};
use crate::CryptoError;
use crate::entropy::{Entropy, EntropyRng};
use crate::keys::RecipientPublicKey;

/// HPKE `info`: binds every epoch to this protocol and version.
pub(crate) const HPKE_INFO: &[u8] = b"openocs statement v1";
/// HPKE exporter context of the wrap key.
pub(crate) const WRAP_EXPORT_LABEL: &[u8] = b"openocs statement wrap v1";
pub(crate) type HpkeAead = hpke::aead::ChaCha20Poly1305;
pub(crate) type HpkeKdf = hpke::kdf::HkdfSha256;

/// When the [`Sealer`] replaces a recipient's epoch (a new HPKE encapsulation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpochPolicy {
    /// Seals per epoch. Values below 1 act as 1 (one encapsulation per seal).
    pub max_uses: u32,
    /// Age (monotonic clock) after which an epoch is no longer used.
    pub max_age: Duration,
}

impl Default for EpochPolicy {
    /// 1000 seals or 1 second: the X25519 cost drops to 0.3 µs per statement at full load,
    /// and a memory disclosure exposes at most the last second's statements (module doc).
    fn default() -> Self {
        Self {
            max_uses: 1000,
            max_age: Duration::from_secs(1),
        }
    }
}

/// Seals statements to recipient public keys, sharing one HPKE encapsulation per recipient
/// across an epoch of statements. Holds public keys and wrap keys only; cannot open anything
/// sealed in an earlier epoch.
pub struct Sealer {
    policy: EpochPolicy,
    epochs: Mutex<HashMap<[u8; 32], Arc<Epoch>>>,
}

struct Epoch {
    enc: [u8; ENC_LEN],
    wrap_key: Zeroizing<[u8; 32]>,
    /// Counters handed out so far; the next seal gets this value.
    used: AtomicU32,
    born: Instant,
}

impl Epoch {
    /// One HPKE encapsulation to `recipient` (about 300 µs). The caller owns counter 0.
    fn start(recipient: &RecipientPublicKey, entropy: &dyn Entropy) -> Result<Self, CryptoError> {
        let public = recipient.to_hpke()?;
        let mut rng = EntropyRng::new(entropy);
        let setup = hpke::setup_sender_with_rng::<HpkeAead, HpkeKdf, X25519HkdfSha256>(
            &hpke::OpModeS::Base,
            &public,
            HPKE_INFO,
            &mut rng,
        );
        // Checked before the result is touched: a failed source leaves a predictable key.
        rng.finish()?;
        let (encapped, context) = setup.map_err(CryptoError::Hpke)?;
        let mut enc = [0u8; ENC_LEN];
        encapped.write_exact(&mut enc);
        let mut wrap_key = Zeroizing::new([0u8; 32]);
        context
            .export(WRAP_EXPORT_LABEL, wrap_key.as_mut_slice())
            .map_err(CryptoError::Hpke)?;
        Ok(Self {
            enc,
            wrap_key,
            used: AtomicU32::new(1),
            born: Instant::now(),
        })
    }

    fn expired(&self, policy: &EpochPolicy, now: Instant) -> bool {
        now.saturating_duration_since(self.born) >= policy.max_age
    }

    /// The next unused counter, unless the epoch is spent or too old.
    fn claim(&self, policy: &EpochPolicy, now: Instant) -> Option<u32> {
        if self.expired(policy, now) {
            return None;
        }
        // Relaxed suffices: uniqueness comes from the read-modify-write itself, and nothing
        // else is published through this counter.
        self.used
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                (used < policy.max_uses.max(1)).then_some(used + 1)
            })
            .ok()
    }
}

impl Sealer {
    /// A sealer with no epochs yet; the first seal to each recipient starts one.
    pub fn new(policy: EpochPolicy) -> Self {
        Self {
            policy,
            epochs: Mutex::new(HashMap::new()),
        }
    }

    /// The policy in force.
    pub fn policy(&self) -> EpochPolicy {
        self.policy
    }

    /// Seals `plaintext` to every key in `recipients` (any one of them can open it),
    /// authenticating `aad`, which the opener must supply again.
    pub fn seal(
        &self,
        recipients: &[RecipientPublicKey],
        aad: &[u8],
        plaintext: &[u8],
        entropy: &dyn Entropy,
    ) -> Result<Vec<u8>, CryptoError> {
        if recipients.is_empty() {
            return Err(CryptoError::NoRecipients);
        }
        let count = u8::try_from(recipients.len())
            .map_err(|_| CryptoError::TooManyRecipients(recipients.len()))?;
        let mut data_key = Zeroizing::new([0u8; DATA_KEY_LEN]);
        entropy.try_fill(data_key.as_mut_slice())?;

        // Zeroizing until done: on an error the plaintext copy must not linger in freed memory.
        let mut out = Zeroizing::new(Vec::with_capacity(
            envelope_overhead(recipients.len()) + plaintext.len(),
        ));
        out.extend_from_slice(ENVELOPE_MAGIC);
        out.push(count);
        for recipient in recipients {
            let (epoch, counter) = self.claim(recipient, entropy)?;
            let key_id = recipient.key_id();
            let mut wrapped = *data_key;
            let tag = ChaCha20Poly1305::new((&*epoch.wrap_key).into())
                .encrypt_inout_detached(
                    &Nonce::from(envelope::wrap_nonce(counter)),
                    &envelope::wrap_aad(aad, key_id),
                    wrapped.as_mut_slice().into(),
                )
                .map_err(|_| CryptoError::TooLong)?;
            out.extend_from_slice(&key_id);
            out.extend_from_slice(&epoch.enc);
            out.extend_from_slice(&counter.to_be_bytes());
            out.extend_from_slice(&wrapped);
            out.extend_from_slice(&tag);
        }
        let payload_aad = envelope::payload_aad(aad, &out);
        let start = out.len();
        out.extend_from_slice(plaintext);
        let body = out
            .get_mut(start..)
            .ok_or(CryptoError::MalformedEnvelope("internal length"))?;
        let tag = ChaCha20Poly1305::new((&*data_key).into())
            .encrypt_inout_detached(&Nonce::default(), &payload_aad, body.into())
            .map_err(|_| CryptoError::TooLong)?;
        out.extend_from_slice(&tag);
        Ok(std::mem::take(&mut *out))
    }

    /// Drops epochs older than `max_age`, zeroising their wrap keys once no seal uses them.
    /// Call it about once per `max_age` so an idle recipient's key does not linger.
    pub fn purge_expired(&self) {
        let now = Instant::now();
        self.epochs
            .lock()
            .retain(|_, epoch| !epoch.expired(&self.policy, now));
    }

    /// The epoch and counter for one wrap to `recipient`, starting a new epoch if needed.
    fn claim(
        &self,
        recipient: &RecipientPublicKey,
        entropy: &dyn Entropy,
    ) -> Result<(Arc<Epoch>, u32), CryptoError> {
        let id = *recipient.as_bytes();
        // The lock covers a map lookup and an Arc clone only. The AEAD runs without it, and
        // so does the slow encapsulation below: two threads that find the epoch spent at the
        // same moment each start one (at most one extra per core), which beats making every
        // sealer wait 300 µs behind a lock.
        let current = self.epochs.lock().get(&id).cloned();
        if let Some(epoch) = &current
            && let Some(counter) = epoch.claim(&self.policy, Instant::now())
        {
            return Ok((Arc::clone(epoch), counter));
        }
        let fresh = Arc::new(Epoch::start(recipient, entropy)?);
        let now = Instant::now();
        let mut epochs = self.epochs.lock();
        let replace = match (epochs.get(&id), &current) {
            (None, _) => true,
            (Some(installed), Some(seen)) => Arc::ptr_eq(installed, seen),
            (Some(installed), None) => installed.expired(&self.policy, now),
        };
        if replace {
            epochs.insert(id, Arc::clone(&fresh));
            // Rotation is rare, so it is also when other recipients' stale epochs go.
            epochs
                .retain(|_, epoch| !epoch.expired(&self.policy, now) || Arc::ptr_eq(epoch, &fresh));
        }
        Ok((fresh, 0))
    }
}

impl Default for Sealer {
    fn default() -> Self {
        Self::new(EpochPolicy::default())
    }
}

impl fmt::Debug for Sealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sealer")
            .field("policy", &self.policy)
            .field("epochs", &self.epochs.lock().len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
