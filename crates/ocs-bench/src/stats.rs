//! Latency percentiles and the per-phase tally of successes, errors and latencies.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The median, in parts per million.
pub const P50: u64 = 500_000;
/// The 99th percentile, in parts per million.
pub const P99: u64 = 990_000;
/// The 99.9th percentile, in parts per million.
pub const P999: u64 = 999_000;

/// The nearest-rank percentile of `sorted` (ascending): the smallest value such that at
/// least `per_million` / 1 000 000 of all values are at or below it. `None` for an empty
/// slice. `per_million` above 1 000 000 is treated as the maximum.
///
/// Integer arithmetic only, so p99.9 of 1000 values is exactly the 999th value.
pub fn percentile(sorted: &[u64], per_million: u64) -> Option<u64> {
    let count = u64::try_from(sorted.len()).ok()?;
    if count == 0 {
        return None;
    }
    let per_million = per_million.min(1_000_000);
    // rank = ceil(per_million × count / 1e6), at least 1. u128 avoids any overflow.
    let rank = (u128::from(per_million) * u128::from(count)).div_ceil(1_000_000);
    let rank = u64::try_from(rank).ok()?.clamp(1, count);
    let index = usize::try_from(rank - 1).ok()?;
    sorted.get(index).copied()
}

/// Microseconds of a duration, saturating.
pub fn micros(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}

/// A non-negative float rounded down to a count, saturating (`NaN` and negatives are 0).
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "`as` saturates, and the value is clamped to be non-negative first"
)]
pub fn floor_count(value: f64) -> u64 {
    if value.is_nan() || value <= 0.0 {
        0
    } else {
        value as u64
    }
}

/// A count as a float, for rates and ratios (exact below 2^53, far above any count here).
#[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^53")]
pub fn as_f64(value: u64) -> f64 {
    value as f64
}

/// The measurement window of a phase: results completed in `[start, deadline)` count
/// towards the rate and the percentiles; nothing new starts at or after `deadline`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// End of the warm-up.
    pub start: Instant,
    /// End of the phase.
    pub deadline: Instant,
}

impl Window {
    /// A window that opens `warmup` from now and lasts `measure`.
    pub fn from_now(warmup: Duration, measure: Duration) -> Self {
        let start = Instant::now() + warmup;
        Self {
            start,
            deadline: start + measure,
        }
    }

    /// Whether a result completed at `at` is measured.
    pub fn contains(&self, at: Instant) -> bool {
        at >= self.start && at < self.deadline
    }

    /// Whether new work may still start.
    pub fn open(&self) -> bool {
        Instant::now() < self.deadline
    }
}

/// What one generator task (or a whole phase, once merged) saw.
#[derive(Debug, Default)]
pub struct Tally {
    /// Successes completed inside the window.
    pub measured: u64,
    /// Latency of each measured success (µs): the whole request, or for a statement from
    /// the challenge GET to the POST's answer.
    pub latencies_us: Vec<u64>,
    /// POST-only latency of each measured statement (µs); empty for the baseline.
    pub post_latencies_us: Vec<u64>,
    /// Successes over the whole phase, warm-up and tail included (the 201s to compare
    /// with the server's counter).
    pub accepted_total: u64,
    /// POSTs sent whose answer never came (connection lost or timed out): the server may
    /// or may not have stored them.
    pub uncertain: u64,
    /// Errors over the whole phase by kind (`statement HTTP 503`, `connection`, …).
    pub errors: BTreeMap<String, u64>,
    /// The first answer body seen for each error kind, shortened, for diagnosis.
    pub samples: BTreeMap<String, String>,
    /// Final HTTP status of each main request (the statement POST, the baseline POST, the
    /// read GET) over the whole phase, 2xx included.
    pub statuses: BTreeMap<u16, u64>,
    /// 503 answers that carried `Retry-After`.
    pub busy_with_retry_after: u64,
    /// Open loop only: requests due by the schedule that the client could not even send,
    /// because the cap of outstanding requests was reached.
    pub client_dropped: u64,
    /// `statement_id` of every 201 answer, when the phase collects them (crash trials).
    pub ids: Vec<String>,
}

impl Tally {
    /// Records a success that started at `started` (and, for statements, whose POST
    /// started at `post_started`) and completed at `done`.
    pub fn success(
        &mut self,
        window: &Window,
        started: Instant,
        post_started: Option<Instant>,
        done: Instant,
    ) {
        self.accepted_total += 1;
        if window.contains(done) {
            self.measured += 1;
            self.latencies_us.push(micros(done - started));
            if let Some(post) = post_started {
                self.post_latencies_us.push(micros(done - post));
            }
        }
    }

    /// Records an error of `kind`, keeping the first `detail` seen for it.
    pub fn error(&mut self, kind: impl Into<String>, detail: &str) {
        let kind = kind.into();
        if !self.samples.contains_key(&kind) {
            let short: String = detail.chars().take(240).collect();
            self.samples.insert(kind.clone(), short);
        }
        *self.errors.entry(kind).or_insert(0) += 1;
    }

    /// Adds `other` to this tally.
    pub fn merge(&mut self, other: Tally) {
        self.measured += other.measured;
        self.latencies_us.extend(other.latencies_us);
        self.post_latencies_us.extend(other.post_latencies_us);
        self.accepted_total += other.accepted_total;
        self.uncertain += other.uncertain;
        for (kind, count) in other.errors {
            *self.errors.entry(kind).or_insert(0) += count;
        }
        for (kind, sample) in other.samples {
            self.samples.entry(kind).or_insert(sample);
        }
        for (status, count) in other.statuses {
            *self.statuses.entry(status).or_insert(0) += count;
        }
        self.busy_with_retry_after += other.busy_with_retry_after;
        self.client_dropped += other.client_dropped;
        self.ids.extend(other.ids);
    }

    /// Records the final status of a main request.
    pub fn status(&mut self, status: u16, retry_after: bool) {
        *self.statuses.entry(status).or_insert(0) += 1;
        if status == 503 && retry_after {
            self.busy_with_retry_after += 1;
        }
    }
}

/// p50, p99 and p99.9 of a set of latencies, in µs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Percentiles {
    /// Median, µs.
    pub p50: u64,
    /// 99th percentile, µs.
    pub p99: u64,
    /// 99.9th percentile, µs.
    pub p999: u64,
    /// Largest value, µs.
    pub max: u64,
}

impl Percentiles {
    /// Sorts `values` and reads the percentiles; `None` when there are none.
    pub fn of(values: &mut [u64]) -> Option<Self> {
        values.sort_unstable();
        Some(Self {
            p50: percentile(values, P50)?,
            p99: percentile(values, P99)?,
            p999: percentile(values, P999)?,
            max: values.last().copied()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_become_counts() {
        assert_eq!(floor_count(-1.0), 0);
        assert_eq!(floor_count(f64::NAN), 0);
        assert_eq!(floor_count(2.9), 2);
        assert_eq!(floor_count(1e30), u64::MAX);
    }

    #[test]
    fn statuses_are_merged() {
        let mut one = Tally::default();
        one.status(201, false);
        one.status(503, true);
        one.status(503, false);
        one.client_dropped = 2;
        one.ids.push("A".into());
        let mut two = Tally::default();
        two.status(201, false);
        two.merge(one);
        assert_eq!(two.statuses.get(&201), Some(&2));
        assert_eq!(two.statuses.get(&503), Some(&2));
        assert_eq!(two.busy_with_retry_after, 1);
        assert_eq!(two.client_dropped, 2);
        assert_eq!(two.ids, vec!["A".to_owned()]);
    }

    #[test]
    fn percentile_of_nothing_is_none() {
        assert_eq!(percentile(&[], P50), None);
        assert_eq!(Percentiles::of(&mut []), None);
    }

    #[test]
    fn percentile_of_one_value_is_that_value() {
        for p in [0, 1, P50, P99, P999, 1_000_000, u64::MAX] {
            assert_eq!(percentile(&[42], p), Some(42));
        }
    }

    #[test]
    fn nearest_rank_on_one_to_thousand() {
        let values: Vec<u64> = (1..=1000).collect();
        assert_eq!(percentile(&values, P50), Some(500));
        assert_eq!(percentile(&values, P99), Some(990));
        assert_eq!(percentile(&values, P999), Some(999));
        assert_eq!(percentile(&values, 1_000_000), Some(1000));
        assert_eq!(percentile(&values, 0), Some(1));
    }

    #[test]
    fn nearest_rank_rounds_up() {
        // 10 values: p50 is the 5th, p99 and p99.9 are the 10th (ceil(9.9) = 10).
        let values: Vec<u64> = (10..=100).step_by(10).collect();
        assert_eq!(percentile(&values, P50), Some(50));
        assert_eq!(percentile(&values, P99), Some(100));
        assert_eq!(percentile(&values, P999), Some(100));
        // 3 values: p50 is ceil(1.5) = 2nd.
        assert_eq!(percentile(&[1, 2, 3], P50), Some(2));
    }

    #[test]
    fn percentiles_sort_their_input() {
        let mut values = vec![9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
        let p = Percentiles::of(&mut values).unwrap();
        assert_eq!((p.p50, p.p99, p.p999, p.max), (5, 10, 10, 10));
    }

    #[test]
    fn tally_counts_only_the_window_for_rates_but_all_for_the_total() {
        let now = Instant::now();
        let window = Window {
            start: now + Duration::from_secs(1),
            deadline: now + Duration::from_secs(2),
        };
        let mut tally = Tally::default();
        tally.success(&window, now, None, now + Duration::from_millis(500));
        tally.success(
            &window,
            now + Duration::from_secs(1),
            Some(now + Duration::from_millis(1200)),
            now + Duration::from_millis(1500),
        );
        tally.success(&window, now, None, now + Duration::from_secs(3));
        assert_eq!(tally.accepted_total, 3);
        assert_eq!(tally.measured, 1);
        assert_eq!(tally.latencies_us, vec![500_000]);
        assert_eq!(tally.post_latencies_us, vec![300_000]);

        let mut other = Tally::default();
        other.error("statement HTTP 503", "busy");
        other.error("statement HTTP 503", "busy again");
        tally.merge(other);
        assert_eq!(tally.errors.values().sum::<u64>(), 2);
        assert_eq!(
            tally.samples.get("statement HTTP 503").map(String::as_str),
            Some("busy")
        );
    }
}
