//! Single-use registry for anti-bot proofs and form tokens.
//!
//! A proof is accepted once: its identifier is remembered until the proof would have expired
//! anyway, so the memory held is bounded by the issue rate times the lifetime. The registry
//! is per process; with several app nodes a replay on another node within the lifetime is
//! possible (noted for the multi-node work), which costs an attacker a solved proof each.

use std::collections::HashMap;

use jiff::Timestamp;
use parking_lot::Mutex;

const SHARDS: usize = 16;
/// Prune a shard of expired entries when it grows past this many.
const PRUNE_AT: usize = 4096;

/// Remembers used proof identifiers until they expire.
#[derive(Debug)]
pub struct ReplayGuard {
    shards: Vec<Mutex<Shard>>,
}

#[derive(Debug, Default)]
struct Shard {
    seen: HashMap<[u8; 32], Timestamp>,
    prune_at: usize,
}

impl Default for ReplayGuard {
    fn default() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::new(Shard::default())).collect(),
        }
    }
}

impl ReplayGuard {
    /// Claims `id` (valid until `expires`). Returns false when it was claimed before.
    pub fn claim(&self, id: [u8; 32], expires: Timestamp, now: Timestamp) -> bool {
        let index = usize::from(id[0]) % SHARDS;
        let Some(shard) = self.shards.get(index) else {
            return false;
        };
        let mut shard = shard.lock();
        if shard.seen.get(&id).is_some_and(|&until| until > now) {
            return false;
        }
        shard.seen.insert(id, expires);
        if shard.seen.len() > shard.prune_at.max(PRUNE_AT) {
            shard.seen.retain(|_, until| *until > now);
            // Grow the threshold with the live set, so pruning stays amortised O(1).
            shard.prune_at = shard.seen.len() * 2;
        }
        true
    }

    /// Identifiers currently remembered (for metrics).
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().seen.len()).sum()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proof_is_accepted_once_until_it_expires() {
        let guard = ReplayGuard::default();
        let now: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let later: Timestamp = "2026-01-01T00:10:00Z".parse().unwrap();
        assert!(guard.claim([1; 32], later, now));
        assert!(!guard.claim([1; 32], later, now));
        assert!(guard.claim([2; 32], later, now));
        // After expiry the proof itself is refused as expired; the registry may forget it.
        let after: Timestamp = "2026-01-01T00:11:00Z".parse().unwrap();
        assert!(guard.claim([1; 32], after, after));
    }

    #[test]
    fn memory_stays_bounded_by_live_entries() {
        let guard = ReplayGuard::default();
        let mut now: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        for i in 0u32..200_000 {
            let mut id = [0u8; 32];
            id[..4].copy_from_slice(&i.to_le_bytes());
            now = now
                .checked_add(jiff::SignedDuration::from_millis(1))
                .unwrap();
            let expires = now.checked_add(jiff::SignedDuration::from_secs(1)).unwrap();
            assert!(guard.claim(id, expires, now));
        }
        // Only about one second's worth (1000 ids) is live; pruning keeps well under all 200k.
        assert!(guard.len() < 20 * PRUNE_AT, "len {}", guard.len());
    }
}
