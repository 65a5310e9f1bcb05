//! Writer throughput: 50 000 statements from 512 concurrent tasks, reporting statements/s,
//! average batch size and acknowledgement latency (p50, p99). Figures only, no assertions.
//!
//! The machine is noisy (see `reference/hardware-limits.md`), so the same run also measures
//! a baseline, one statement per transaction (`max_batch` 1, 10 000 statements, same 512
//! tasks), and prints the ratio.
//!
//! ```text
//! cargo run --release -p ocs-storage-sqlite --example writer_speed [-- DIRECTORY]
//! ```
//!
//! DIRECTORY (default: a temporary directory) must be on the disk under test: a tmpfs makes
//! fsync free and the figures meaningless.
#![expect(
    clippy::cast_precision_loss,
    reason = "counts shown as rates, to one decimal"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};
use ocs_storage::{SealedStatement, StatementStore};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

const STATEMENTS: u64 = 50_000;
/// The baseline is some 40 times slower; this many give a stable rate in seconds, not minutes.
const BASELINE_STATEMENTS: u64 = 10_000;
const TASKS: usize = 512;
/// About the size of an HPKE envelope of the personal data.
const ENVELOPE_BYTES: usize = 360;

struct Figures {
    per_second: f64,
    average_batch: f64,
    p50: Duration,
    p99: Duration,
    busy: u64,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scratch;
    let directory: PathBuf = if let Some(directory) = std::env::args_os().nth(1) {
        directory.into()
    } else {
        scratch = tempfile::tempdir()?;
        scratch.path().to_owned()
    };
    println!(
        "{TASKS} tasks, {ENVELOPE_BYTES}-byte envelopes, WAL + synchronous=FULL, in {}",
        directory.display()
    );
    let grouped_options = SqliteOptions::default();
    let grouped = run(&directory.join("grouped.db"), grouped_options, STATEMENTS).await?;
    report("group commit, max_batch 512", STATEMENTS, &grouped);
    let single_options = SqliteOptions {
        max_batch: 1,
        ..SqliteOptions::default()
    };
    let single = run(
        &directory.join("single.db"),
        single_options,
        BASELINE_STATEMENTS,
    )
    .await?;
    report(
        "baseline, one per transaction",
        BASELINE_STATEMENTS,
        &single,
    );
    println!(
        "ratio group commit / baseline: {:.1}x",
        grouped.per_second / single.per_second
    );
    Ok(())
}

async fn run(
    path: &Path,
    options: SqliteOptions,
    statements: u64,
) -> Result<Figures, Box<dyn std::error::Error>> {
    // Start from an empty file: a left-over one would turn every statement into a conflict.
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error.into()),
            _ => {}
        }
    }
    let store = Arc::new(SqliteStore::open(path, options)?);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for task in 0..TASKS as u64 {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut busy = 0;
            for serial in (task..statements).step_by(TASKS) {
                let statement = statement(serial);
                let sent = Instant::now();
                match store.record_statement(statement).await {
                    Ok(_) => latencies.push(sent.elapsed()),
                    Err(ocs_storage::StorageError::Busy) => busy += 1,
                    Err(error) => return Err(error),
                }
            }
            Ok((latencies, busy))
        }));
    }
    let mut latencies = Vec::new();
    let mut busy = 0;
    for task in tasks {
        let (task_latencies, task_busy) = task.await??;
        latencies.extend(task_latencies);
        busy += task_busy;
    }
    let elapsed = start.elapsed();
    let stats = store.stats();
    latencies.sort_unstable();
    let percentile = |p: usize| {
        latencies
            .get(latencies.len() * p / 100)
            .copied()
            .unwrap_or_default()
    };
    let figures = Figures {
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        average_batch: (stats.committed + stats.duplicates) as f64 / stats.batches.max(1) as f64,
        p50: percentile(50),
        p99: percentile(99),
        busy,
    };
    if let Ok(store) = Arc::try_unwrap(store) {
        store.close().await?;
    }
    Ok(figures)
}

fn report(label: &str, statements: u64, figures: &Figures) {
    println!(
        "{label:29} {statements:>6} statements {:>7.0}/s  average batch {:>6.1}  ack p50 {:>7.2} ms  p99 {:>7.2} ms  busy {}",
        figures.per_second,
        figures.average_batch,
        figures.p50.as_secs_f64() * 1e3,
        figures.p99.as_secs_f64() * 1e3,
        figures.busy,
    );
}

/// A statement with random-looking identifier and tag, like the real ones (the random keys
/// are what make each row touch its own index pages).
fn statement(serial: u64) -> SealedStatement {
    let mut state = serial.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut id = [0; 16];
    let mut tag = [0; 32];
    for chunk in id.chunks_mut(8).chain(tag.chunks_mut(8)) {
        for (slot, byte) in chunk.iter_mut().zip(splitmix64(&mut state).to_le_bytes()) {
            *slot = byte;
        }
    }
    let salt = state.to_le_bytes();
    let envelope = salt.iter().copied().cycle().take(ENVELOPE_BYTES).collect();
    SealedStatement {
        id: StatementId::from_bytes(id),
        initiative: InitiativeId::new(1),
        nationality: usize::try_from(serial % 27)
            .ok()
            .and_then(|index| CountryCode::ALL.get(index).copied())
            .unwrap_or(CountryCode::AT),
        submitted_at: i64::try_from(serial)
            .ok()
            .and_then(|offset| Timestamp::from_millisecond(1_750_000_000_000 + offset).ok())
            .unwrap_or(Timestamp::UNIX_EPOCH),
        tag: DedupTag::from_bytes(tag),
        envelope,
        test: false,
        receipt_verifier: None,
        paper: false,
        log_entry: None,
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
