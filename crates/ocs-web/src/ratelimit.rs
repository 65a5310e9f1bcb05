//! Rate limits by route class (signing, challenge, self-service, sign-in): keyed token
//! buckets ([`governor`]'s GCRA) per client address and per network prefix (IPv4 /24, IPv6
//! /48), each with a burst and a sustained rate. A refusal is 429 with `Retry-After`, counted
//! per class in `/metrics` (counts only, never an address).
//!
//! A leaf module: the settings and the live limiter, no HTTP. The layer that applies them is
//! [`crate::middleware::rate_limit`]: `post(handler).route_layer(middleware::rate_limit(&state,
//! RouteClass::SignIn))`.
//!
//! Time is the service clock's, passed to [`RateLimits::check`], so tests need no sleeping.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use governor::clock::Clock;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};
use jiff::{SignedDuration, Timestamp};

/// Which limits a route falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RouteClass {
    /// Submitting a statement (form or API).
    Signing,
    /// Fetching a proof-of-work challenge.
    Challenge,
    /// Signer self-service: receipt pages, and the withdrawal and data-request routes.
    SelfService,
    /// Console sign-in.
    SignIn,
}

impl RouteClass {
    /// Every class, in metrics order.
    pub const ALL: [RouteClass; 4] = [
        Self::Signing,
        Self::Challenge,
        Self::SelfService,
        Self::SignIn,
    ];

    /// The label used in metrics and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Signing => "signing",
            Self::Challenge => "challenge",
            Self::SelfService => "self_service",
            Self::SignIn => "sign_in",
        }
    }

    fn index(self) -> usize {
        match self {
            Self::Signing => 0,
            Self::Challenge => 1,
            Self::SelfService => 2,
            Self::SignIn => 3,
        }
    }
}

/// A token bucket: `burst` requests at once, then one more every `per` (the sustained rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    /// Requests allowed in a burst.
    pub burst: u32,
    /// Time to earn one request back.
    pub per: SignedDuration,
}

impl Bucket {
    /// `burst` at once, `per_minute` sustained.
    pub fn per_minute(burst: u32, per_minute: u32) -> Self {
        let per = SignedDuration::from_secs_f64(60.0 / f64::from(per_minute.max(1)));
        Self { burst, per }
    }
}

/// The two buckets of a route class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassLimits {
    /// Per client address.
    pub address: Bucket,
    /// Per network prefix (/24, /48): many addresses of one network share it.
    pub network: Bucket,
}

/// Limits per route class. `None` in [`crate::WebSettings`] turns limiting off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitSettings {
    /// Statement submissions.
    pub signing: ClassLimits,
    /// Challenges.
    pub challenge: ClassLimits,
    /// Self-service.
    pub self_service: ClassLimits,
    /// Console sign-in.
    pub sign_in: ClassLimits,
}

impl Default for RateLimitSettings {
    /// A person signs once; a household or an office behind one address a few times; a
    /// network prefix may hold a university. Challenges are cheap to issue but each one
    /// invites work, so they get a wider budget than signing.
    fn default() -> Self {
        Self {
            signing: ClassLimits {
                address: Bucket::per_minute(10, 10),
                network: Bucket::per_minute(100, 300),
            },
            challenge: ClassLimits {
                address: Bucket::per_minute(30, 30),
                network: Bucket::per_minute(300, 900),
            },
            self_service: ClassLimits {
                address: Bucket::per_minute(10, 5),
                network: Bucket::per_minute(50, 60),
            },
            sign_in: ClassLimits {
                address: Bucket::per_minute(5, 2),
                network: Bucket::per_minute(30, 20),
            },
        }
    }
}

impl RateLimitSettings {
    /// The limits of one class.
    pub fn of(&self, class: RouteClass) -> ClassLimits {
        match class {
            RouteClass::Signing => self.signing,
            RouteClass::Challenge => self.challenge,
            RouteClass::SelfService => self.self_service,
            RouteClass::SignIn => self.sign_in,
        }
    }
}

/// Beyond this many tracked keys per limiter, keys whose bucket has filled up again are
/// dropped, so a flood of spoofed prefixes cannot grow memory without bound.
const MAX_KEYS: usize = 100_000;

/// The key of an address: the whole address, or its network prefix.
fn key_of(address: IpAddr, prefix_only: bool) -> [u8; 17] {
    let address = match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 @ IpAddr::V4(_) => v4,
    };
    let mut key = [0u8; 17];
    match address {
        IpAddr::V4(v4) => {
            key[0] = 4;
            let keep = if prefix_only { 3 } else { 4 };
            for (slot, byte) in key.iter_mut().skip(1).zip(v4.octets().iter().take(keep)) {
                *slot = *byte;
            }
        }
        IpAddr::V6(v6) => {
            key[0] = 6;
            let keep = if prefix_only { 6 } else { 16 };
            for (slot, byte) in key.iter_mut().skip(1).zip(v6.octets().iter().take(keep)) {
                *slot = *byte;
            }
        }
    }
    key
}

/// The limiters' clock: the latest service-clock reading handed to [`RateLimits::check`],
/// in nanoseconds since the Unix epoch, never going back.
#[derive(Debug, Clone, Default)]
struct CheckClock(Arc<AtomicU64>);

impl CheckClock {
    fn advance_to(&self, now: Timestamp) {
        let nanos = u64::try_from(now.as_nanosecond()).unwrap_or(0);
        self.0.fetch_max(nanos, Ordering::Relaxed);
    }
}

impl Clock for CheckClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        Nanos::from(self.0.load(Ordering::Relaxed))
    }
}

type Limiter =
    RateLimiter<[u8; 17], DashMapStateStore<[u8; 17]>, CheckClock, NoOpMiddleware<Nanos>>;

fn limiter(bucket: Bucket, clock: &CheckClock) -> Limiter {
    let per = Duration::try_from(bucket.per)
        .ok()
        .filter(|per| !per.is_zero())
        .unwrap_or(Duration::from_nanos(1));
    let burst = NonZeroU32::new(bucket.burst).unwrap_or(NonZeroU32::MIN);
    let quota = Quota::with_period(per)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MAX))
        .allow_burst(burst);
    RateLimiter::new(quota, DashMapStateStore::default(), clock.clone())
}

/// Takes one request for `key` from `limiter`, or answers the wait until it may.
fn take(limiter: &Limiter, key: &[u8; 17], clock: &CheckClock) -> Result<(), Duration> {
    if limiter.len() >= MAX_KEYS {
        limiter.retain_recent();
    }
    limiter
        .check_key(key)
        .map_err(|refused| refused.wait_time_from(clock.now()))
}

/// The two limiters of a route class.
#[derive(Debug)]
struct ClassLimiters {
    address: Limiter,
    network: Limiter,
    refused: AtomicU64,
}

/// The live limiter: buckets per class and refusal counters.
#[derive(Debug)]
pub struct RateLimits {
    clock: CheckClock,
    classes: [ClassLimiters; 4],
}

impl RateLimits {
    /// Empty buckets under `settings`.
    pub fn new(settings: &RateLimitSettings) -> Self {
        let clock = CheckClock::default();
        let class = |class: RouteClass| {
            let limits = settings.of(class);
            ClassLimiters {
                address: limiter(limits.address, &clock),
                network: limiter(limits.network, &clock),
                refused: AtomicU64::new(0),
            }
        };
        let classes = RouteClass::ALL.map(class);
        Self { clock, classes }
    }

    /// Takes one request of `class` for `address` at `now`: first from the address's bucket,
    /// then, if that had one, from its network's. So an address refused by its own bucket
    /// spends nothing of its network's (one noisy client does not use up its neighbours'
    /// share); one refused by the network's bucket has spent its own token. `Err` carries
    /// the wait, in whole seconds and at least one.
    pub fn check(
        &self,
        class: RouteClass,
        address: IpAddr,
        now: Timestamp,
    ) -> Result<(), SignedDuration> {
        let Some(limiters) = self.classes.get(class.index()) else {
            return Ok(());
        };
        self.clock.advance_to(now);
        let outcome = take(&limiters.address, &key_of(address, false), &self.clock)
            .and_then(|()| take(&limiters.network, &key_of(address, true), &self.clock));
        outcome.map_err(|wait| {
            limiters.refused.fetch_add(1, Ordering::Relaxed);
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            SignedDuration::from_secs(i64::try_from(seconds.max(1)).unwrap_or(i64::MAX))
        })
    }

    /// Refusals so far, per class.
    pub fn refused(&self) -> Vec<(RouteClass, u64)> {
        RouteClass::ALL
            .iter()
            .zip(self.classes.iter())
            .map(|(class, limiters)| (*class, limiters.refused.load(Ordering::Relaxed)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).unwrap()
    }

    fn limits() -> RateLimits {
        let tight = ClassLimits {
            address: Bucket {
                burst: 2,
                per: SignedDuration::from_secs(10),
            },
            network: Bucket {
                burst: 3,
                per: SignedDuration::from_secs(30),
            },
        };
        RateLimits::new(&RateLimitSettings {
            signing: tight,
            challenge: tight,
            self_service: tight,
            sign_in: tight,
        })
    }

    #[test]
    fn burst_then_sustained_rate_per_address() {
        let limits = limits();
        let a = ip("192.0.2.10");
        assert!(limits.check(RouteClass::Signing, a, at(0)).is_ok());
        assert!(limits.check(RouteClass::Signing, a, at(0)).is_ok());
        assert_eq!(
            limits.check(RouteClass::Signing, a, at(0)),
            Err(SignedDuration::from_secs(10))
        );
        // Another class has its own buckets.
        assert!(limits.check(RouteClass::SignIn, a, at(0)).is_ok());
        // One token back after `per`.
        assert!(limits.check(RouteClass::Signing, a, at(10)).is_ok());
        assert!(limits.check(RouteClass::Signing, a, at(10)).is_err());
        assert_eq!(limits.refused()[0], (RouteClass::Signing, 2));
    }

    #[test]
    fn a_network_prefix_shares_one_bucket() {
        let limits = limits();
        // Three addresses of one /24: the third request of the network passes, the fourth
        // (from a fresh address) is refused by the network bucket.
        for host in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
            assert!(limits.check(RouteClass::Signing, ip(host), at(0)).is_ok());
        }
        assert_eq!(
            limits.check(RouteClass::Signing, ip("192.0.2.4"), at(0)),
            Err(SignedDuration::from_secs(30))
        );
        assert!(
            limits
                .check(RouteClass::Signing, ip("192.0.3.4"), at(0))
                .is_ok()
        );
        // IPv6: /48.
        for host in ["2001:db8:1:1::1", "2001:db8:1:2::1", "2001:db8:1:3::1"] {
            assert!(limits.check(RouteClass::Signing, ip(host), at(0)).is_ok());
        }
        assert!(
            limits
                .check(RouteClass::Signing, ip("2001:db8:1:4::1"), at(0))
                .is_err()
        );
        assert!(
            limits
                .check(RouteClass::Signing, ip("2001:db8:2::1"), at(0))
                .is_ok()
        );
    }

    #[test]
    fn a_refusal_spends_nothing() {
        let limits = limits();
        let a = ip("198.51.100.7");
        let b = ip("198.51.100.8");
        assert!(limits.check(RouteClass::Signing, a, at(0)).is_ok());
        assert!(limits.check(RouteClass::Signing, a, at(0)).is_ok());
        for _ in 0..5 {
            assert!(limits.check(RouteClass::Signing, a, at(0)).is_err());
        }
        // The network bucket was not drained by a's refused attempts.
        assert!(limits.check(RouteClass::Signing, b, at(0)).is_ok());
    }

    proptest::proptest! {
        /// Whatever the arrival pattern, one address never gets more than its burst plus
        /// what it earned back over the elapsed time, and one prefix never more than its.
        #[test]
        fn no_pattern_beats_the_buckets(
            arrivals in proptest::collection::vec((0u8..6, 0i64..5), 1..200),
        ) {
            let limits = limits();
            let mut now = 0;
            let mut accepted = [0u32; 6];
            for (host, step) in &arrivals {
                now += step;
                let address = IpAddr::from([192, 0, 2, *host]);
                if limits.check(RouteClass::Signing, address, at(now)).is_ok() {
                    accepted[usize::from(*host)] += 1;
                }
            }
            let elapsed = u32::try_from(now).unwrap();
            for count in accepted {
                proptest::prop_assert!(count <= 2 + elapsed / 10);
            }
            proptest::prop_assert!(accepted.iter().sum::<u32>() <= 3 + elapsed / 30);
        }
    }

    #[test]
    fn ipv4_mapped_addresses_count_as_ipv4() {
        assert_eq!(
            key_of(ip("::ffff:192.0.2.1"), true),
            key_of(ip("192.0.2.200"), true)
        );
        assert_ne!(
            key_of(ip("192.0.2.1"), false),
            key_of(ip("192.0.2.2"), false)
        );
    }
}
