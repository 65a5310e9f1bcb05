//! Where the harness and its servers run, and how much CPU each used. Every phase reports the
//! CPU time (user + system, from `/proc/PID/stat`) of the servers and of the generator, so a
//! figure can be read as a cost per request on each side and not only as a rate that the
//! generator's own share of the same cores lowers. With `--split-cpus` the servers run on one
//! half of the CPUs and the generator on the other half (the generator's threads by
//! `sched_setaffinity`, the servers through `taskset`), as when the load comes from another
//! machine.

use std::ffi::OsStr;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use anyhow::{Context as _, bail};
use rustix::thread::{CpuSet, sched_getaffinity, sched_setaffinity};
use serde::Serialize;

/// The split, once `--split-cpus` has placed the harness.
static SPLIT: OnceLock<Split> = OnceLock::new();

/// The split in force, if `--split-cpus` placed the harness.
pub fn current() -> Option<&'static Split> {
    SPLIT.get()
}

/// Two disjoint sets of CPUs: the servers' and the generator's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// CPUs of the servers (the baseline, `ocs serve`, `ocs tagd`).
    pub server: Vec<usize>,
    /// CPUs of this process (the generator).
    pub generator: Vec<usize>,
}

impl Split {
    /// The CPUs this process may run on, cut in two: the first half (rounded up) for the
    /// servers, the rest for the generator. Refused with fewer than two CPUs.
    pub fn halves() -> anyhow::Result<Self> {
        let allowed = sched_getaffinity(None).context("reading this process's CPUs")?;
        let cpus: Vec<usize> = (0..CpuSet::MAX_CPU)
            .filter(|&cpu| allowed.is_set(cpu))
            .collect();
        Self::of(&cpus)
    }

    /// `cpus` cut in two as in [`Split::halves`].
    pub fn of(cpus: &[usize]) -> anyhow::Result<Self> {
        if cpus.len() < 2 {
            bail!(
                "--split-cpus needs at least two CPUs, this process may use {}",
                cpus.len()
            );
        }
        let (server, generator) = cpus.split_at(cpus.len().div_ceil(2));
        Ok(Self {
            server: server.to_vec(),
            generator: generator.to_vec(),
        })
    }

    /// Moves this process onto the generator's CPUs and makes [`command`] start the servers
    /// on theirs. Call it on the main thread before any other thread starts: threads made
    /// later inherit the setting.
    pub fn apply(&self) -> anyhow::Result<()> {
        let mut set = CpuSet::new();
        for &cpu in &self.generator {
            set.set(cpu);
        }
        sched_setaffinity(None, &set).context("moving the generator to its CPUs")?;
        SPLIT
            .set(self.clone())
            .map_err(|_| anyhow::anyhow!("the CPUs were already split"))?;
        Ok(())
    }
}

/// `0,1,3`: a CPU list as `taskset -c` takes it.
fn list(cpus: &[usize]) -> String {
    cpus.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// A command that runs `program` as a server: on the servers' CPUs after
/// [`Split::apply`], as is otherwise.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    match SPLIT.get() {
        Some(split) => {
            let mut command = Command::new("taskset");
            command
                .arg("--cpu-list")
                .arg(list(&split.server))
                .arg(program);
            command
        }
        None => Command::new(program),
    }
}

/// The CPU time a process has used so far (`None`: this process).
pub fn used(pid: Option<u32>) -> Option<Duration> {
    let path = pid.map_or_else(
        || "/proc/self/stat".to_owned(),
        |pid| format!("/proc/{pid}/stat"),
    );
    let stat = std::fs::read_to_string(path).ok()?;
    let ticks = ticks_of(&stat)?;
    let per_second = rustix::param::clock_ticks_per_second();
    (per_second > 0).then(|| {
        Duration::from_secs(ticks / per_second)
            + Duration::from_nanos((ticks % per_second) * 1_000_000_000 / per_second)
    })
}

/// `utime + stime` of a `/proc/PID/stat` line, in clock ticks. The command name in
/// parentheses may hold spaces, so fields are counted after its closing parenthesis.
fn ticks_of(stat: &str) -> Option<u64> {
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace();
    // After the name: state (3), …, utime (14), stime (15).
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

/// CPU time used during one phase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PhaseCpu {
    /// The servers' CPU seconds (every node, and tagd if any).
    pub server_seconds: f64,
    /// The generator's CPU seconds (this process).
    pub generator_seconds: f64,
}

/// CPU time taken at the start of a phase, to subtract at its end.
#[derive(Debug)]
pub struct Meter {
    servers: Vec<u32>,
    server_start: Duration,
    generator_start: Duration,
}

impl Meter {
    /// Starts measuring the processes `servers` and this one.
    pub fn start(servers: &[u32]) -> Self {
        Self {
            servers: servers.to_vec(),
            server_start: Self::total(servers),
            generator_start: used(None).unwrap_or_default(),
        }
    }

    fn total(servers: &[u32]) -> Duration {
        servers.iter().filter_map(|&pid| used(Some(pid))).sum()
    }

    /// The CPU time used since [`Meter::start`]; `None` if `/proc` cannot tell.
    pub fn stop(&self) -> Option<PhaseCpu> {
        let generator = used(None)?;
        let server = Self::total(&self.servers);
        Some(PhaseCpu {
            server_seconds: server.saturating_sub(self.server_start).as_secs_f64(),
            generator_seconds: generator.saturating_sub(self.generator_start).as_secs_f64(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ticks_are_read_after_a_name_with_spaces_and_parentheses() {
        let stat = "4242 (tokio rt (x)) S 1 4242 4242 0 -1 4194560 1000 0 0 0 350 125 0 0 20 0 \
                    4 0 100 1000000 500 18446744073709551615";
        assert_eq!(ticks_of(stat), Some(475));
        assert_eq!(ticks_of("4242 (cut"), None);
    }

    #[test]
    fn this_process_has_used_some_cpu_and_the_meter_counts_forward() {
        let meter = Meter::start(&[std::process::id()]);
        // Spin until the clock ticks over, so there is something to count.
        let before = used(None).expect("this process's /proc/self/stat");
        let mut spins = 0_u64;
        while used(None).expect("stat") == before {
            spins = spins.wrapping_add(1);
            std::hint::black_box(spins);
        }
        let cpu = meter.stop().expect("a measurement");
        assert!(cpu.generator_seconds > 0.0, "{cpu:?}");
        assert!(cpu.server_seconds > 0.0, "{cpu:?}");
    }

    #[test]
    fn the_cpus_are_cut_in_two_halves_the_servers_first() {
        let split = Split::of(&[0, 1, 2]).expect("three CPUs");
        assert_eq!(split.server, vec![0, 1]);
        assert_eq!(split.generator, vec![2]);
        assert_eq!(list(&split.server), "0,1");
        let two = Split::of(&[4, 7]).expect("two CPUs");
        assert_eq!((two.server, two.generator), (vec![4], vec![7]));
        assert!(Split::of(&[0]).is_err());
    }
}
