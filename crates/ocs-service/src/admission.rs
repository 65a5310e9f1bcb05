//! Admission control by waiting time: a statement is refused at once when the time it would
//! wait exceeds a target (ADR 0008).
//!
//! The wait of a newcomer is estimated with Little's law: the requests already admitted and
//! not finished (`in_flight`), divided by the rate at which the node finishes them. The rate
//! is measured, not configured: completions per second of *busy* time (time with at least
//! one request in flight), over windows of [`WINDOW`] of busy time, smoothed by an
//! exponentially weighted moving average. Counting busy time only means an idle night does
//! not lower the estimate; under load busy time is wall time, so the sample is the node's
//! throughput at the concurrency it runs. One stalled stretch (a long fsync, a checkpoint)
//! gives windows with nearly no completions; the moving average alone would then collapse the
//! limit and refuse a wave of statements just as the node recovers. So the rate used is the
//! larger of the moving average and the median of the last [`RECENT`] window samples: a stall
//! shorter than half of that horizon cannot lower it, and a lasting slowdown still brings it
//! down once it fills half the horizon. Refusing "when `in_flight / rate` reaches the
//! target" is the same as a concurrency limit of `rate × target` that follows the measured
//! rate: when the disk or the CPU slows down, the limit falls with it, and the statements
//! admitted keep waiting about the target, not seconds.
//!
//! Two bounds stay fixed: below [`AdmissionSettings::min_in_flight`] requests a node always
//! admits (a node with little in flight has little to wait for, and needs load to measure
//! its rate truly), and above [`AdmissionSettings::max_in_flight`] it always refuses
//! (memory). Before its first window is measured a node has no estimate, and only the hard
//! cap applies.
//!
//! Time comes from the injected [`Clock`], so tests move it by hand and the estimate is
//! deterministic.

use std::sync::{Arc, Mutex, PoisonError};

use jiff::{SignedDuration, Timestamp};

use crate::clock::Clock;

/// Busy time over which one rate sample is taken.
pub const WINDOW: SignedDuration = SignedDuration::from_millis(100);

/// Weight of a new rate sample in the moving average.
const ALPHA: f64 = 0.3;

/// Window samples whose median floors the rate (1.5 s of busy time): a stall of up to seven
/// windows leaves the floor where it was.
pub const RECENT: usize = 15;

/// The tunables of admission control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdmissionSettings {
    /// The longest estimated wait a statement is admitted with (`signing.admission_target_ms`).
    pub target: SignedDuration,
    /// Requests admitted whatever the estimate, as long as fewer are in flight. At least 1.
    pub min_in_flight: usize,
    /// Requests in flight above which every newcomer is refused (bounds memory). At least 1.
    pub max_in_flight: usize,
}

impl Default for AdmissionSettings {
    fn default() -> Self {
        Self {
            target: SignedDuration::from_millis(100),
            min_in_flight: 64,
            max_in_flight: 4096,
        }
    }
}

/// What admission control knows now (for metrics and tests).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdmissionState {
    /// Requests admitted and not finished.
    pub in_flight: usize,
    /// Measured completions per second of busy time; `None` before the first sample (then
    /// the limit is the hard cap).
    pub rate: Option<f64>,
    /// Requests in flight at which the next one is refused.
    pub limit: usize,
}

/// The admission controller of one node's signing path.
pub struct Admission {
    settings: AdmissionSettings,
    clock: Arc<dyn Clock>,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    in_flight: usize,
    /// While requests are in flight: the instant up to which busy time is counted.
    busy_mark: Option<Timestamp>,
    /// Busy time of the current window, in microseconds.
    window_busy_us: i64,
    /// Requests finished in the current window.
    window_done: u64,
    /// Smoothed completions per second of busy time.
    rate: Option<f64>,
    /// The last [`RECENT`] window samples, oldest first.
    recent: std::collections::VecDeque<f64>,
}

/// One admitted request. Dropping it marks the request finished.
#[must_use = "the request counts as in flight until the permit is dropped"]
pub struct Permit<'a> {
    admission: &'a Admission,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.admission.finish();
    }
}

impl std::fmt::Debug for Permit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Permit")
    }
}

impl Admission {
    /// A controller with nothing measured yet.
    pub fn new(settings: AdmissionSettings, clock: Arc<dyn Clock>) -> Self {
        let settings = AdmissionSettings {
            min_in_flight: settings.min_in_flight.max(1),
            max_in_flight: settings.max_in_flight.max(1),
            target: settings.target.max(SignedDuration::ZERO),
        };
        Self {
            settings,
            clock,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The settings in force.
    pub fn settings(&self) -> AdmissionSettings {
        self.settings
    }

    /// Admits one request, or refuses it when the wait it would have exceeds the target
    /// (or the node is at `max_in_flight`). Cheap: one lock, no I/O.
    pub fn try_admit(&self) -> Option<Permit<'_>> {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.account(now);
        if inner.in_flight >= self.limit(&inner) {
            return None;
        }
        inner.in_flight += 1;
        if inner.busy_mark.is_none() {
            inner.busy_mark = Some(now);
        }
        Some(Permit { admission: self })
    }

    /// Whether [`Admission::try_admit`] would refuse a request now, without admitting one
    /// (the web's early refusal asks this before it reads the request).
    pub fn would_refuse(&self) -> bool {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.account(now);
        inner.in_flight >= self.limit(&inner)
    }

    /// What the controller knows now.
    pub fn state(&self) -> AdmissionState {
        let inner = self.lock();
        AdmissionState {
            in_flight: inner.in_flight,
            rate: inner.rate(),
            limit: self.limit(&inner),
        }
    }

    /// The estimated wait of a request admitted now: `in_flight / rate`; `None` before the
    /// rate is known.
    pub fn estimated_wait(&self) -> Option<std::time::Duration> {
        let inner = self.lock();
        let rate = inner.rate().filter(|rate| *rate > 0.0)?;
        let in_flight = u32::try_from(inner.in_flight).unwrap_or(u32::MAX);
        std::time::Duration::try_from_secs_f64(f64::from(in_flight) / rate).ok()
    }

    fn finish(&self) {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.account(now);
        inner.in_flight = inner.in_flight.saturating_sub(1);
        inner.window_done += 1;
        if inner.in_flight == 0 {
            inner.busy_mark = None;
        }
    }

    /// `max(min_in_flight, rate × target)`, at most `max_in_flight`; the hard cap while
    /// nothing is measured.
    fn limit(&self, inner: &Inner) -> usize {
        let Some(rate) = inner.rate() else {
            return self.settings.max_in_flight;
        };
        let by_rate = (rate * self.settings.target.as_secs_f64()).floor();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "float to int casts saturate (NaN gives 0); the result is clamped below"
        )]
        let by_rate = by_rate as usize;
        by_rate
            .max(self.settings.min_in_flight)
            .min(self.settings.max_in_flight)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Inner {
    /// The rate in force: the moving average, floored by the median of the recent samples.
    fn rate(&self) -> Option<f64> {
        let mut recent: Vec<f64> = self.recent.iter().copied().collect();
        recent.sort_by(f64::total_cmp);
        let median = recent.get(recent.len() / 2).copied();
        match (self.rate, median) {
            (Some(average), Some(median)) => Some(average.max(median)),
            (average, median) => average.or(median),
        }
    }

    /// Adds the busy time since the last mark. A clock that went back counts nothing.
    ///
    /// A full window is closed here, at the first event after time moved on, so requests
    /// that finish at the same instant all fall in the window their busy time was spent in.
    fn account(&mut self, now: Timestamp) {
        if let Some(mark) = self.busy_mark {
            let window_us = i64::try_from(WINDOW.as_micros()).unwrap_or(i64::MAX);
            if now > mark && self.window_busy_us >= window_us {
                self.sample();
            }
            let busy = now.duration_since(mark).max(SignedDuration::ZERO);
            let micros = i64::try_from(busy.as_micros()).unwrap_or(i64::MAX);
            self.window_busy_us = self.window_busy_us.saturating_add(micros);
            self.busy_mark = Some(now.max(mark));
        }
    }

    /// Closes the window: one rate sample into the moving average.
    fn sample(&mut self) {
        let done = u32::try_from(self.window_done).unwrap_or(u32::MAX);
        let busy_us = u32::try_from(self.window_busy_us).unwrap_or(u32::MAX);
        let sample = f64::from(done) * 1e6 / f64::from(busy_us.max(1));
        self.rate = Some(match self.rate {
            Some(rate) => rate + ALPHA * (sample - rate),
            None => sample,
        });
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(sample);
        self.window_busy_us = 0;
        self.window_done = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex as StdMutex;

    /// A clock moved by hand.
    struct Hand(StdMutex<Timestamp>);

    impl Hand {
        fn new() -> Arc<Self> {
            Arc::new(Self(StdMutex::new(Timestamp::UNIX_EPOCH)))
        }
        fn advance_us(&self, micros: i64) {
            let mut now = self.0.lock().unwrap();
            *now = now
                .checked_add(SignedDuration::from_micros(micros))
                .unwrap();
        }
    }

    impl Clock for Hand {
        fn now(&self) -> Timestamp {
            *self.0.lock().unwrap()
        }
    }

    fn admission(clock: &Arc<Hand>, min: usize, max: usize) -> Admission {
        Admission::new(
            AdmissionSettings {
                target: SignedDuration::from_millis(100),
                min_in_flight: min,
                max_in_flight: max,
            },
            clock.clone(),
        )
    }

    /// `steps` times: `n` requests admitted together, finished `step_us` later.
    fn run(admission: &Admission, clock: &Hand, n: usize, step_us: i64, steps: usize) {
        for _ in 0..steps {
            let permits: Vec<_> = (0..n)
                .map(|_| admission.try_admit().expect("admitted"))
                .collect();
            clock.advance_us(step_us);
            drop(permits);
        }
    }

    #[test]
    fn before_any_measure_only_the_hard_cap_holds() {
        let clock = Hand::new();
        let admission = admission(&clock, 4, 100);
        let held: Vec<_> = (0..100).map(|_| admission.try_admit().unwrap()).collect();
        assert!(admission.try_admit().is_none(), "the 101st was admitted");
        assert_eq!(admission.state().limit, 100);
        drop(held);
        assert!(admission.try_admit().is_some());
    }

    /// The early refusal's question agrees with `try_admit` at every step and admits nothing.
    #[test]
    fn would_refuse_agrees_with_try_admit_and_takes_no_permit() {
        let clock = Hand::new();
        let admission = admission(&clock, 2, 1_000);
        // 100 requests per 100 ms of busy time: 1,000/s, a limit of 100 at the 100 ms target.
        run(&admission, &clock, 100, 100_000, 3);
        assert_eq!(admission.state().limit, 100);
        let mut held = Vec::new();
        for _ in 0..100 {
            assert!(!admission.would_refuse());
            assert!(!admission.would_refuse(), "asking twice admitted one");
            held.push(admission.try_admit().expect("under the limit"));
        }
        assert_eq!(admission.state().in_flight, 100);
        assert!(admission.would_refuse());
        assert!(admission.try_admit().is_none());
        held.pop();
        assert!(!admission.would_refuse());
        assert_eq!(admission.state().in_flight, 99);
    }

    #[test]
    fn the_floor_holds_whatever_the_rate() {
        let clock = Hand::new();
        let admission = admission(&clock, 20, 1_000);
        // One request per 100 ms: 10/s, so 1 in flight would already reach the target.
        run(&admission, &clock, 1, 100_000, 3);
        let state = admission.state();
        assert!(state.rate.is_some_and(|rate| rate < 11.0), "{state:?}");
        assert_eq!(state.limit, 20);
    }

    #[test]
    fn the_limit_follows_the_measured_rate_times_the_target() {
        let clock = Hand::new();
        // Work that takes no time measures nothing.
        let instant = admission(&clock, 2, 10_000);
        run(&instant, &clock, 2, 0, 100);
        assert_eq!(instant.state().rate, None);
        let admission = admission(&clock, 2, 10_000);
        // Two requests per 0.4 ms: 500 done in each 100 ms of busy time, 5,000/s. (A window
        // is closed at the first event after it is full.)
        run(&admission, &clock, 2, 400, 500);
        let state = admission.state();
        let rate = state.rate.expect("one window measured");
        assert!((rate - 5_000.0).abs() < 1.0, "rate {rate}");
        // 5,000/s × 100 ms: the 501st request would wait over the target.
        assert_eq!(state.limit, 500);
        let held: Vec<_> = (0..500).map(|_| admission.try_admit().unwrap()).collect();
        assert!(admission.try_admit().is_none());
        assert_eq!(
            admission.estimated_wait(),
            Some(std::time::Duration::from_millis(100))
        );
        drop(held);
        assert_eq!(admission.state().in_flight, 0);
        assert!(admission.try_admit().is_some());
    }

    #[test]
    fn a_slower_node_lowers_the_limit_and_idle_time_does_not() {
        let clock = Hand::new();
        let admission = admission(&clock, 10, 100_000);
        // 10 requests per ms: 10,000/s, a limit of 1,000.
        run(&admission, &clock, 10, 1_000, 200);
        assert_eq!(admission.state().limit, 1_000);
        // An hour idle changes nothing: only busy time counts.
        clock.advance_us(3_600_000_000);
        run(&admission, &clock, 1, 0, 1);
        assert_eq!(admission.state().limit, 1_000);
        // The disk slows down to 1 request per ms, for 3 s of busy time (30 windows).
        run(&admission, &clock, 1, 1_000, 3_000);
        let limit = admission.state().limit;
        assert!(
            (100..=101).contains(&limit),
            "limit {limit} did not follow the rate"
        );
    }

    /// A stall (a long fsync) of six windows with nothing finished leaves the limit where
    /// the steady rate put it; the moving average alone would have fallen to about a tenth.
    #[test]
    fn a_stall_shorter_than_half_the_horizon_does_not_collapse_the_limit() {
        let clock = Hand::new();
        let admission = admission(&clock, 10, 100_000);
        // 10,000/s for 2 s of busy time: a limit of 1,000.
        run(&admission, &clock, 10, 1_000, 2_000);
        assert_eq!(admission.state().limit, 1_000);
        // Nothing finishes for 600 ms; newcomers keep arriving (an arrival closes a full
        // window). They are admitted: the limit stays 1,000.
        let mut held = Vec::new();
        for _ in 0..60 {
            clock.advance_us(10_000);
            held.push(admission.try_admit().expect("admitted during the stall"));
        }
        clock.advance_us(10_000);
        let state = admission.state();
        assert_eq!(state.limit, 1_000, "{state:?}");
        drop(held);
        // The node is back at full speed: the limit stays.
        run(&admission, &clock, 10, 1_000, 200);
        assert_eq!(admission.state().limit, 1_000);
    }

    /// A stall longer than half the horizon is a slowdown: the limit follows it down, to the
    /// floor, and back up once the node finishes work again.
    #[test]
    fn a_lasting_stall_lowers_the_limit_and_recovery_raises_it() {
        let clock = Hand::new();
        let admission = admission(&clock, 10, 100_000);
        run(&admission, &clock, 10, 1_000, 2_000);
        let mut held = Vec::new();
        for _ in 0..100 {
            clock.advance_us(10_000);
            if let Some(permit) = admission.try_admit() {
                held.push(permit);
            }
        }
        let limit = admission.state().limit;
        assert!(
            limit < 100,
            "a second with nothing finished left a limit of {limit}"
        );
        drop(held);
        run(&admission, &clock, 10, 1_000, 2_000);
        assert_eq!(admission.state().limit, 1_000);
    }

    #[test]
    fn the_hard_cap_holds_whatever_the_rate() {
        let clock = Hand::new();
        let admission = admission(&clock, 10, 50);
        run(&admission, &clock, 10, 20, 10_000); // 500,000/s
        assert_eq!(admission.state().limit, 50);
        let held: Vec<_> = (0..50).map(|_| admission.try_admit().unwrap()).collect();
        assert!(admission.try_admit().is_none());
        drop(held);
    }

    #[test]
    fn a_clock_going_back_counts_no_busy_time() {
        let clock = Hand::new();
        let admission = admission(&clock, 1, 100);
        let permit = admission.try_admit().unwrap();
        clock.advance_us(-1_000_000);
        drop(permit);
        let state = admission.state();
        assert_eq!((state.rate, state.in_flight), (None, 0));
    }
}
