//! A mutational fuzz driver for stable Rust: every parser that takes outside input is run on
//! millions of inputs made from a seed corpus by bit flips, byte inserts and deletes, repeats,
//! splices, dictionary tokens and per-format structure-aware edits, with a seeded RNG (a run is
//! repeatable). Each input runs under `catch_unwind`; a panicking input is saved and counted.
//!
//! It is not coverage-guided (that needs an instrumented build: cargo-fuzz needs nightly, and
//! cargo-afl an instrumented rebuild of the workspace). As a cheap stand-in for coverage, an
//! input whose outcome (the parser's answer, e.g. its error kind) was not seen before joins
//! the corpus, so later mutations start from inputs that got further.

pub mod mutate;
pub mod targets;

use std::collections::BTreeSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

pub use mutate::{Mutator, Rng};

/// Largest input handed to a target (the parsers' own limits are below or around this).
pub const MAX_INPUT: usize = 256 * 1024;
/// Inputs kept in the in-memory corpus of one target (seeds included).
pub const MAX_CORPUS: usize = 512;

/// One parser under test.
pub trait Target {
    /// Short name (`form`, `json`, `register`, `saml`, `export`).
    fn name(&self) -> &'static str;
    /// Valid inputs to start from.
    fn seeds(&self) -> Vec<Vec<u8>>;
    /// Tokens of the format (keys, tags, values) that mutations insert.
    fn dictionary(&self) -> Vec<Vec<u8>>;
    /// A format-aware edit (JSON tree, form pairs, XML elements); `false` if it did not apply.
    fn mutate_structured(&self, input: &mut Vec<u8>, rng: &mut Rng, dictionary: &[Vec<u8>])
    -> bool;
    /// Runs the parser on `input` and names the outcome (an error kind, or `ok`).
    fn run(&mut self, input: &[u8]) -> String;
}

/// How long and how much to fuzz one target.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Stop after this many executions.
    pub executions: u64,
    /// Stop after this much time, whichever comes first.
    pub time: Duration,
    /// Seed of the RNG.
    pub seed: u64,
}

/// What one target's run found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The target's name.
    pub target: &'static str,
    /// Inputs run.
    pub executions: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Inputs that panicked (each saved in the crash folder).
    pub crashes: Vec<PathBuf>,
    /// Distinct outcomes seen.
    pub outcomes: usize,
    /// Corpus size at the end.
    pub corpus: usize,
    /// The slowest single input.
    pub slowest: Duration,
}

impl Report {
    /// Executions per second.
    pub fn rate(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            // Precision loss only beyond 2^53 executions.
            #[expect(clippy::cast_precision_loss, reason = "a rate for display")]
            let executions = self.executions as f64;
            executions / seconds
        } else {
            0.0
        }
    }
}

/// The message of the last panic on this process, taken by the quiet hook.
type LastPanic = Arc<Mutex<Option<String>>>;

/// Replaces the panic hook with one that records the message instead of printing it (a
/// fuzz run may catch many). Returns the shared slot.
fn quiet_panics() -> LastPanic {
    let slot: LastPanic = Arc::new(Mutex::new(None));
    let hook_slot = Arc::clone(&slot);
    panic::set_hook(Box::new(move |info| {
        let message = format!("{info}");
        *hook_slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(message);
    }));
    slot
}

/// Runs one input, catching a panic; `Err` carries the panic message.
pub fn run_one(target: &mut dyn Target, input: &[u8]) -> Result<String, String> {
    panic::catch_unwind(AssertUnwindSafe(|| target.run(input))).map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "panic".to_owned())
    })
}

/// Fuzzes one target within `budget`, saving each panicking input under `crashes`.
pub fn fuzz(target: &mut dyn Target, budget: Budget, crashes: &Path) -> std::io::Result<Report> {
    let last_panic = quiet_panics();
    let mut rng = Rng::new(budget.seed);
    let dictionary = target.dictionary();
    let mutator = Mutator::new(&dictionary);
    let mut corpus: Vec<Vec<u8>> = target.seeds();
    let mut outcomes = BTreeSet::new();
    let mut found = Vec::new();
    let mut slowest = Duration::ZERO;
    let started = Instant::now();
    let mut executions = 0u64;
    // Seeds first, unchanged: a seed that fails is a harness bug worth seeing at once.
    let seeds = corpus.clone();
    let mut pending = seeds.into_iter();
    while executions < budget.executions {
        // The clock is read every 256 inputs: cheap, and precise enough for a budget.
        if executions.is_multiple_of(256) && started.elapsed() >= budget.time {
            break;
        }
        let input = if let Some(seed) = pending.next() {
            seed
        } else {
            let mut input = rng.pick(&corpus).cloned().unwrap_or_default();
            let stack = 1 + rng.below(4);
            for _ in 0..stack {
                let structured = rng.below(4) == 0
                    && target.mutate_structured(&mut input, &mut rng, &dictionary);
                if !structured {
                    mutator.mutate(&mut input, &mut rng, &corpus);
                }
            }
            input.truncate(MAX_INPUT);
            input
        };
        let one = Instant::now();
        let result = run_one(target, &input);
        slowest = slowest.max(one.elapsed());
        executions += 1;
        match result {
            Ok(outcome) => {
                if outcomes.insert(outcome) && corpus.len() < MAX_CORPUS {
                    corpus.push(input);
                }
            }
            Err(message) => {
                let detail = last_panic
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take()
                    .unwrap_or(message);
                found.push(save_crash(crashes, target.name(), &input, &detail)?);
            }
        }
    }
    let _ = panic::take_hook();
    Ok(Report {
        target: target.name(),
        executions,
        elapsed: started.elapsed(),
        crashes: found,
        outcomes: outcomes.len(),
        corpus: corpus.len(),
        slowest,
    })
}

/// Writes a crashing input (and its panic message beside it); returns the input's path.
fn save_crash(dir: &Path, target: &str, input: &[u8], message: &str) -> std::io::Result<PathBuf> {
    use sha2::{Digest as _, Sha256};
    std::fs::create_dir_all(dir)?;
    let hash = hex::encode(Sha256::digest(input));
    let name = format!("{target}-{}", hash.get(..16).unwrap_or(&hash));
    let path = dir.join(&name);
    std::fs::write(&path, input)?;
    std::fs::write(dir.join(format!("{name}.txt")), message)?;
    Ok(path)
}
