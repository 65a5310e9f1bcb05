//! Per-address token buckets, keyed by the network prefix of the client (IPv4 /24, IPv6 /48).

use std::collections::HashMap;
use std::net::IpAddr;

use jiff::{SignedDuration, Timestamp};
use parking_lot::Mutex;

/// A bucket size and refill rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// Requests allowed in a burst.
    pub burst: u32,
    /// Time to earn one request back.
    pub per: SignedDuration,
}

/// A token-bucket limiter by network prefix.
#[derive(Debug)]
pub struct RateLimiter {
    quota: Quota,
    buckets: Mutex<HashMap<[u8; 16], Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Timestamp,
}

/// The network prefix a client is counted under.
pub fn prefix_of(address: IpAddr) -> [u8; 16] {
    let mut key = [0u8; 16];
    match address {
        IpAddr::V4(v4) => {
            let octets = v4.octets();
            key[0] = 4;
            key[1..4].copy_from_slice(&octets[..3]);
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return prefix_of(IpAddr::V4(v4));
            }
            key[0] = 6;
            key[1..7].copy_from_slice(&v6.octets()[..6]);
        }
    }
    key
}

impl RateLimiter {
    /// A limiter with this quota per prefix.
    pub fn new(quota: Quota) -> Self {
        Self {
            quota,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `address`. `Err` carries the wait until a token is back.
    pub fn check(&self, address: IpAddr, now: Timestamp) -> Result<(), SignedDuration> {
        let per_seconds = self.quota.per.as_secs_f64().max(f64::MIN_POSITIVE);
        let burst = f64::from(self.quota.burst);
        let mut buckets = self.buckets.lock();
        if buckets.len() > 100_000 {
            // Forget prefixes whose bucket is full again: they carry no state worth keeping.
            buckets.retain(|_, b| {
                let earned = now.duration_since(b.updated).as_secs_f64() / per_seconds;
                b.tokens + earned < burst
            });
        }
        let bucket = buckets.entry(prefix_of(address)).or_insert(Bucket {
            tokens: burst,
            updated: now,
        });
        let earned = now.duration_since(bucket.updated).as_secs_f64().max(0.0) / per_seconds;
        bucket.tokens = (bucket.tokens + earned).min(burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) * per_seconds;
            Err(SignedDuration::from_secs_f64(wait.ceil()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refusal_then_refill() {
        let limiter = RateLimiter::new(Quota {
            burst: 3,
            per: SignedDuration::from_secs(10),
        });
        let now: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let a: IpAddr = "192.0.2.10".parse().unwrap();
        let same_net: IpAddr = "192.0.2.99".parse().unwrap();
        let other: IpAddr = "198.51.100.1".parse().unwrap();
        assert!(limiter.check(a, now).is_ok());
        assert!(limiter.check(same_net, now).is_ok());
        assert!(limiter.check(a, now).is_ok());
        assert_eq!(limiter.check(a, now), Err(SignedDuration::from_secs(10)));
        assert!(limiter.check(other, now).is_ok());
        let later = now.checked_add(SignedDuration::from_secs(10)).unwrap();
        assert!(limiter.check(a, later).is_ok());
    }

    #[test]
    fn ipv6_counts_per_48() {
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let same: IpAddr = "2001:db8:1:ffff::9".parse().unwrap();
        let other: IpAddr = "2001:db8:2::1".parse().unwrap();
        assert_eq!(prefix_of(one), prefix_of(same));
        assert_ne!(prefix_of(one), prefix_of(other));
    }
}
