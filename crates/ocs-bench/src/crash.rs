//! `ocs-bench crash`: kill `ocs serve` with SIGKILL in the middle of signing load, restart it
//! on the same database, and check what survived. Per trial: every statement answered 201 is
//! stored (none lost), no statement id or de-duplication tag is stored twice, the restarted
//! server's counter equals the stored rows (and is at least the 201s), rows nobody was told
//! about are at most the requests whose answer the kill cut off, and the database passes its
//! backend's integrity check. Any failure makes the exit status 1.

use std::collections::{BTreeSet, HashSet};
use std::hash::{BuildHasher as _, RandomState};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Args;

use crate::database::{Database, StoredRow, checker_for};
use crate::load::{self, Shared, Target};
use crate::server;
use crate::setup;
use crate::stats::Window;

/// Options of `ocs-bench crash`.
#[derive(Debug, Args)]
pub struct CrashArgs {
    /// Number of trials, each on a fresh database.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    trials: u32,
    /// `sqlite` or `postgres://USER@HOST:PORT/DB` (see `docs/BENCHMARKS.md`).
    #[arg(long, default_value = "sqlite")]
    database: Database,
    /// Seed of the kill times [default: random, printed so a run can be repeated].
    #[arg(long)]
    seed: Option<u64>,
    /// Signing tasks (connections) during each trial.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1024))]
    concurrency: u16,
    /// Earliest kill, milliseconds after the load starts.
    #[arg(long, default_value_t = 200)]
    kill_min_ms: u64,
    /// Latest kill, milliseconds after the load starts.
    #[arg(long, default_value_t = 2000)]
    kill_max_ms: u64,
    /// Proof-of-work difficulty of the server.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    max_number: u64,
    /// The ocs binary [default: `ocs` next to this executable].
    #[arg(long)]
    ocs: Option<PathBuf>,
}

/// A small seeded generator (`SplitMix64`): the kill times of a seed are always the same.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `[low, high]`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        let span = high.saturating_sub(low).saturating_add(1);
        low + self.next() % span
    }
}

/// What one trial found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// 201 answers.
    pub acknowledged: usize,
    /// Rows stored.
    pub stored: usize,
    /// Acknowledged but not stored: must be 0.
    pub lost: usize,
    /// Ids or tags stored more than once: must be 0.
    pub duplicates: usize,
    /// Stored but never acknowledged (their answer was cut off by the kill).
    pub unacknowledged: usize,
    /// Requests whose answer was cut off.
    pub uncertain: u64,
    /// The restarted server's counter.
    pub counter: u64,
    /// Integrity problems reported by the database.
    pub integrity: Vec<String>,
}

impl Verdict {
    /// Compares what the client was told with what the database holds.
    pub fn new(
        acknowledged: &[String],
        uncertain: u64,
        rows: &[StoredRow],
        counter: u64,
        integrity: Vec<String>,
    ) -> Self {
        let mut ids = HashSet::with_capacity(rows.len());
        let mut tags = HashSet::with_capacity(rows.len());
        let mut duplicates = 0;
        for row in rows {
            if !ids.insert(row.id.as_str()) {
                duplicates += 1;
            }
            if !tags.insert(row.tag.as_slice()) {
                duplicates += 1;
            }
        }
        let acked: BTreeSet<&str> = acknowledged.iter().map(String::as_str).collect();
        // The same id in two 201 answers would be a duplicate too.
        duplicates += acknowledged.len() - acked.len();
        let lost = acked.iter().filter(|id| !ids.contains(*id)).count();
        let unacknowledged = ids.iter().filter(|id| !acked.contains(*id)).count();
        Self {
            acknowledged: acknowledged.len(),
            stored: rows.len(),
            lost,
            duplicates,
            unacknowledged,
            uncertain,
            counter,
            integrity,
        }
    }

    /// The problems, empty when the trial passed.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.lost > 0 {
            problems.push(format!("{} acknowledged statements lost", self.lost));
        }
        if self.duplicates > 0 {
            problems.push(format!("{} duplicate ids or tags", self.duplicates));
        }
        if u64::try_from(self.stored).ok() != Some(self.counter) {
            problems.push(format!(
                "counter {} but {} rows stored",
                self.counter, self.stored
            ));
        }
        if u64::try_from(self.acknowledged).is_ok_and(|acked| self.counter < acked) {
            problems.push(format!(
                "counter {} below the {} acknowledged",
                self.counter, self.acknowledged
            ));
        }
        if u64::try_from(self.unacknowledged).is_ok_and(|extra| extra > self.uncertain) {
            problems.push(format!(
                "{} rows stored without an answer, but only {} answers were cut off",
                self.unacknowledged, self.uncertain
            ));
        }
        problems.extend(
            self.integrity
                .iter()
                .map(|line| format!("integrity: {line}")),
        );
        problems
    }
}

/// Runs the trials; exit status 1 if any failed.
pub async fn run(args: &CrashArgs) -> anyhow::Result<ExitCode> {
    let ocs = crate::ocs_binary(args.ocs.as_deref())?;
    let seed = args
        .seed
        .unwrap_or_else(|| RandomState::new().hash_one("ocs-bench crash"));
    let (low, high) = (
        args.kill_min_ms.min(args.kill_max_ms),
        args.kill_min_ms.max(args.kill_max_ms),
    );
    println!(
        "crash trials: {} on {}, seed {seed}, {} signing tasks, kill {low}–{high} ms into the \
         load",
        args.trials,
        args.database.kind(),
        args.concurrency
    );
    println!(
        "trial | kill ms | acknowledged | stored | lost | duplicates | stored unanswered / cut off | verdict"
    );
    let mut random = SplitMix(seed);
    let mut failed = 0_u32;
    let mut totals = (0_usize, 0_usize, 0_usize);
    for trial in 1..=args.trials {
        let kill_after = Duration::from_millis(random.between(low, high));
        let verdict = trial_once(args, &ocs, trial, kill_after)
            .await
            .with_context(|| format!("trial {trial}"))?;
        let problems = verdict.problems();
        println!(
            "{trial:>5} | {:>7} | {:>12} | {:>6} | {:>4} | {:>10} | {:>17} / {:<7} | {}",
            kill_after.as_millis(),
            verdict.acknowledged,
            verdict.stored,
            verdict.lost,
            verdict.duplicates,
            verdict.unacknowledged,
            verdict.uncertain,
            if problems.is_empty() {
                "OK".to_owned()
            } else {
                format!("FAIL: {}", problems.join("; "))
            }
        );
        if verdict.acknowledged == 0 {
            eprintln!("warning: trial {trial}: no statement was acknowledged before the kill");
        }
        if !problems.is_empty() {
            failed += 1;
        }
        totals.0 += verdict.acknowledged;
        totals.1 += verdict.lost;
        totals.2 += verdict.duplicates;
    }
    println!(
        "crash trials: {} run, {failed} failed; {} statements acknowledged in all, {} lost, {} \
         duplicates (seed {seed})",
        args.trials, totals.0, totals.1, totals.2
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// One trial on a fresh database.
async fn trial_once(
    args: &CrashArgs,
    ocs: &std::path::Path,
    trial: u32,
    kill_after: Duration,
) -> anyhow::Result<Verdict> {
    let checker = checker_for(&args.database, trial).await?;
    let data = setup::prepare(ocs, None, args.max_number, |dir| checker.database_url(dir))?;
    let mut node = server::start(ocs, &data, "ocs serve")?;
    let before = server::counter_total(node.address).await?;
    if before != 0 {
        anyhow::bail!("the database is not empty ({before} statements)");
    }
    let shared = Shared {
        collect_ids: true,
        ..Shared::new()
    };
    // The load runs until a little after the kill, so requests are in flight when it lands.
    let start = Instant::now();
    let window = Window {
        start,
        deadline: start + kill_after + Duration::from_millis(300),
    };
    let address = node.address;
    let concurrency = usize::from(args.concurrency);
    let load = tokio::spawn(async move {
        load::run(Target::Real, &[address], concurrency, window, &shared).await
    });
    tokio::time::sleep_until((start + kill_after).into()).await;
    node.guard.kill()?;
    let tally = load.await.context("the load task failed")??;
    drop(node);

    let mut restarted = server::start(ocs, &data, "ocs serve (restarted)")?;
    let counter = server::counter_total(restarted.address).await?;
    let status = restarted.guard.stop()?;
    if !status.success() {
        eprintln!("warning: the restarted ocs serve ended with {status}");
    }
    drop(restarted);
    let integrity = checker.integrity(data.path()).await?;
    let rows = checker.stored(data.path()).await?;
    checker.finish().await?;
    Ok(Verdict::new(
        &tally.ids,
        tally.uncertain,
        &rows,
        counter,
        integrity,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, tag: u8) -> StoredRow {
        StoredRow {
            id: id.to_owned(),
            tag: vec![tag; 32],
        }
    }

    #[test]
    fn the_generator_is_seeded_and_stays_in_range() {
        let mut one = SplitMix(7);
        let mut two = SplitMix(7);
        for _ in 0..1000 {
            let value = one.between(200, 2000);
            assert_eq!(value, two.between(200, 2000));
            assert!((200..=2000).contains(&value));
        }
        assert_eq!(SplitMix(1).between(5, 5), 5);
    }

    #[test]
    fn a_clean_trial_passes() {
        let acked = vec!["A".to_owned(), "B".to_owned()];
        let rows = [row("A", 1), row("B", 2), row("C", 3)];
        let verdict = Verdict::new(&acked, 1, &rows, 3, Vec::new());
        assert_eq!(verdict.lost, 0);
        assert_eq!(verdict.unacknowledged, 1);
        assert!(verdict.problems().is_empty(), "{:?}", verdict.problems());
    }

    #[test]
    fn losses_duplicates_and_bad_counters_fail() {
        let acked = vec!["A".to_owned(), "B".to_owned()];
        let rows = [row("A", 1), row("A", 1)];
        let verdict = Verdict::new(&acked, 0, &rows, 1, vec!["page 3 broken".into()]);
        assert_eq!(verdict.lost, 1);
        assert_eq!(verdict.duplicates, 2);
        let problems = verdict.problems().join("\n");
        assert!(problems.contains("lost"), "{problems}");
        assert!(problems.contains("duplicate"), "{problems}");
        assert!(problems.contains("counter 1 but 2 rows"), "{problems}");
        assert!(problems.contains("below the 2 acknowledged"), "{problems}");
        assert!(problems.contains("integrity: page 3 broken"), "{problems}");
    }

    #[test]
    fn rows_beyond_the_cut_off_answers_fail() {
        let rows = [row("X", 1), row("Y", 2)];
        let verdict = Verdict::new(&[], 1, &rows, 2, Vec::new());
        assert!(
            verdict
                .problems()
                .iter()
                .any(|p| p.contains("without an answer"))
        );
    }
}
