//! A monitor of unusual bursts of signatures, after the UK Parliament petitions site's
//! "trending" alerts: per hour, per nationality and per network prefix, it flags a prefix
//! that brings an outsized share of the hour's signatures, and a nationality whose hour is
//! far above its recent hours. The console shows [`BurstMonitor::alerts`].
//!
//! Privacy: a prefix is kept only truncated (IPv4 /24, IPv6 /48), never a full address, and
//! only for the hours kept (48). Log lines name the kind of burst and counts, no prefix.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

use jiff::Timestamp;
use ocs_domain::CountryCode;
use parking_lot::Mutex;

/// Thresholds of the monitor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BurstRules {
    /// A prefix is flagged when it has at least this many signatures in the hour …
    pub prefix_min_count: u64,
    /// … and at least this share of the hour's signatures (0.0–1.0).
    pub prefix_min_share: f64,
    /// A nationality is flagged when its hour has at least this many signatures …
    pub country_min_count: u64,
    /// … and at least this multiple of its average over the earlier kept hours.
    pub country_factor: f64,
}

impl Default for BurstRules {
    fn default() -> Self {
        Self {
            prefix_min_count: 50,
            prefix_min_share: 0.05,
            country_min_count: 200,
            country_factor: 5.0,
        }
    }
}

/// What was flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BurstSubject {
    /// A nationality.
    Country(CountryCode),
    /// A network prefix, written truncated (`192.0.2.0/24`, `2001:db8:1::/48`).
    Prefix(String),
}

/// One unusual burst.
#[derive(Debug, Clone, PartialEq)]
pub struct BurstAlert {
    /// Start of the hour (UTC).
    pub hour: Timestamp,
    /// The nationality or prefix.
    pub subject: BurstSubject,
    /// Its signatures in the hour.
    pub count: u64,
    /// All signatures in the hour.
    pub hour_total: u64,
    /// For a nationality: its average per earlier hour (0 for a prefix).
    pub baseline: f64,
}

#[derive(Debug, Default)]
struct Hour {
    total: u64,
    countries: BTreeMap<CountryCode, u64>,
    prefixes: HashMap<String, u64>,
    flagged: Vec<BurstSubject>,
}

/// Hours kept.
const HOURS_KEPT: i64 = 48;
/// Most prefixes tracked per hour; later ones are counted in the total only.
const MAX_PREFIXES_PER_HOUR: usize = 50_000;

/// Counts of accepted signatures by hour, nationality and network prefix.
#[derive(Debug, Default)]
pub struct BurstMonitor {
    rules: BurstRules,
    hours: Mutex<BTreeMap<i64, Hour>>,
}

/// The truncated prefix of an address.
pub fn truncated_prefix(address: IpAddr) -> String {
    let address = match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 @ IpAddr::V4(_) => v4,
    };
    match address {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            let (a, b, c) = (
                s.first().copied().unwrap_or(0),
                s.get(1).copied().unwrap_or(0),
                s.get(2).copied().unwrap_or(0),
            );
            format!("{a:x}:{b:x}:{c:x}::/48")
        }
    }
}

impl BurstMonitor {
    /// A monitor with these thresholds.
    pub fn new(rules: BurstRules) -> Self {
        Self {
            rules,
            hours: Mutex::new(BTreeMap::new()),
        }
    }

    /// Counts one accepted signature; logs a warning the first time a burst is flagged.
    pub fn record(&self, country: CountryCode, address: IpAddr, now: Timestamp) {
        let hour = now.as_second().div_euclid(3600);
        let prefix = truncated_prefix(address);
        let mut hours = self.hours.lock();
        hours.retain(|h, _| *h > hour - HOURS_KEPT);
        let baseline = country_baseline(&hours, hour, country);
        let entry = hours.entry(hour).or_default();
        entry.total += 1;
        let country_count = {
            let count = entry.countries.entry(country).or_insert(0);
            *count += 1;
            *count
        };
        let prefix_count = if entry.prefixes.len() < MAX_PREFIXES_PER_HOUR
            || entry.prefixes.contains_key(&prefix)
        {
            let count = entry.prefixes.entry(prefix.clone()).or_insert(0);
            *count += 1;
            *count
        } else {
            0
        };
        let rules = self.rules;
        if self.prefix_is_burst(prefix_count, entry.total) {
            let subject = BurstSubject::Prefix(prefix);
            if !entry.flagged.contains(&subject) {
                entry.flagged.push(subject);
                tracing::warn!(
                    count = prefix_count,
                    hour_total = entry.total,
                    "unusual burst of signatures from one network prefix"
                );
            }
        }
        if country_count >= rules.country_min_count
            && to_f64(country_count) >= rules.country_factor * baseline.max(1.0)
        {
            let subject = BurstSubject::Country(country);
            if !entry.flagged.contains(&subject) {
                entry.flagged.push(subject);
                tracing::warn!(
                    country = country.as_str(),
                    count = country_count,
                    baseline,
                    "unusual burst of signatures of one nationality"
                );
            }
        }
    }

    fn prefix_is_burst(&self, count: u64, total: u64) -> bool {
        count >= self.rules.prefix_min_count
            && to_f64(count) >= self.rules.prefix_min_share * to_f64(total)
    }

    /// The bursts of the kept hours, newest hour first.
    pub fn alerts(&self) -> Vec<BurstAlert> {
        let hours = self.hours.lock();
        let mut alerts = Vec::new();
        for (hour, entry) in hours.iter().rev() {
            let Ok(start) = Timestamp::from_second(hour * 3600) else {
                continue;
            };
            for subject in &entry.flagged {
                let (count, baseline) = match subject {
                    BurstSubject::Country(country) => (
                        entry.countries.get(country).copied().unwrap_or(0),
                        country_baseline(&hours, *hour, *country),
                    ),
                    BurstSubject::Prefix(prefix) => {
                        (entry.prefixes.get(prefix).copied().unwrap_or(0), 0.0)
                    }
                };
                alerts.push(BurstAlert {
                    hour: start,
                    subject: subject.clone(),
                    count,
                    hour_total: entry.total,
                    baseline,
                });
            }
        }
        alerts
    }
}

#[expect(
    clippy::cast_precision_loss,
    reason = "signature counts per hour stay far below 2^52"
)]
fn to_f64(count: u64) -> f64 {
    count as f64
}

/// Average signatures per earlier kept hour for `country` (hours without any count as 0).
fn country_baseline(hours: &BTreeMap<i64, Hour>, hour: i64, country: CountryCode) -> f64 {
    let earlier: u64 = hours
        .range(hour - HOURS_KEPT + 1..hour)
        .map(|(_, h)| h.countries.get(&country).copied().unwrap_or(0))
        .sum();
    let span = hours
        .range(..hour)
        .next()
        .map_or(0, |(first, _)| hour - first);
    if span == 0 {
        0.0
    } else {
        to_f64(earlier) / to_f64(span.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).unwrap()
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn rules() -> BurstRules {
        BurstRules {
            prefix_min_count: 5,
            prefix_min_share: 0.5,
            country_min_count: 10,
            country_factor: 3.0,
        }
    }

    #[test]
    fn a_prefix_with_an_outsized_share_is_flagged_without_its_full_address() {
        let monitor = BurstMonitor::new(BurstRules {
            country_min_count: u64::MAX,
            ..rules()
        });
        for n in 0..4u8 {
            monitor.record(CountryCode::AT, ip(&format!("198.51.100.{n}")), at(10));
        }
        assert!(monitor.alerts().is_empty(), "below the count");
        for n in 0..6u8 {
            monitor.record(CountryCode::AT, ip(&format!("203.0.113.{n}")), at(20));
        }
        let alerts = monitor.alerts();
        assert_eq!(alerts.len(), 1, "{alerts:?}");
        let alert = alerts.first().unwrap();
        assert_eq!(alert.subject, BurstSubject::Prefix("203.0.113.0/24".into()));
        assert_eq!((alert.count, alert.hour_total), (6, 10));
        assert_eq!(truncated_prefix(ip("2001:db8:1:2::7")), "2001:db8:1::/48");
    }

    #[test]
    fn a_nationality_far_above_its_usual_hours_is_flagged() {
        let monitor = BurstMonitor::new(BurstRules {
            prefix_min_count: u64::MAX,
            ..rules()
        });
        // Three quiet hours of 4 signatures each.
        for hour in 0..3 {
            for n in 0..4u8 {
                monitor.record(
                    CountryCode::DE,
                    ip(&format!("10.{hour}.{n}.1")),
                    at(hour * 3600),
                );
            }
        }
        assert!(monitor.alerts().is_empty());
        // Then 12 in one hour: ≥ 10 and ≥ 3 × 4.
        for n in 0..12u8 {
            monitor.record(CountryCode::DE, ip(&format!("10.9.{n}.1")), at(3 * 3600));
        }
        let alerts = monitor.alerts();
        assert_eq!(alerts.len(), 1, "{alerts:?}");
        assert_eq!(
            alerts.first().unwrap().subject,
            BurstSubject::Country(CountryCode::DE)
        );
        // Old hours age out.
        monitor.record(CountryCode::DE, ip("10.0.0.1"), at(60 * 3600));
        assert!(monitor.alerts().is_empty());
    }
}
