//! `ocs serve` nodes: start one on a prepared data folder, read its counter and metrics, and
//! its memory.

use std::io::Read as _;
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::Serialize;

use crate::child::ChildGuard;
use crate::client;
use crate::report::{StoreFigures, metric};
use crate::setup::{self, DataDir};
use crate::stats;

/// A running `ocs serve`.
pub struct Node {
    /// The process, stopped on drop.
    pub guard: ChildGuard,
    /// Where it listens.
    pub address: SocketAddr,
}

/// Memory of one node at the end of a phase.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NodeMemory {
    /// Process id.
    pub pid: u32,
    /// `VmRSS`, KiB.
    pub rss_kib: u64,
    /// `VmHWM` (peak since start), KiB.
    pub peak_kib: u64,
}

impl Node {
    /// Current and peak RSS, if `/proc` can tell.
    pub fn memory(&self) -> Option<NodeMemory> {
        let (rss_kib, peak_kib) = self.guard.memory_kib().ok()?;
        Some(NodeMemory {
            pid: self.guard.pid(),
            rss_kib,
            peak_kib,
        })
    }
}

/// Starts `ocs serve --config DIR/ocs.toml`; its stderr is appended to the data folder's log
/// (a restarted node adds to the same file). No `OCS_*` variable of this environment is
/// passed on: only the written configuration counts.
pub fn start(ocs: &Path, data: &DataDir, name: &str) -> anyhow::Result<Node> {
    start_with(ocs, data, name, &[])
}

/// [`start`] with `OCS_*` settings over the configuration file.
pub fn start_with(
    ocs: &Path,
    data: &DataDir,
    name: &str,
    settings: &[(&str, &str)],
) -> anyhow::Result<Node> {
    let log_path = data.server_log();
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)
        .with_context(|| format!("opening {}", log_path.display()))?;
    let mut command = crate::cpus::command(ocs);
    command
        .arg("serve")
        .arg("--config")
        .arg(data.config())
        .stderr(log);
    for (variable, _) in std::env::vars_os() {
        if variable.to_string_lossy().starts_with("OCS_") {
            command.env_remove(variable);
        }
    }
    command.envs(settings.iter().copied());
    let mut guard = ChildGuard::spawn(command, name)?;
    match guard.wait_for_address() {
        Ok(address) => Ok(Node { guard, address }),
        Err(error) => {
            let tail = log_tail(&log_path);
            Err(error.context(format!("{name} did not start; its stderr:\n{tail}")))
        }
    }
}

/// `total` of the benchmark initiative's counters.
pub async fn counter_total(address: SocketAddr) -> anyhow::Result<u64> {
    let path = format!("/api/v1/initiatives/{}/counters", setup::SLUG);
    let counters = client::get_text(address, &path)
        .await
        .context("reading the counters")?;
    let counters: serde_json::Value =
        serde_json::from_str(&counters).context("the counters are not JSON")?;
    counters
        .get("total")
        .and_then(serde_json::Value::as_u64)
        .context("the counters have no total")
}

/// Reads each node's counter until every one equals `expected` or `patience` has passed
/// (nodes sharing a database may see another node's commits a moment later); returns the
/// last totals read.
pub async fn settled_totals(
    nodes: &[SocketAddr],
    expected: impl Fn(u64) -> bool,
    patience: Duration,
) -> anyhow::Result<Vec<u64>> {
    let until = Instant::now() + patience;
    loop {
        let mut totals = Vec::with_capacity(nodes.len());
        for &address in nodes {
            totals.push(counter_total(address).await?);
        }
        if totals.iter().all(|&total| expected(total)) || Instant::now() >= until {
            return Ok(totals);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Group-commit figures from `/metrics`, if it reports them.
pub async fn store_figures(address: SocketAddr) -> anyhow::Result<Option<StoreFigures>> {
    let metrics = client::get_text(address, "/metrics")
        .await
        .context("reading /metrics")?;
    Ok(
        match (
            metric(&metrics, "ocs_store_batches_total"),
            metric(&metrics, "ocs_store_committed_total"),
        ) {
            (Some(batches), Some(committed)) => Some(StoreFigures {
                batches,
                committed,
                average_batch: (batches > 0)
                    .then(|| stats::as_f64(committed) / stats::as_f64(batches)),
            }),
            _ => None,
        },
    )
}

/// The last few KiB of a log file, for error messages.
pub fn log_tail(path: &Path) -> String {
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
