//! The one source of randomness: the `Entropy` trait, the operating system's source, a
//! seeded source for tests, and the adapter that lets `hpke` draw from either.
//!
//! Every random byte of the service (keys, data keys, nonces, salts, statement ids) comes
//! through an `&dyn Entropy` handed in by the caller, so tests can replay a run exactly.
//!
//! **When the operating system's source fails.** There is no fallback: a weaker source
//! would quietly produce guessable keys. Operations that can report an error
//! (`Sealer::seal`, `SecretKey::generate`, …) call [`Entropy::try_fill`] and return
//! [`CryptoError::Entropy`]. The infallible surface ([`Entropy::fill`], [`random_bytes`],
//! [`new_statement_id`], token issuing) cannot report one, so [`OsEntropy::fill`] blocks
//! and retries with back-off instead: `getrandom` already blocks the same way before the
//! kernel pool is seeded, it neither panics nor aborts, and no byte leaves it that did not
//! come from the kernel. A stuck source then shows as requests that never finish, which the
//! service's health check catches by calling [`OsEntropy::check`]. On Linux the
//! `getrandom(2)` call fails only if a sandbox forbids it, so `ocs` should call
//! [`OsEntropy::check`] once at start and refuse to run when it fails.

use std::convert::Infallible;
use std::time::Duration;

use ocs_domain::StatementId;
use parking_lot::Mutex;
use rand_core::{TryCryptoRng, TryRng};

use crate::CryptoError;
use crate::hash::sha256;

/// A source of cryptographically secure random bytes.
pub trait Entropy: Send + Sync {
    /// Fills `dest` with random bytes. Never returns bytes of lesser quality; see the module
    /// documentation for what the operating-system source does when it fails.
    fn fill(&self, dest: &mut [u8]);

    /// Fills `dest`, or says why it could not. The default calls [`Entropy::fill`], for
    /// sources that cannot fail.
    fn try_fill(&self, dest: &mut [u8]) -> Result<(), CryptoError> {
        self.fill(dest);
        Ok(())
    }
}

/// The operating system's random source (`getrandom(2)` on Linux).
#[derive(Debug, Clone, Copy, Default)]
pub struct OsEntropy;

impl OsEntropy {
    /// Draws a few bytes to prove the source works. Call it at start and in health checks.
    pub fn check() -> Result<(), CryptoError> {
        let mut probe = [0u8; 16];
        getrandom::fill(&mut probe).map_err(CryptoError::Entropy)
    }
}

impl Entropy for OsEntropy {
    fn fill(&self, dest: &mut [u8]) {
        // Blocks and retries rather than panicking, aborting or falling back (module doc).
        let mut pause = Duration::from_millis(1);
        while getrandom::fill(dest).is_err() {
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_secs(1));
        }
    }

    fn try_fill(&self, dest: &mut [u8]) -> Result<(), CryptoError> {
        getrandom::fill(dest).map_err(CryptoError::Entropy)
    }
}

/// A deterministic source for tests: SHA-256 in counter mode over a seed.
///
/// **Never use it outside tests**: anyone who knows the seed knows every key, nonce and
/// statement id it produced. It exists so that a test run can be replayed byte for byte.
pub struct SeededEntropy {
    state: Mutex<SeededState>,
}

struct SeededState {
    seed: [u8; 32],
    counter: u64,
    block: [u8; 32],
    used: usize,
}

impl SeededEntropy {
    /// A source whose output is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Self::from_seed(sha256(&[b"openocs seeded entropy v1", &seed.to_be_bytes()]))
    }

    /// A source whose output is fixed by 32 seed bytes.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self {
            state: Mutex::new(SeededState {
                seed,
                counter: 0,
                block: [0; 32],
                used: 32,
            }),
        }
    }
}

impl std::fmt::Debug for SeededEntropy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeededEntropy(..)")
    }
}

impl Entropy for SeededEntropy {
    fn fill(&self, dest: &mut [u8]) {
        let mut state = self.state.lock();
        for byte in dest.iter_mut() {
            if state.used >= state.block.len() {
                state.block = sha256(&[&state.seed, &state.counter.to_be_bytes()]);
                state.counter = state.counter.wrapping_add(1);
                state.used = 0;
            }
            *byte = state.block.get(state.used).copied().unwrap_or(0);
            state.used += 1;
        }
    }
}

/// `N` random bytes from `entropy`.
pub fn random_bytes<const N: usize>(entropy: &dyn Entropy) -> [u8; N] {
    let mut out = [0u8; N];
    entropy.fill(&mut out);
    out
}

/// `N` random bytes from `entropy`, or the source's error.
pub fn try_random_bytes<const N: usize>(entropy: &dyn Entropy) -> Result<[u8; N], CryptoError> {
    let mut out = [0u8; N];
    entropy.try_fill(&mut out)?;
    Ok(out)
}

/// A fresh statement identifier: 128 random bits, so two never collide in practice and an
/// identifier says nothing about when or in what order statements arrived.
pub fn new_statement_id(entropy: &dyn Entropy) -> StatementId {
    StatementId::from_bytes(random_bytes(entropy))
}

/// Lets `hpke` (which wants a `rand_core` 0.10 `CryptoRng`) draw from an `&dyn Entropy`.
///
/// `rand_core`'s infallible traits leave no way to report a failure, so the adapter records
/// it instead, hands out zeros, and [`EntropyRng::finish`] turns it into an error. Whatever
/// was computed from those zeros must be thrown away: every caller in this crate checks
/// `finish` before using the result.
pub struct EntropyRng<'a> {
    entropy: &'a dyn Entropy,
    failure: Option<CryptoError>,
}

impl<'a> EntropyRng<'a> {
    /// Wraps `entropy`.
    pub fn new(entropy: &'a dyn Entropy) -> Self {
        Self {
            entropy,
            failure: None,
        }
    }

    /// `Ok` if every byte handed out came from the source.
    pub fn finish(self) -> Result<(), CryptoError> {
        self.failure.map_or(Ok(()), Err)
    }
}

impl std::fmt::Debug for EntropyRng<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntropyRng")
            .field("failed", &self.failure.is_some())
            .finish_non_exhaustive()
    }
}

impl TryRng for EntropyRng<'_> {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        rand_core::utils::next_word_via_fill(self)
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        rand_core::utils::next_word_via_fill(self)
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), Infallible> {
        if let Err(error) = self.entropy.try_fill(dest) {
            dest.fill(0);
            self.failure.get_or_insert(error);
        }
        Ok(())
    }
}

impl TryCryptoRng for EntropyRng<'_> {}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A source that always fails, to check that callers fail closed.
    pub(crate) struct BrokenEntropy;

    impl Entropy for BrokenEntropy {
        fn fill(&self, dest: &mut [u8]) {
            dest.fill(0);
        }

        fn try_fill(&self, _dest: &mut [u8]) -> Result<(), CryptoError> {
            Err(CryptoError::Entropy(getrandom::Error::UNSUPPORTED))
        }
    }

    #[test]
    fn seeded_entropy_is_deterministic_across_chunkings() {
        let one = SeededEntropy::new(7);
        let mut whole = [0u8; 100];
        one.fill(&mut whole);

        let two = SeededEntropy::new(7);
        let mut pieces = [0u8; 100];
        let (left, right) = pieces.split_at_mut(33);
        two.fill(left);
        two.fill(right);
        assert_eq!(whole, pieces);
        assert_ne!(random_bytes::<32>(&SeededEntropy::new(8)), whole[..32]);
    }

    #[test]
    fn os_entropy_works_and_differs() {
        OsEntropy::check().unwrap();
        let a: [u8; 32] = try_random_bytes(&OsEntropy).unwrap();
        let b: [u8; 32] = random_bytes(&OsEntropy);
        assert_ne!(a, b);
    }

    #[test]
    fn statement_ids_differ() {
        let entropy = SeededEntropy::new(1);
        assert_ne!(new_statement_id(&entropy), new_statement_id(&entropy));
    }

    #[test]
    fn adapter_reports_failure() {
        let mut rng = EntropyRng::new(&BrokenEntropy);
        let mut buf = [1u8; 8];
        rand_core::Rng::fill_bytes(&mut rng, &mut buf);
        assert_eq!(buf, [0; 8]);
        assert!(matches!(rng.finish(), Err(CryptoError::Entropy(_))));

        let mut rng = EntropyRng::new(&OsEntropy);
        rand_core::Rng::fill_bytes(&mut rng, &mut buf);
        assert!(rng.finish().is_ok());
    }
}
