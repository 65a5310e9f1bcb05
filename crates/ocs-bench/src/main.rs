//! `ocs-bench`: the load harness of `OpenOCS`. In one run it loads a bare axum baseline and the
//! real `ocs serve` with the same generator and concurrency, and prints both figures and
//! their ratio. Speed is reported, never asserted; the run fails only on a correctness
//! problem (the server's counter disagrees with the statements it acknowledged).
//!
//! All traffic goes to 127.0.0.1, every loop ends at its phase deadline, and the servers are
//! child processes stopped with SIGTERM when the harness ends, also on errors.

mod baseline;
mod bodies;
mod browser;
mod child;
mod client;
mod cpus;
mod crash;
mod database;
mod load;
mod log_ratio;
mod open_loop;
mod proofs;
mod report;
mod scenarios;
mod server;
mod setup;
mod stats;
mod tagd;
mod targets;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, bail};
use clap::{Args, Parser, Subcommand};

use crate::child::ChildGuard;
use crate::database::Database;
use crate::load::{Shared, Target};
use crate::report::{CounterCheck, PhaseReport, Report};
use crate::scenarios::{Plan, Scenario};
use crate::stats::Window;

/// Load harness: a bare-axum baseline and the real `OpenOCS` signing path, in one run.
#[derive(Debug, Parser)]
#[command(
    name = "ocs-bench",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Sub>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Debug, Args)]
struct RunArgs {
    /// Measured seconds per phase.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    seconds: u64,
    /// Warm-up seconds per phase (load runs, results are not measured).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=600))]
    warmup: u64,
    /// Concurrent connections of the closed-loop generator (one task each).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=4096))]
    concurrency: u16,
    /// Proof-of-work difficulty (`antibot.max_number`) of the real server.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    max_number: u64,
    /// `ocs serve` nodes sharing the database; the load is spread round-robin.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    nodes: u8,
    /// `sqlite` (a fresh file in the data folder) or `postgres://USER@HOST:PORT/DB` (an
    /// empty database).
    #[arg(long, default_value = "sqlite")]
    database: Database,
    /// Scenarios after the closed-loop capacity phase, which always runs.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "capacity,steady,burst,reads,browser"
    )]
    scenarios: Vec<Scenario>,
    /// Open-loop mode: after the capacity phase, one phase at this many statements per
    /// second instead of the scenarios.
    #[arg(long, conflicts_with = "scenarios")]
    rate: Option<f64>,
    /// Open loop: most requests in flight; a request due beyond it is `client_dropped`.
    #[arg(long, default_value_t = 2048, value_parser = clap::value_parser!(u32).range(1..=16384))]
    max_outstanding: u32,
    /// Length of the 3x-capacity burst, seconds.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=600))]
    burst_seconds: u64,
    /// Reads per second (page and counters, alternately) in the reads scenario.
    #[arg(long, default_value_t = 20_000.0)]
    read_rate: f64,
    /// The ocs binary [default: `ocs` next to this executable].
    #[arg(long)]
    ocs: Option<PathBuf>,
    /// Keep the real server's data folder here (a new or empty folder).
    #[arg(long)]
    keep: Option<PathBuf>,
    /// Also write the figures as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Make the tags through `ocs tagd` (a separate process over a Unix socket) instead of
    /// in the server's process.
    #[arg(long)]
    tagd: bool,
    /// Run the servers on one half of the CPUs and this generator on the other half (the
    /// figures of a server not sharing its cores with the load; two CPUs at least).
    #[arg(long)]
    split_cpus: bool,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// Crash trials: kill `ocs serve` with SIGKILL under load, restart it, and check that
    /// every acknowledged statement was kept, once.
    Crash(crash::CrashArgs),
    /// The tally log's cost: the closed-loop signing rate with the log on and with it off
    /// (`[tally_log] enabled = false`), and their ratio (issue 17 asks for ≥ 95 %). SQLite.
    LogRatio(log_ratio::LogRatioArgs),
    /// Runs the baseline server (started by the harness itself).
    #[command(hide = true)]
    BaselineServer {
        /// Loopback address to listen on.
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: SocketAddr,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Sub::BaselineServer { listen }) => baseline::serve(listen).map(|()| ExitCode::SUCCESS),
        Some(Sub::Crash(args)) => with_runtime(|| crash::run(&args)),
        Some(Sub::LogRatio(args)) => with_runtime(|| log_ratio::run(&args)),
        None => split(&cli.run).and_then(|()| with_runtime(|| run(&cli.run))),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("ocs-bench: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// With `--split-cpus`, moves this process (before its runtime starts) and the servers it
/// will start onto separate CPUs.
fn split(args: &RunArgs) -> anyhow::Result<()> {
    if args.split_cpus {
        let split = cpus::Split::halves()?;
        split.apply()?;
        eprintln!(
            "cpus: servers on {:?}, generator on {:?}",
            split.server, split.generator
        );
    }
    Ok(())
}

/// The generator's runtime: two workers, like the servers, on the same two cores.
const GENERATOR_WORKERS: usize = 2;

/// Runs `work` on the generator runtime until it ends, Ctrl-C or SIGTERM. The children's
/// guards live in that future, so an interrupt drops them and stops the servers.
fn with_runtime<F, W>(work: W) -> anyhow::Result<ExitCode>
where
    W: FnOnce() -> F,
    F: Future<Output = anyhow::Result<ExitCode>>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(GENERATOR_WORKERS)
        .enable_all()
        .build()
        .context("starting the generator runtime")?;
    let code = runtime.block_on(async {
        tokio::select! {
            code = work() => code,
            signal = interrupted() => {
                signal?;
                bail!("interrupted; the servers were stopped")
            }
        }
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    code
}

async fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let report = run_phases(args).await?;
    println!("{}", report::render(&report));
    if let Some(path) = &args.json {
        let json = serde_json::to_string_pretty(&report).context("encoding the JSON report")?;
        std::fs::write(path, json + "\n").with_context(|| format!("writing {}", path.display()))?;
        println!("figures written to {}", path.display());
    }
    if !report.counter.ok {
        eprintln!(
            "ocs-bench: MISMATCH: the server counts {} statements but answered 201 to {}",
            report.counter.total, report.counter.accepted
        );
        return Ok(ExitCode::FAILURE);
    }
    if report.real.accepted_total == 0 {
        eprintln!("ocs-bench: the real server accepted no statement; see the errors above");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Resolves on Ctrl-C or SIGTERM.
async fn interrupted() -> anyhow::Result<()> {
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("listening for SIGTERM")?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result.context("listening for Ctrl-C"),
        _ = terminate.recv() => Ok(()),
    }
}

/// The ocs binary: `--ocs`, or `ocs` next to this executable.
fn ocs_binary(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    let path = match given {
        Some(path) => path.to_owned(),
        None => std::env::current_exe()
            .context("locating this executable")?
            .with_file_name("ocs"),
    };
    if !path.is_file() {
        bail!(
            "the ocs binary was not found at {}: run `cargo build --release -p ocs` (or pass \
             --ocs PATH)",
            path.display()
        );
    }
    Ok(path)
}

/// Refuses arguments that cannot run; returns the number of nodes.
fn check_args(args: &RunArgs) -> anyhow::Result<usize> {
    let nodes = usize::from(args.nodes);
    if nodes > args.database.max_nodes() {
        bail!(
            "--nodes {nodes} needs a database several servers can share: SQLite serves one \
             node (its store locks the file); use --database postgres://USER@HOST:PORT/DB"
        );
    }
    if let Some(dir) = &args.keep {
        setup::check_keep(dir)?;
    }
    if !(args.read_rate.is_finite() && args.read_rate > 0.0) {
        bail!("--read-rate must be a positive number");
    }
    Ok(nodes)
}

async fn run_phases(args: &RunArgs) -> anyhow::Result<Report> {
    let ocs = ocs_binary(args.ocs.as_deref())?;
    let nodes = check_args(args)?;
    let baseline = baseline_phase(args).await?;
    eprintln!("baseline: {:.0} requests/s", baseline.per_second);
    // Let the machine settle between the phases.
    tokio::time::sleep(Duration::from_secs(1)).await;

    let data = setup::prepare(&ocs, args.keep.as_deref(), args.max_number, |dir| {
        args.database.url(dir)
    })?;
    let _tagd = if args.tagd {
        Some(tagd::start(&ocs, &data)?)
    } else {
        None
    };
    let mut servers = start_nodes(&ocs, &data, nodes)?;
    let addresses: Vec<SocketAddr> = servers.iter().map(|node| node.address).collect();
    let before = server::settled_totals(&addresses, |_| true, Duration::ZERO).await?;
    if before.iter().any(|&total| total != 0) {
        bail!(
            "the database already holds statements ({before:?}): the counter check and the \
             unique signers need an empty database"
        );
    }
    let plan = Plan {
        scenarios: args.scenarios.clone(),
        rate: args.rate,
        seconds: args.seconds,
        warmup: args.warmup,
        concurrency: usize::from(args.concurrency),
        max_outstanding: usize::try_from(args.max_outstanding).unwrap_or(usize::MAX),
        burst_seconds: args.burst_seconds,
        read_rate: args.read_rate,
    };
    let scenarios = scenarios::run(&plan, &servers, baseline.per_second, &Shared::new()).await?;
    // Every signing phase counts, the reads scenario's signing alone included.
    let signing = || {
        scenarios
            .iter()
            .flat_map(|s| std::iter::once(&s.phase).chain(s.signing_alone.as_ref()))
    };
    let accepted: u64 = signing().map(|p| p.accepted_total).sum();
    let uncertain: u64 = signing().map(|p| p.uncertain).sum();
    let check = |total: u64| CounterCheck::new(total, accepted, uncertain).ok;
    let totals = server::settled_totals(&addresses, check, Duration::from_secs(20)).await?;
    // The check must hold on every node; report the first one that fails, if any.
    let total = totals
        .iter()
        .copied()
        .find(|&total| !check(total))
        .or_else(|| totals.first().copied())
        .unwrap_or(0);
    let store = match addresses.first() {
        Some(&address) => server::store_figures(address).await?,
        None => None,
    };
    let peak = servers
        .iter()
        .filter_map(|node| node.guard.peak_rss_kib().ok())
        .max();
    for node in &mut servers {
        let status = node.guard.stop()?;
        if !status.success() {
            eprintln!(
                "warning: ocs serve ended with {status}; its stderr:\n{}",
                server::log_tail(&data.server_log())
            );
        }
    }
    if args.keep.is_some() {
        eprintln!("real: data kept in {}", data.path().display());
    }
    let mut real = scenarios
        .first()
        .map(|s| s.phase.clone())
        .context("no capacity phase")?;
    real.name = "real";
    real.peak_rss_kib = peak;
    let ratio = (baseline.per_second > 0.0).then(|| real.per_second / baseline.per_second);
    Ok(Report {
        seconds: args.seconds,
        warmup: args.warmup,
        concurrency: usize::from(args.concurrency),
        max_number: args.max_number,
        baseline,
        real,
        ratio,
        store,
        counter: CounterCheck::new(total, accepted, uncertain),
        nodes,
        database: args.database.kind(),
        scenarios,
        split: cpus::current().map(|split| (split.server.clone(), split.generator.clone())),
    })
}

/// Publication of the counters in the scenarios: by the background job (every 5 s) once a
/// second has passed, as in production (default every 10 minutes), so the public pages and
/// counters are served from the read cache between publications; the final counter check
/// waits up to 20 s for the last one. (The configuration's 0/0, kept for the crash trials,
/// publishes on every read: the demo's setting.)
const PUBLISH_INTERVAL: (&str, &str) = ("OCS_COUNTERS__PUBLISH_INTERVAL", "1");

/// Starts `count` nodes on the data folder.
fn start_nodes(
    ocs: &Path,
    data: &setup::DataDir,
    count: usize,
) -> anyhow::Result<Vec<server::Node>> {
    let mut servers = Vec::with_capacity(count);
    for index in 0..count {
        let name = format!("ocs serve #{}", index + 1);
        let node = server::start_with(ocs, data, &name, &[PUBLISH_INTERVAL])?;
        eprintln!(
            "real: node {} on {} (pid {}), data {}",
            index + 1,
            node.address,
            node.guard.pid(),
            data.path().display()
        );
        servers.push(node);
    }
    Ok(servers)
}

/// The window of a phase that starts now.
fn window(args: &RunArgs) -> Window {
    Window::from_now(
        Duration::from_secs(args.warmup),
        Duration::from_secs(args.seconds),
    )
}

/// Phase 1: the bare axum baseline, this binary in a child process.
async fn baseline_phase(args: &RunArgs) -> anyhow::Result<PhaseReport> {
    let concurrency = usize::from(args.concurrency);
    let exe = std::env::current_exe().context("locating this executable")?;
    let mut command = cpus::command(exe);
    command.args(["baseline-server", "--listen", "127.0.0.1:0"]);
    let mut server = ChildGuard::spawn(command, "baseline server")?;
    let address = server.wait_for_address()?;
    eprintln!(
        "baseline: {address} (pid {}), {concurrency} connections, {}s warm-up + {}s",
        server.pid(),
        args.warmup,
        args.seconds
    );
    let meter = cpus::Meter::start(&[server.pid()]);
    let tally = load::run(
        Target::Baseline,
        &[address],
        concurrency,
        window(args),
        &Shared::new(),
    )
    .await?;
    let cpu = meter.stop();
    let rss = server.peak_rss_kib().ok();
    server.stop()?;
    Ok(PhaseReport::new("baseline", "requests", args.seconds, tally, rss).with_cpu(cpu))
}
