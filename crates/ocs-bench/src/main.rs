//! `ocs-bench`: the load harness of `OpenOCS`. In one run it loads a bare axum baseline and the
//! real `ocs serve` with the same generator and concurrency, and prints both figures and
//! their ratio. Speed is reported, never asserted; the run fails only on a correctness
//! problem (the server's counter disagrees with the statements it acknowledged).
//!
//! All traffic goes to 127.0.0.1, every loop ends at its phase deadline, and the servers are
//! child processes stopped with SIGTERM when the harness ends, also on errors.

mod baseline;
mod bodies;
mod child;
mod client;
mod load;
mod report;
mod setup;
mod stats;

use std::io::Read as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::{Context as _, bail};
use clap::{Args, Parser, Subcommand};

use crate::child::ChildGuard;
use crate::load::Target;
use crate::report::{CounterCheck, PhaseReport, Report, StoreFigures, metric};
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
    command: Option<Internal>,
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
    /// Concurrent connections of the generator (one task each).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..=4096))]
    concurrency: u16,
    /// Proof-of-work difficulty (`antibot.max_number`) of the real server.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    max_number: u64,
    /// The ocs binary [default: `ocs` next to this executable].
    #[arg(long)]
    ocs: Option<PathBuf>,
    /// Keep the real server's data folder here (a new or empty folder).
    #[arg(long)]
    keep: Option<PathBuf>,
    /// Also write the figures as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Internal {
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
        Some(Internal::BaselineServer { listen }) => {
            baseline::serve(listen).map(|()| ExitCode::SUCCESS)
        }
        None => run(&cli.run),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("ocs-bench: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The generator's runtime: two workers, like the servers, on the same two cores.
const GENERATOR_WORKERS: usize = 2;

fn run(args: &RunArgs) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(GENERATOR_WORKERS)
        .enable_all()
        .build()
        .context("starting the generator runtime")?;
    // The phases run on this (the main) thread; the children's guards live in that future,
    // so an interrupt drops them and stops the servers.
    let report = runtime.block_on(async {
        tokio::select! {
            report = run_phases(args) => report,
            signal = interrupted() => {
                signal?;
                bail!("interrupted; the servers were stopped")
            }
        }
    })?;
    println!("{}", report::render(&report));
    if let Some(path) = &args.json {
        let json = serde_json::to_string_pretty(&report).context("encoding the JSON report")?;
        std::fs::write(path, json + "\n").with_context(|| format!("writing {}", path.display()))?;
        println!("figures written to {}", path.display());
    }
    runtime.shutdown_timeout(Duration::from_secs(1));
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

async fn run_phases(args: &RunArgs) -> anyhow::Result<Report> {
    let ocs = ocs_binary(args.ocs.as_deref())?;
    if let Some(dir) = &args.keep {
        setup::check_keep(dir)?;
    }
    let baseline = baseline_phase(args).await?;
    eprintln!("baseline: {:.0} requests/s", baseline.per_second);
    // Let the machine settle between the phases.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (real, figures) = real_phase(args, &ocs).await?;
    let ratio = (baseline.per_second > 0.0).then(|| real.per_second / baseline.per_second);
    let counter = CounterCheck::new(figures.total, real.accepted_total, real.uncertain);
    Ok(Report {
        seconds: args.seconds,
        warmup: args.warmup,
        concurrency: usize::from(args.concurrency),
        max_number: args.max_number,
        baseline,
        real,
        ratio,
        store: figures.store,
        counter,
    })
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
    let mut command = Command::new(exe);
    command.args(["baseline-server", "--listen", "127.0.0.1:0"]);
    let mut server = ChildGuard::spawn(command, "baseline server")?;
    let address = server.wait_for_address()?;
    eprintln!(
        "baseline: {address} (pid {}), {concurrency} connections, {}s warm-up + {}s",
        server.pid(),
        args.warmup,
        args.seconds
    );
    let tally = load::run(Target::Baseline, address, concurrency, window(args)).await?;
    let rss = server.peak_rss_kib().ok();
    server.stop()?;
    Ok(PhaseReport::new(
        "baseline",
        "requests",
        args.seconds,
        tally,
        rss,
    ))
}

/// What the real server says about itself after the load.
struct ServerFigures {
    /// `total` of the counters.
    total: u64,
    /// Group commits from `/metrics`.
    store: Option<StoreFigures>,
}

/// Phase 2: `ocs serve` on a fresh database.
async fn real_phase(args: &RunArgs, ocs: &Path) -> anyhow::Result<(PhaseReport, ServerFigures)> {
    let concurrency = usize::from(args.concurrency);
    let data = setup::prepare(ocs, args.keep.as_deref(), args.max_number)?;
    let log_path = data.server_log();
    let log = std::fs::File::create(&log_path)
        .with_context(|| format!("creating {}", log_path.display()))?;
    let mut command = Command::new(ocs);
    command
        .arg("serve")
        .arg("--config")
        .arg(data.config())
        .stderr(log);
    // Only the written configuration counts: no OCS_* override from this environment.
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("OCS_") {
            command.env_remove(name);
        }
    }
    let mut server = ChildGuard::spawn(command, "ocs serve")?;
    let address = match server.wait_for_address() {
        Ok(address) => address,
        Err(error) => {
            let tail = log_tail(&log_path);
            return Err(error.context(format!("ocs serve did not start; its stderr:\n{tail}")));
        }
    };
    eprintln!(
        "real: {address} (pid {}), data {}, {concurrency} connections, {}s warm-up + {}s",
        server.pid(),
        data.path().display(),
        args.warmup,
        args.seconds
    );
    let tally = load::run(Target::Real, address, concurrency, window(args)).await?;
    let rss = server.peak_rss_kib().ok();
    let figures = server_figures(address).await?;
    let status = server.stop()?;
    if !status.success() {
        eprintln!(
            "warning: ocs serve ended with {status}; its stderr:\n{}",
            log_tail(&log_path)
        );
    }
    if args.keep.is_some() {
        eprintln!("real: data kept in {}", data.path().display());
    }
    let real = PhaseReport::new("real", "statements", args.seconds, tally, rss);
    Ok((real, figures))
}

/// Reads the counters' total and the group-commit metrics.
async fn server_figures(address: SocketAddr) -> anyhow::Result<ServerFigures> {
    let path = format!("/api/v1/initiatives/{}/counters", setup::SLUG);
    let counters = client::get_text(address, &path)
        .await
        .context("reading the counters")?;
    let counters: serde_json::Value =
        serde_json::from_str(&counters).context("the counters are not JSON")?;
    let total = counters
        .get("total")
        .and_then(serde_json::Value::as_u64)
        .context("the counters have no total")?;
    let metrics = client::get_text(address, "/metrics")
        .await
        .context("reading /metrics")?;
    let store = match (
        metric(&metrics, "ocs_store_batches_total"),
        metric(&metrics, "ocs_store_committed_total"),
    ) {
        (Some(batches), Some(committed)) => Some(StoreFigures {
            batches,
            committed,
            average_batch: (batches > 0).then(|| stats::as_f64(committed) / stats::as_f64(batches)),
        }),
        _ => None,
    };
    Ok(ServerFigures { total, store })
}

/// The last few KiB of a log file, for error messages.
fn log_tail(path: &Path) -> String {
    let mut text = String::new();
    if let Ok(mut file) = std::fs::File::open(path) {
        let _ = file.read_to_string(&mut text);
    }
    let start = text
        .char_indices()
        .rev()
        .nth(4000)
        .map_or(0, |(index, _)| index);
    text.get(start..).unwrap_or_default().to_owned()
}
