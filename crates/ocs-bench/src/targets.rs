//! Issue 21's targets, checked against the figures of a run and printed as "met" or "NOT
//! met". Printed only: the harness never fails a run on a figure (the machine is shared and
//! noisy; a CI failure on a timing would be a flaky test).

use std::fmt::Write as _;

use crate::report::PhaseReport;

/// The burst's goodput must be at least this share of the closed-loop capacity.
pub const BURST_GOODPUT: f64 = 0.9;
/// The p99 latency of the statements accepted during the burst, at most, in µs.
pub const BURST_P99_US: u64 = 250_000;
/// Durable statements per second over the bare-axum rate, at least.
pub const RATIO: f64 = 1.0 / 3.0;

/// One target and whether the run met it.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// What was required, in words.
    pub target: String,
    /// What the run measured, in words.
    pub measured: String,
    /// Whether it was met.
    pub met: bool,
}

/// The burst's targets: goodput, accepted p99, and every excess statement answered 503
/// with `Retry-After` (no other status, no timeout or lost answer, nothing the generator
/// had to give up on).
pub fn burst(phase: &PhaseReport, of_capacity: Option<f64>) -> Vec<Verdict> {
    let share = of_capacity.unwrap_or(0.0);
    let p99 = phase.latency.map(|l| l.p99);
    let busy = phase.statuses.get(&503).copied().unwrap_or(0);
    let other: u64 = phase
        .statuses
        .iter()
        .filter(|(status, _)| **status != 201 && **status != 503)
        .map(|(_, count)| *count)
        .sum();
    let transport: u64 = phase
        .errors
        .iter()
        .filter(|(kind, _)| !kind.contains("HTTP"))
        .map(|(_, count)| *count)
        .sum();
    let without_retry = busy.saturating_sub(phase.busy_with_retry_after);
    vec![
        Verdict {
            target: format!("goodput >= {:.0} % of capacity", BURST_GOODPUT * 100.0),
            measured: format!("{:.1} %", share * 100.0),
            met: share >= BURST_GOODPUT,
        },
        Verdict {
            target: format!("accepted p99 <= {} ms", BURST_P99_US / 1000),
            measured: p99.map_or_else(|| "-".to_owned(), |p| format!("{:.0} ms", as_ms(p))),
            met: p99.is_some_and(|p| p <= BURST_P99_US),
        },
        Verdict {
            target: "every excess statement answered 503 with Retry-After".to_owned(),
            measured: format!(
                "503: {busy} ({without_retry} without Retry-After); other statuses: {other}; \
                 timeouts/connection errors: {transport}; client gave up: {}",
                phase.client_dropped
            ),
            met: without_retry == 0 && other == 0 && transport == 0 && phase.client_dropped == 0,
        },
    ]
}

/// The ratio target (issue 21, item 2).
pub fn ratio(ratio: Option<f64>) -> Verdict {
    Verdict {
        target: "durable statements/s >= 1/3 of the bare-axum POST rate".to_owned(),
        measured: ratio.map_or_else(|| "-".to_owned(), |r| format!("{r:.3}")),
        met: ratio.is_some_and(|r| r >= RATIO),
    }
}

fn as_ms(micros: u64) -> f64 {
    crate::stats::as_f64(micros) / 1000.0
}

/// Appends `target: met|NOT met (measured)` lines.
pub fn render(out: &mut String, heading: &str, verdicts: &[Verdict]) {
    for v in verdicts {
        let _ = writeln!(
            out,
            "  {heading} target {}: {} ({})",
            v.target,
            if v.met { "met" } else { "NOT met" },
            v.measured
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Tally;

    fn phase(statuses: &[(u16, u64)], retry: u64, latencies_us: &[u64]) -> PhaseReport {
        let mut tally = Tally::default();
        for (status, count) in statuses {
            tally.statuses.insert(*status, *count);
        }
        tally.busy_with_retry_after = retry;
        tally.latencies_us = latencies_us.to_vec();
        tally.measured = u64::try_from(latencies_us.len()).unwrap();
        PhaseReport::new("burst", "statements", 1, tally, None)
    }

    #[test]
    fn a_good_burst_meets_every_target() {
        let p = phase(&[(201, 3), (503, 6)], 6, &[1_000, 2_000, 250_000]);
        let verdicts = burst(&p, Some(0.95));
        assert!(verdicts.iter().all(|v| v.met), "{verdicts:?}");
    }

    #[test]
    fn each_shortfall_is_reported() {
        let p = phase(&[(201, 3), (503, 6), (500, 1)], 5, &[1_000, 2_000, 250_001]);
        let verdicts = burst(&p, Some(0.89));
        assert_eq!(
            verdicts.iter().map(|v| v.met).collect::<Vec<_>>(),
            [false, false, false]
        );
        let mut dropped = phase(&[(201, 1)], 0, &[1_000]);
        dropped.client_dropped = 1;
        assert!(!burst(&dropped, Some(1.0))[2].met);
        let mut out = String::new();
        render(&mut out, "burst", &verdicts);
        assert!(out.contains("NOT met (89.0 %)"), "{out}");
        assert!(ratio(Some(0.34)).met);
        assert!(!ratio(Some(0.2)).met);
        assert!(!ratio(None).met);
    }
}
