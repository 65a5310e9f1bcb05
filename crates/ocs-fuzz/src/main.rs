//! `ocs-fuzz`: runs the fuzz targets with a budget, prints the figures, and exits 1 when an
//! input panicked (each one is saved in the crash folder); `ocs-fuzz replay TARGET FILE…`
//! runs saved inputs again.
//!
//! ```text
//! ocs-fuzz [--targets all|form,json,register,saml,export] [--executions N] [--seconds S]
//!          [--seed N] [--crashes DIR]
//! ```
//! `--executions` and `--seconds` are per target; a target stops at whichever comes first.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use ocs_fuzz::{Budget, fuzz, run_one, targets};

struct Options {
    targets: Vec<String>,
    budget: Budget,
    crashes: PathBuf,
}

fn value<T: std::str::FromStr>(
    args: &mut impl Iterator<Item = String>,
    flag: &str,
) -> Result<T, String> {
    args.next()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs a value"))
}

fn options(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        targets: targets::NAMES.iter().map(|s| (*s).to_owned()).collect(),
        budget: Budget {
            executions: 100_000,
            time: Duration::from_hours(1),
            seed: 1,
        },
        crashes: PathBuf::from("target/fuzz-crashes"),
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--targets" => {
                let list: String = value(&mut args, "--targets")?;
                if list != "all" {
                    options.targets = list.split(',').map(str::to_owned).collect();
                }
            }
            "--executions" => options.budget.executions = value(&mut args, "--executions")?,
            "--seconds" => {
                options.budget.time = Duration::from_secs_f64(value(&mut args, "--seconds")?);
            }
            "--seed" => options.budget.seed = value(&mut args, "--seed")?,
            "--crashes" => options.crashes = value(&mut args, "--crashes")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

fn replay(mut args: impl Iterator<Item = String>) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let name = args.next().ok_or("replay needs a target and files")?;
    let mut target = targets::by_name(&name)?.ok_or("unknown target")?;
    let mut failed = false;
    for file in args {
        let input = std::fs::read(&file)?;
        match run_one(target.as_mut(), &input) {
            Ok(outcome) => println!("{file}: {outcome}"),
            Err(message) => {
                println!("{file}: PANIC {message}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn main() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "replay") {
        args.next();
        return replay(args);
    }
    let options = options(args)?;
    let mut total = 0u64;
    let mut total_time = Duration::ZERO;
    let mut crashes = 0usize;
    for name in &options.targets {
        let mut target = targets::by_name(name)?.ok_or_else(|| format!("unknown target {name}"))?;
        let report = fuzz(target.as_mut(), options.budget, &options.crashes)?;
        println!(
            "{:<9} {:>11} executions in {:>8.1} s = {:>8.0}/s; {} crashes; {} outcomes, corpus {}; slowest input {:.1} ms",
            report.target,
            report.executions,
            report.elapsed.as_secs_f64(),
            report.rate(),
            report.crashes.len(),
            report.outcomes,
            report.corpus,
            report.slowest.as_secs_f64() * 1000.0,
        );
        for path in &report.crashes {
            println!("  crash saved: {}", path.display());
        }
        total += report.executions;
        total_time += report.elapsed;
        crashes += report.crashes.len();
    }
    println!(
        "total     {total:>11} executions in {:>8.1} s; {crashes} crashes (seed {})",
        total_time.as_secs_f64(),
        options.budget.seed
    );
    Ok(if crashes == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
