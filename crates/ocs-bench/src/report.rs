//! The figures of a run: per phase, the ratio, the group-commit batch size and the counter
//! check, as a readable table and as JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::scenarios::{ScenarioReport, render_scenarios};
use crate::stats::{Percentiles, Tally, as_f64};

/// The figures of one phase.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseReport {
    /// `baseline` or `real`.
    pub name: &'static str,
    /// What was counted: `requests` or `statements`.
    pub unit: &'static str,
    /// Successes completed in the measurement window.
    pub measured: u64,
    /// Length of the measurement window.
    pub seconds: f64,
    /// `measured / seconds`.
    pub per_second: f64,
    /// Latency of the measured successes (a statement: challenge GET to POST answer).
    pub latency: Option<Percentiles>,
    /// POST-only latency of the measured statements (real phase only).
    pub post_latency: Option<Percentiles>,
    /// Errors over the whole phase (warm-up included) by kind.
    pub errors: BTreeMap<String, u64>,
    /// The first answer seen for each error kind.
    pub error_samples: BTreeMap<String, String>,
    /// Successes over the whole phase, warm-up included.
    pub accepted_total: u64,
    /// Statements sent whose answer was lost.
    pub uncertain: u64,
    /// Peak resident set size of the server (`VmHWM`), KiB.
    pub peak_rss_kib: Option<u64>,
    /// Final status of each main request over the whole phase, by HTTP status code.
    pub statuses: BTreeMap<u16, u64>,
    /// 503 answers that carried `Retry-After`.
    pub busy_with_retry_after: u64,
    /// Open loop: requests due that the client could not send (too many outstanding).
    pub client_dropped: u64,
    /// CPU time of the servers and of the generator over the whole phase (warm-up included).
    pub cpu: Option<crate::cpus::PhaseCpu>,
}

impl PhaseReport {
    /// Summarises a phase's tally.
    pub fn new(
        name: &'static str,
        unit: &'static str,
        seconds: u64,
        mut tally: Tally,
        peak_rss_kib: Option<u64>,
    ) -> Self {
        let latency = Percentiles::of(&mut tally.latencies_us);
        let post_latency = Percentiles::of(&mut tally.post_latencies_us);
        let seconds = as_f64(seconds.max(1));
        Self {
            name,
            unit,
            measured: tally.measured,
            seconds,
            per_second: as_f64(tally.measured) / seconds,
            latency,
            post_latency,
            errors: tally.errors,
            error_samples: tally.samples,
            accepted_total: tally.accepted_total,
            uncertain: tally.uncertain,
            peak_rss_kib,
            statuses: tally.statuses,
            busy_with_retry_after: tally.busy_with_retry_after,
            client_dropped: tally.client_dropped,
            cpu: None,
        }
    }

    /// The same report with the CPU time of the phase.
    #[must_use]
    pub fn with_cpu(mut self, cpu: Option<crate::cpus::PhaseCpu>) -> Self {
        self.cpu = cpu;
        self
    }

    /// The servers' CPU time per success of the whole phase, in µs.
    pub fn server_cpu_per_success_us(&self) -> Option<f64> {
        let cpu = self.cpu?;
        (self.accepted_total > 0).then(|| cpu.server_seconds * 1e6 / as_f64(self.accepted_total))
    }

    /// The generator's CPU time per success of the whole phase, in µs.
    pub fn generator_cpu_per_success_us(&self) -> Option<f64> {
        let cpu = self.cpu?;
        (self.accepted_total > 0).then(|| cpu.generator_seconds * 1e6 / as_f64(self.accepted_total))
    }
}

/// `server 12.30 s, generator 4.50 s`, or `-`.
pub fn cpu_cell(phase: &PhaseReport) -> String {
    phase.cpu.map_or_else(
        || "-".to_owned(),
        |cpu| {
            format!(
                "server {:.2} s, generator {:.2} s",
                cpu.server_seconds, cpu.generator_seconds
            )
        },
    )
}

/// `212 µs server + 47 µs generator`, or `-`.
pub fn cpu_per_success_cell(phase: &PhaseReport) -> String {
    match (
        phase.server_cpu_per_success_us(),
        phase.generator_cpu_per_success_us(),
    ) {
        (Some(server), Some(generator)) => {
            format!("{server:.0} µs server + {generator:.0} µs generator")
        }
        _ => "-".to_owned(),
    }
}

/// Group-commit figures from `/metrics`.
#[derive(Debug, Serialize)]
pub struct StoreFigures {
    /// `ocs_store_batches_total`.
    pub batches: u64,
    /// `ocs_store_committed_total`.
    pub committed: u64,
    /// Rows per commit.
    pub average_batch: Option<f64>,
}

/// The counter check: the server's `total` against the 201 answers received.
#[derive(Debug, Serialize)]
pub struct CounterCheck {
    /// `total` of `GET /api/v1/initiatives/bench/counters`.
    pub total: u64,
    /// 201 answers received over the whole real phase.
    pub accepted: u64,
    /// Statements whose answer was lost (they may or may not be stored).
    pub uncertain: u64,
    /// `accepted <= total <= accepted + uncertain` (equality when nothing was lost).
    pub ok: bool,
}

impl CounterCheck {
    /// Compares the server's total with what the generator saw.
    pub fn new(total: u64, accepted: u64, uncertain: u64) -> Self {
        Self {
            total,
            accepted,
            uncertain,
            ok: total >= accepted && total <= accepted.saturating_add(uncertain),
        }
    }
}

/// The whole run.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Measured seconds per phase.
    pub seconds: u64,
    /// Warm-up seconds per phase.
    pub warmup: u64,
    /// Generator tasks (connections).
    pub concurrency: usize,
    /// Proof-of-work difficulty configured for the real server.
    pub max_number: u64,
    /// The bare axum server.
    pub baseline: PhaseReport,
    /// `ocs serve`.
    pub real: PhaseReport,
    /// Real statements per second over baseline requests per second.
    pub ratio: Option<f64>,
    /// Group commits of the real server.
    pub store: Option<StoreFigures>,
    /// The correctness check, over every phase on the real server(s).
    pub counter: CounterCheck,
    /// `ocs serve` nodes sharing the database.
    pub nodes: usize,
    /// The database backend (`sqlite` or `postgres`).
    pub database: &'static str,
    /// The real-server scenarios, in the order they ran (capacity first).
    pub scenarios: Vec<ScenarioReport>,
    /// `--split-cpus`: the servers' and the generator's CPUs.
    pub split: Option<(Vec<usize>, Vec<usize>)>,
}

/// The value of an unlabelled Prometheus sample `name VALUE`.
pub fn metric(text: &str, name: &str) -> Option<u64> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(name)?.strip_prefix(' ')?;
        rest.trim().parse().ok()
    })
}

pub fn millis(us: u64) -> String {
    let ms = as_f64(us) / 1000.0;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else if ms < 100.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

pub fn latency_cell(latency: Option<&Percentiles>) -> String {
    latency.map_or_else(
        || "-".to_owned(),
        |p| {
            format!(
                "{} / {} / {} ms",
                millis(p.p50),
                millis(p.p99),
                millis(p.p999)
            )
        },
    )
}

fn errors_cell(errors: &BTreeMap<String, u64>) -> Vec<String> {
    if errors.is_empty() {
        return vec!["none".to_owned()];
    }
    errors
        .iter()
        .map(|(kind, count)| format!("{kind}: {count}"))
        .collect()
}

pub fn rss_cell(kib: Option<u64>) -> String {
    kib.map_or_else(
        || "-".to_owned(),
        |kib| format!("{:.1} MiB", as_f64(kib) / 1024.0),
    )
}

/// Thousands separators for a whole number.
pub fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn rate(value: f64) -> String {
    // Rounded to a whole number per second, then grouped.
    format!("{value:.0}")
        .parse::<u64>()
        .map_or_else(|_| format!("{value:.0}"), grouped)
}

type Row = (String, String, String);

/// The rows of the comparison table.
fn rows(b: &PhaseReport, r: &PhaseReport) -> Vec<Row> {
    let mut rows: Vec<Row> = vec![
        (
            "throughput".into(),
            format!("{} {}/s", rate(b.per_second), b.unit),
            format!("{} {}/s", rate(r.per_second), r.unit),
        ),
        (
            "measured in window".into(),
            format!("{} in {:.0} s", grouped(b.measured), b.seconds),
            format!("{} in {:.0} s", grouped(r.measured), r.seconds),
        ),
        (
            "latency p50/p99/p99.9".into(),
            latency_cell(b.latency.as_ref()),
            latency_cell(r.latency.as_ref()),
        ),
        (
            "POST only p50/p99/p99.9".into(),
            latency_cell(b.post_latency.as_ref()),
            latency_cell(r.post_latency.as_ref()),
        ),
        (
            "successes, whole phase".into(),
            grouped(b.accepted_total),
            grouped(r.accepted_total),
        ),
        ("CPU, whole phase".into(), cpu_cell(b), cpu_cell(r)),
        (
            "CPU per success".into(),
            cpu_per_success_cell(b),
            cpu_per_success_cell(r),
        ),
        (
            "server peak RSS (VmHWM)".into(),
            rss_cell(b.peak_rss_kib),
            rss_cell(r.peak_rss_kib),
        ),
    ];
    let baseline_errors = errors_cell(&b.errors);
    let real_errors = errors_cell(&r.errors);
    for i in 0..baseline_errors.len().max(real_errors.len()) {
        rows.push((
            if i == 0 {
                "errors, whole phase".into()
            } else {
                String::new()
            },
            baseline_errors.get(i).cloned().unwrap_or_default(),
            real_errors.get(i).cloned().unwrap_or_default(),
        ));
    }
    rows
}

/// Writes `rows` under `headers` as an aligned table.
fn table(out: &mut String, headers: &Row, rows: &[Row]) {
    let width = |pick: fn(&Row) -> &String| {
        rows.iter()
            .chain(std::iter::once(headers))
            .map(|row| pick(row).chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (width(|r| &r.0), width(|r| &r.1), width(|r| &r.2));
    let rule = format!(
        "{}-+-{}-+-{}",
        "-".repeat(w0),
        "-".repeat(w1),
        "-".repeat(w2)
    );
    let _ = writeln!(
        out,
        "{:<w0$} | {:<w1$} | {:<w2$}",
        headers.0, headers.1, headers.2
    );
    let _ = writeln!(out, "{rule}");
    for (label, baseline, real) in rows {
        let _ = writeln!(out, "{label:<w0$} | {baseline:<w1$} | {real:<w2$}");
    }
    let _ = writeln!(out, "{rule}");
}

/// The lines under the table: ratio, group commit, counter check, error samples.
fn summary(out: &mut String, report: &Report) {
    if let Some(ratio) = report.ratio {
        let _ = writeln!(
            out,
            "ratio real/baseline: {ratio:.3} ({:.1} % of the bare-axum rate; the baseline \
             is {:.1}x faster)",
            ratio * 100.0,
            if ratio > 0.0 {
                1.0 / ratio
            } else {
                f64::INFINITY
            }
        );
    } else {
        let _ = writeln!(out, "ratio real/baseline: n/a (no baseline requests)");
    }
    crate::targets::render(out, "ratio", &[crate::targets::ratio(report.ratio)]);
    if let (Some(bare), Some(statement)) = (
        report.baseline.server_cpu_per_success_us(),
        report.real.server_cpu_per_success_us(),
    ) && statement > 0.0
    {
        let _ = writeln!(
            out,
            "server CPU per success: bare POST {bare:.1} µs, statement {statement:.1} µs (a \
             statement costs the server {:.1}x a bare POST; cost ratio {:.3})",
            statement / bare.max(f64::MIN_POSITIVE),
            bare / statement
        );
    }
    if let Some(store) = &report.store {
        let average = store
            .average_batch
            .map_or_else(|| "n/a".to_owned(), |a| format!("{a:.2}"));
        let _ = writeln!(
            out,
            "group commit: {} rows in {} batches = {average} rows per commit",
            grouped(store.committed),
            grouped(store.batches)
        );
    } else {
        let _ = writeln!(out, "group commit: not reported by /metrics");
    }
    let c = &report.counter;
    let verdict = if c.ok { "OK" } else { "MISMATCH" };
    let lost = if c.uncertain > 0 {
        format!(" (+ up to {} with a lost answer)", c.uncertain)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "counter check: server total {} vs {} answers 201{lost}: {verdict}",
        grouped(c.total),
        grouped(c.accepted)
    );
    for phase in [&report.baseline, &report.real] {
        for (kind, sample) in &phase.error_samples {
            let _ = writeln!(out, "first {} error '{kind}': {sample}", phase.name);
        }
    }
}

/// The table printed at the end of a run.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nOpenOCS load harness: {} s measured after {} s warm-up per phase, {} connections, \
         proof of work max_number {}, {} node(s) on {}",
        report.seconds,
        report.warmup,
        report.concurrency,
        report.max_number,
        report.nodes,
        report.database
    );
    let _ = match &report.split {
        Some((server, generator)) => writeln!(
            out,
            "CPUs: servers on {server:?}, generator on {generator:?} (--split-cpus)"
        ),
        None => writeln!(out, "CPUs: servers and generator share every CPU"),
    };
    let headers = (
        String::new(),
        "baseline (bare axum)".to_owned(),
        "real (ocs serve)".to_owned(),
    );
    table(&mut out, &headers, &rows(&report.baseline, &report.real));
    summary(&mut out, report);
    render_scenarios(&mut out, &report.scenarios);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_are_read_by_exact_name() {
        let text = "# HELP ocs_store_batches_total x\n# TYPE ocs_store_batches_total counter\n\
                    ocs_store_batches_total 17\nocs_store_batches_total_other 3\n\
                    ocs_store_committed_total 40\n";
        assert_eq!(metric(text, "ocs_store_batches_total"), Some(17));
        assert_eq!(metric(text, "ocs_store_committed_total"), Some(40));
        assert_eq!(metric(text, "ocs_missing"), None);
    }

    #[test]
    fn counter_check_allows_only_lost_answers() {
        assert!(CounterCheck::new(10, 10, 0).ok);
        assert!(!CounterCheck::new(11, 10, 0).ok);
        assert!(!CounterCheck::new(9, 10, 0).ok);
        assert!(CounterCheck::new(11, 10, 2).ok);
        assert!(!CounterCheck::new(13, 10, 2).ok);
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(rate(31_234.6), "31,235");
    }

    #[test]
    fn table_renders() {
        let tally = Tally {
            measured: 20,
            latencies_us: (1..=20).map(|v| v * 100).collect(),
            accepted_total: 25,
            ..Tally::default()
        };
        let mut real = Tally {
            measured: 2,
            latencies_us: vec![5000, 6000],
            post_latencies_us: vec![4000, 4500],
            accepted_total: 3,
            ..Tally::default()
        };
        real.error("statement HTTP 503", "busy");
        let report = Report {
            seconds: 10,
            warmup: 2,
            concurrency: 64,
            max_number: 10,
            baseline: PhaseReport::new("baseline", "requests", 10, tally, Some(10_240)).with_cpu(
                Some(crate::cpus::PhaseCpu {
                    server_seconds: 0.025,
                    generator_seconds: 0.0125,
                }),
            ),
            real: PhaseReport::new("real", "statements", 10, real, None).with_cpu(Some(
                crate::cpus::PhaseCpu {
                    server_seconds: 0.003,
                    generator_seconds: 0.0015,
                },
            )),
            ratio: Some(0.1),
            store: Some(StoreFigures {
                batches: 2,
                committed: 3,
                average_batch: Some(1.5),
            }),
            counter: CounterCheck::new(3, 3, 0),
            nodes: 1,
            database: "sqlite",
            scenarios: Vec::new(),
            split: Some((vec![0], vec![1])),
        };
        let text = render(&report);
        // Per success of the whole phase: 25 ms of server CPU over 25 requests, 3 ms over 3.
        assert!(text.contains("1000 µs server + 500 µs generator"), "{text}");
        assert!(
            text.contains("bare POST 1000.0 µs, statement 1000.0 µs"),
            "{text}"
        );
        assert!(text.contains("servers on [0], generator on [1]"), "{text}");
        assert!(text.contains("2 requests/s"), "{text}");
        assert!(text.contains("statement HTTP 503: 1"), "{text}");
        assert!(text.contains("10.0 MiB"), "{text}");
        assert!(text.contains("1.50 rows per commit"), "{text}");
        assert!(text.contains(": OK"), "{text}");
        assert!(
            serde_json::to_string(&report)
                .unwrap()
                .contains("\"ratio\":0.1")
        );
    }
}
