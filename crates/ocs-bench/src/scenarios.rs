//! The scenarios on the real server(s), after the baseline: (1) closed-loop capacity,
//! (2) open-loop steady load at 80 % of it, (3) an open-loop burst at 3× it, (4) reads at a
//! fixed rate while signing runs at 80 % of capacity, after that signing alone, (5) the
//! browser flow in a closed loop and one visitor's bytes; or, with `--rate N`, capacity and one
//! open-loop phase at `N`. All phases share one set of nodes and one database, so the
//! counter check at the end covers every statement acknowledged in any of them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::time::Duration;

use serde::Serialize;

use crate::cpus::Meter;
use crate::load::{self, Shared, Target};
use crate::open_loop;
use crate::report::{
    PhaseReport, cpu_cell, cpu_per_success_cell, grouped, latency_cell, millis, rate, rss_cell,
};
use crate::server::{Node, NodeMemory};
use crate::stats::Window;

/// A scenario that can be chosen with `--scenarios`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Scenario {
    /// Closed-loop capacity (always run: the others are sized from it).
    Capacity,
    /// Open loop at 80 % of the capacity.
    Steady,
    /// Open loop at 3× the capacity, for `--burst-seconds`.
    Burst,
    /// Reads at `--read-rate` while signing runs at 80 % of capacity, and the same signing
    /// without reads for comparison.
    Reads,
    /// The browser flow (form page, form `POST`, receipt page) in a closed loop, and one new
    /// visitor's bytes from the initiative page to the receipt ([`crate::browser`]).
    Browser,
}

/// Share of the capacity offered in the steady phase.
const STEADY_SHARE: f64 = 0.8;
/// Multiple of the capacity offered in the burst.
const BURST_FACTOR: f64 = 3.0;
/// Pause after each phase, so the next does not start on the previous one's backlog.
const SETTLE: Duration = Duration::from_secs(1);

/// What to run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Scenarios after capacity.
    pub scenarios: Vec<Scenario>,
    /// `--rate`: one open-loop phase at this rate instead of the scenarios.
    pub rate: Option<f64>,
    /// Measured seconds per phase.
    pub seconds: u64,
    /// Warm-up seconds per phase (not for the burst).
    pub warmup: u64,
    /// Closed-loop connections.
    pub concurrency: usize,
    /// Open loop: most requests in flight.
    pub max_outstanding: usize,
    /// Length of the burst.
    pub burst_seconds: u64,
    /// Reads per second in the reads scenario.
    pub read_rate: f64,
}

/// The figures of one scenario.
#[derive(Debug, Serialize)]
pub struct ScenarioReport {
    /// `capacity`, `steady`, `burst`, `reads` or `open`.
    pub name: &'static str,
    /// How the load was made, in words.
    pub load: String,
    /// Open loop: statements offered per second.
    pub offered_per_second: Option<f64>,
    /// Signing figures (statements, 201s).
    pub phase: PhaseReport,
    /// Each node's memory at the end of the phase.
    pub memory: Vec<NodeMemory>,
    /// 201s per second over the baseline's requests per second.
    pub ratio: Option<f64>,
    /// 201s per second over the capacity phase's.
    pub of_capacity: Option<f64>,
    /// Reads scenario: the read requests.
    pub reads: Option<PhaseReport>,
    /// Reads scenario: the same signing load without reads, just before.
    pub signing_alone: Option<PhaseReport>,
    /// Browser scenario: a new visitor's bytes, compressed and not.
    pub walks: Vec<crate::browser::Walk>,
}

fn window(warmup: u64, seconds: u64) -> Window {
    Window::from_now(Duration::from_secs(warmup), Duration::from_secs(seconds))
}

fn ratio(value: f64, over: f64) -> Option<f64> {
    (over > 0.0).then(|| value / over)
}

/// Runs the plan on `nodes`; `baseline` is the baseline's requests per second.
pub async fn run(
    plan: &Plan,
    nodes: &[Node],
    baseline: f64,
    shared: &Shared,
) -> anyhow::Result<Vec<ScenarioReport>> {
    let addresses: Vec<SocketAddr> = nodes.iter().map(|node| node.address).collect();
    let pids: Vec<u32> = nodes.iter().map(|node| node.guard.pid()).collect();
    let memory = || nodes.iter().filter_map(Node::memory).collect::<Vec<_>>();
    let finish = |name, load: String, offered, phase: PhaseReport, capacity: f64| {
        let per_second = phase.per_second;
        ScenarioReport {
            name,
            load,
            offered_per_second: offered,
            phase,
            memory: memory(),
            ratio: ratio(per_second, baseline),
            of_capacity: ratio(per_second, capacity),
            reads: None,
            signing_alone: None,
            walks: Vec::new(),
        }
    };
    let mut reports = Vec::new();

    let (phase, load) = closed_loop("capacity", plan, &addresses, &pids, shared).await?;
    let full_flow = phase.per_second;
    eprintln!("capacity: {full_flow:.0} statements/s");
    reports.push(finish("capacity", load, None, phase, full_flow));
    if full_flow <= 0.0 {
        eprintln!("capacity is zero: the other scenarios are skipped");
        return Ok(reports);
    }
    // The open-loop phases send proofs solved before they start, so their reference is the
    // capacity for that same work: statements whose proof is already at hand.
    let seconds = plan.warmup + plan.seconds;
    let ahead = &with_proofs(&addresses, full_flow * 2.0, seconds, plan, shared).await?;
    tokio::time::sleep(SETTLE).await;
    let (phase, load) = closed_loop("capacity-post", plan, &addresses, &pids, ahead).await?;
    let capacity = phase.per_second.max(f64::MIN_POSITIVE);
    eprintln!("capacity-post: {capacity:.0} statements/s");
    reports.push(finish("capacity-post", load, None, phase, capacity));

    let mut open: Vec<(&'static str, f64, u64, u64)> = Vec::new();
    if let Some(rate) = plan.rate {
        open.push(("open", rate, plan.warmup, plan.seconds));
    } else {
        if plan.scenarios.contains(&Scenario::Steady) {
            open.push(("steady", capacity * STEADY_SHARE, plan.warmup, plan.seconds));
        }
        if plan.scenarios.contains(&Scenario::Burst) {
            open.push(("burst", capacity * BURST_FACTOR, 0, plan.burst_seconds));
        }
    }
    for (name, offered, warmup, seconds) in open {
        let shared = &with_proofs(&addresses, offered, warmup + seconds, plan, shared).await?;
        tokio::time::sleep(SETTLE).await;
        eprintln!(
            "{name}: open loop at {offered:.0} statements/s for {warmup}s + {seconds}s, at most \
             {} outstanding",
            plan.max_outstanding
        );
        let meter = Meter::start(&pids);
        let tally = open_loop::run(
            Target::Real,
            &addresses,
            offered,
            plan.max_outstanding,
            window(warmup, seconds),
            shared,
        )
        .await?;
        let phase =
            PhaseReport::new(name, "statements", seconds, tally, None).with_cpu(meter.stop());
        let load = format!(
            "open loop, {} offered/s, max {} outstanding",
            rate(offered),
            plan.max_outstanding
        );
        reports.push(finish(name, load, Some(offered), phase, capacity));
    }

    if plan.rate.is_none() && plan.scenarios.contains(&Scenario::Reads) {
        tokio::time::sleep(SETTLE).await;
        let signing = capacity * STEADY_SHARE;
        eprintln!(
            "reads: {:.0} reads/s (open loop) while signing at {signing:.0} statements/s, after \
             the same signing alone",
            plan.read_rate
        );
        // Both signing loads (alone, then with reads) post proofs solved before, as the
        // capacity they are a share of.
        let seconds = 2 * (plan.warmup + plan.seconds);
        let ahead = &with_proofs(&addresses, signing, seconds, plan, shared).await?;
        let (alone, phase, reads, load) =
            reads_phase(plan, signing, &addresses, &pids, ahead).await?;
        let mut report = finish("reads", load, Some(signing), phase, capacity);
        report.reads = Some(reads);
        report.signing_alone = Some(alone);
        reports.push(report);
    }
    if plan.rate.is_none() && plan.scenarios.contains(&Scenario::Browser) {
        tokio::time::sleep(SETTLE).await;
        let (phase, walks, load) = browser_phase(plan, &addresses, &pids, shared).await?;
        let mut report = finish("browser", load, None, phase, capacity);
        report.walks = walks;
        reports.push(report);
    }
    Ok(reports)
}

/// A closed-loop phase of `target` on every connection of the plan, with the CPU time the
/// servers and the generator used.
async fn measured(
    target: Target,
    name: &'static str,
    plan: &Plan,
    addresses: &[SocketAddr],
    pids: &[u32],
    shared: &Shared,
) -> anyhow::Result<PhaseReport> {
    let meter = Meter::start(pids);
    let tally = load::run(
        target,
        addresses,
        plan.concurrency,
        window(plan.warmup, plan.seconds),
        shared,
    )
    .await?;
    Ok(PhaseReport::new(name, "statements", plan.seconds, tally, None).with_cpu(meter.stop()))
}

/// A closed loop of statements on every connection of the plan; with `shared.proofs` the
/// statements use proofs solved before, without, each fetches and solves its challenge.
async fn closed_loop(
    name: &'static str,
    plan: &Plan,
    addresses: &[SocketAddr],
    pids: &[u32],
    shared: &Shared,
) -> anyhow::Result<(PhaseReport, String)> {
    let post_only = shared.proofs.is_some();
    eprintln!(
        "{name}: closed loop, {} connections{}",
        plan.concurrency,
        if post_only {
            ", proofs solved before"
        } else {
            ""
        }
    );
    let phase = measured(Target::Real, name, plan, addresses, pids, shared).await?;
    let load = if post_only {
        format!(
            "closed loop, {} connections, POST only (proofs solved before the phase)",
            plan.concurrency
        )
    } else {
        format!(
            "closed loop, {} connections, challenge + proof + POST",
            plan.concurrency
        )
    };
    Ok((phase, load))
}

/// `shared` with one proof of work solved ahead for every statement an open-loop phase of
/// `seconds` at `offered`/s sends, so the generator only posts during the phase.
async fn with_proofs(
    addresses: &[SocketAddr],
    offered: f64,
    seconds: u64,
    plan: &Plan,
    shared: &Shared,
) -> anyhow::Result<Shared> {
    let started = std::time::Instant::now();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a positive rate times a few seconds; float to int casts saturate"
    )]
    let count = (offered * seconds as f64).ceil() as usize;
    let proofs = crate::proofs::Proofs::fill(addresses, count, plan.concurrency).await?;
    eprintln!(
        "proofs: {count} challenges fetched and solved ahead in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(Shared {
        proofs: Some(proofs),
        ..shared.clone()
    })
}

/// The browser flow in a closed loop, then one new visitor's walk with and without
/// compression.
async fn browser_phase(
    plan: &Plan,
    addresses: &[SocketAddr],
    pids: &[u32],
    shared: &Shared,
) -> anyhow::Result<(PhaseReport, Vec<crate::browser::Walk>, String)> {
    eprintln!("browser: closed loop, {} connections", plan.concurrency);
    let mut phase = measured(Target::Browser, "browser", plan, addresses, pids, shared).await?;
    let mut walks = Vec::new();
    if let Some(&address) = addresses.first() {
        for encoding in ["br, gzip", "identity"] {
            let n = crate::browser::german_serial(shared);
            walks.push(crate::browser::walk(address, n, encoding).await?);
            // The walk's statement is acknowledged like any other.
            phase.accepted_total += 1;
        }
    }
    let load = format!(
        "closed loop, {} connections: form page, form POST, receipt page",
        plan.concurrency
    );
    Ok((phase, walks, load))
}

/// Signing at `signing` statements/s (open loop) alone, then with reads at the plan's rate
/// (open loop) together: the signing figures without and with reads.
async fn reads_phase(
    plan: &Plan,
    signing: f64,
    addresses: &[SocketAddr],
    pids: &[u32],
    shared: &Shared,
) -> anyhow::Result<(PhaseReport, PhaseReport, PhaseReport, String)> {
    let meter = Meter::start(pids);
    let alone = open_loop::run(
        Target::Real,
        addresses,
        signing,
        plan.max_outstanding,
        window(plan.warmup, plan.seconds),
        shared,
    )
    .await?;
    let alone =
        PhaseReport::new("reads", "statements", plan.seconds, alone, None).with_cpu(meter.stop());
    tokio::time::sleep(SETTLE).await;
    let both = window(plan.warmup, plan.seconds);
    let meter = Meter::start(pids);
    let (with_reads, reads) = tokio::join!(
        open_loop::run(
            Target::Real,
            addresses,
            signing,
            plan.max_outstanding,
            both,
            shared,
        ),
        open_loop::run(
            Target::Reads,
            addresses,
            plan.read_rate,
            plan.max_outstanding,
            both,
            shared,
        )
    );
    // The CPU of both loads together is the signing phase's: its figure per success is the
    // cost of a statement with reads around it.
    let phase = PhaseReport::new("reads", "statements", plan.seconds, with_reads?, None)
        .with_cpu(meter.stop());
    let reads = PhaseReport::new("reads", "reads", plan.seconds, reads?, None);
    let load = format!(
        "open loop, {} statements/s, + {} reads/s",
        rate(signing),
        rate(plan.read_rate)
    );
    Ok((alone, phase, reads, load))
}

/// The burst's own lines: goodput, accepted p99, the refusals, and the targets.
fn render_burst(out: &mut String, s: &ScenarioReport) {
    let p = &s.phase;
    let busy = p.statuses.get(&503).copied().unwrap_or(0);
    let other: BTreeMap<u16, u64> = p
        .statuses
        .iter()
        .filter(|(status, _)| **status != 201 && **status != 503)
        .map(|(status, count)| (*status, *count))
        .collect();
    let _ = writeln!(
        out,
        "  burst: goodput {} 201/s = {} of the capacity; accepted p99 {} ms; 503: {} \
             ({} with Retry-After); other statuses: {other:?}",
        rate(p.per_second),
        share(s.of_capacity),
        p.latency.map_or_else(|| "-".to_owned(), |l| millis(l.p99)),
        grouped(busy),
        grouped(p.busy_with_retry_after)
    );
    crate::targets::render(out, "burst", &crate::targets::burst(p, s.of_capacity));
}

/// `201: 5, 503: 2` and the transport errors (`statement: timeout: 1`).
fn statuses_cell(phase: &PhaseReport) -> String {
    let mut parts: Vec<String> = phase
        .statuses
        .iter()
        .map(|(status, count)| format!("{status}: {}", grouped(*count)))
        .collect();
    parts.extend(
        phase
            .errors
            .iter()
            .filter(|(kind, _)| !kind.contains("HTTP"))
            .map(|(kind, count)| format!("{kind}: {}", grouped(*count))),
    );
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(", ")
    }
}

fn memory_cell(memory: &[NodeMemory]) -> String {
    if memory.is_empty() {
        return "-".to_owned();
    }
    memory
        .iter()
        .map(|m| {
            format!(
                "{} / {}",
                rss_cell(Some(m.rss_kib)),
                rss_cell(Some(m.peak_kib))
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn share(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{:.1} %", v * 100.0))
}

/// Appends the scenario figures to the printed report.
pub fn render_scenarios(out: &mut String, scenarios: &[ScenarioReport]) {
    if scenarios.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nscenarios on the real server(s):");
    for s in scenarios {
        let p = &s.phase;
        let _ = writeln!(out, "[{}] {}", s.name, s.load);
        let _ = writeln!(
            out,
            "  rate {} statements/s ({} of capacity, ratio to baseline {}), latency \
             p50/p99/p99.9 {}",
            rate(p.per_second),
            share(s.of_capacity),
            s.ratio
                .map_or_else(|| "-".to_owned(), |r| format!("{r:.3}")),
            latency_cell(p.latency.as_ref())
        );
        let _ = writeln!(
            out,
            "  statuses {}; client dropped {}; lost answers {}",
            statuses_cell(p),
            grouped(p.client_dropped),
            grouped(p.uncertain)
        );
        let _ = writeln!(out, "  server RSS now / peak: {}", memory_cell(&s.memory));
        let _ = writeln!(
            out,
            "  CPU over the phase: {}; per success: {}",
            cpu_cell(p),
            cpu_per_success_cell(p)
        );
        if let Some(alone) = &s.signing_alone {
            let _ = writeln!(
                out,
                "  CPU of the signing alone: {}; per success: {}",
                cpu_cell(alone),
                cpu_per_success_cell(alone)
            );
        }
        if s.name == "capacity-post" {
            crate::targets::render(out, "POST-only ratio", &[crate::targets::ratio(s.ratio)]);
        }
        if s.name == "burst" {
            render_burst(out, s);
        }
        if let Some(alone) = &s.signing_alone {
            let p99 = |phase: &PhaseReport| {
                phase
                    .latency
                    .map_or_else(|| "-".to_owned(), |l| millis(l.p99))
            };
            let _ = writeln!(
                out,
                "  signing without reads: {} statements/s, p99 {} ms; with reads: {} \
                 statements/s, p99 {} ms",
                rate(alone.per_second),
                p99(alone),
                rate(p.per_second),
                p99(p)
            );
        }
        crate::browser::render(out, &s.walks);
        if let Some(reads) = &s.reads {
            let _ = writeln!(
                out,
                "  reads during signing: {} reads/s, latency p50/p99/p99.9 {}, errors {}",
                rate(reads.per_second),
                latency_cell(reads.latency.as_ref()),
                if reads.errors.is_empty() {
                    "none".to_owned()
                } else {
                    format!("{:?}", reads.errors)
                }
            );
        }
        if let Some(offered) = s.offered_per_second {
            let _ = writeln!(
                out,
                "  offered {} statements/s; completed {:.1} % of the offered rate",
                rate(offered),
                100.0 * p.per_second / offered.max(f64::MIN_POSITIVE)
            );
        }
    }
}
