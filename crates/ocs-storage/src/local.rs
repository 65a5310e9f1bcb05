//! [`LocalCoordination`]: claims and leases in process memory, for a backend that serves one
//! app node (SQLite).
//!
//! A claim is remembered until it expires, so the memory held is bounded by the claim rate
//! times the lifetime; shards keep lock contention low under parallel signing.

use std::collections::HashMap;

use async_trait::async_trait;
use jiff::Timestamp;
use parking_lot::Mutex;

use crate::{ClaimKey, Coordination, StorageError};

const SHARDS: usize = 16;
/// Prune a shard of expired entries when it grows past this many.
const PRUNE_AT: usize = 4096;

/// Claims and leases of one process.
#[derive(Debug)]
pub struct LocalCoordination {
    shards: Vec<Mutex<Shard>>,
    leases: Mutex<HashMap<String, (String, Timestamp)>>,
}

#[derive(Debug, Default)]
struct Shard {
    seen: HashMap<ClaimKey, Timestamp>,
    prune_at: usize,
}

impl Default for LocalCoordination {
    fn default() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::new(Shard::default())).collect(),
            leases: Mutex::new(HashMap::new()),
        }
    }
}

impl LocalCoordination {
    /// Claims `id` (valid until `expires`). Returns false when it was claimed before.
    pub fn claim(&self, id: ClaimKey, expires: Timestamp, now: Timestamp) -> bool {
        let index = usize::from(id.as_bytes()[0]) % SHARDS;
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

    /// Forgets one claim; see [`Coordination::release_claim`].
    pub fn release(&self, key: ClaimKey) {
        let index = usize::from(key.as_bytes()[0]) % SHARDS;
        if let Some(shard) = self.shards.get(index) {
            shard.lock().seen.remove(&key);
        }
    }

    /// Takes or renews a lease; see [`Coordination::try_lease`].
    pub fn lease(&self, job: &str, holder: &str, until: Timestamp, now: Timestamp) -> bool {
        let mut leases = self.leases.lock();
        match leases.get_mut(job) {
            Some((current, expires)) if current != holder && *expires > now => false,
            Some(entry) => {
                *entry = (holder.to_owned(), until);
                true
            }
            None => {
                leases.insert(job.to_owned(), (holder.to_owned(), until));
                true
            }
        }
    }

    /// Forgets expired claims; returns how many.
    pub fn prune(&self, now: Timestamp) -> u64 {
        let mut dropped = 0u64;
        for shard in &self.shards {
            let mut shard = shard.lock();
            let before = shard.seen.len();
            shard.seen.retain(|_, until| *until > now);
            dropped += u64::try_from(before - shard.seen.len()).unwrap_or(u64::MAX);
        }
        dropped
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

#[async_trait]
impl Coordination for LocalCoordination {
    async fn claim_once(
        &self,
        key: ClaimKey,
        expires_at: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        Ok(self.claim(key, expires_at, now))
    }

    async fn release_claim(&self, key: ClaimKey) -> Result<(), StorageError> {
        self.release(key);
        Ok(())
    }

    async fn try_lease(
        &self,
        job: &str,
        holder: &str,
        until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        Ok(self.lease(job, holder, until, now))
    }

    async fn prune_claims(&self, now: Timestamp) -> Result<u64, StorageError> {
        Ok(self.prune(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proof_is_accepted_once_until_it_expires() {
        let guard = LocalCoordination::default();
        let now: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let later: Timestamp = "2026-01-01T00:10:00Z".parse().unwrap();
        assert!(guard.claim(ClaimKey::from_bytes([1; 32]), later, now));
        assert!(!guard.claim(ClaimKey::from_bytes([1; 32]), later, now));
        assert!(guard.claim(ClaimKey::from_bytes([2; 32]), later, now));
        // After expiry the proof itself is refused as expired; the registry may forget it.
        let after: Timestamp = "2026-01-01T00:11:00Z".parse().unwrap();
        assert!(guard.claim(ClaimKey::from_bytes([1; 32]), after, after));
    }

    #[test]
    fn memory_stays_bounded_by_live_entries() {
        let guard = LocalCoordination::default();
        let mut now: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        for i in 0u32..200_000 {
            let mut id = [0u8; 32];
            id[..4].copy_from_slice(&i.to_le_bytes());
            now = now
                .checked_add(jiff::SignedDuration::from_millis(1))
                .unwrap();
            let expires = now.checked_add(jiff::SignedDuration::from_secs(1)).unwrap();
            assert!(guard.claim(ClaimKey::from_bytes(id), expires, now));
        }
        // Only about one second's worth (1000 ids) is live; pruning keeps well under all 200k.
        assert!(guard.len() < 20 * PRUNE_AT, "len {}", guard.len());
    }
}
