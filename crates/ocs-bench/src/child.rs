//! Server child processes: start, learn the bound address from stdout, read the peak RSS,
//! and stop them (SIGTERM, then SIGKILL after a grace time). A guard stops the child when it
//! goes out of scope, also on errors and panics, so no server outlives the harness.

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};
use rustix::process::{Pid, Signal, kill_process};

/// How long a child may take to print its address.
const START_TIMEOUT: Duration = Duration::from_mins(1);

/// How long a child may take to exit after SIGTERM before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(15);

/// A running child process, stopped on drop.
pub struct ChildGuard {
    child: Child,
    name: String,
    stopped: Option<ExitStatus>,
}

impl ChildGuard {
    /// Starts `command` with stdout piped (stdin closed) under a display `name`.
    pub fn spawn(mut command: Command, name: &str) -> anyhow::Result<Self> {
        command.stdin(Stdio::null()).stdout(Stdio::piped());
        let child = command
            .spawn()
            .with_context(|| format!("starting {name} ({command:?})"))?;
        Ok(Self {
            child,
            name: name.to_owned(),
            stopped: None,
        })
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Reads stdout until a line `… listening on http://ADDR/` and returns `ADDR`. Stdout
    /// keeps being drained on a thread afterwards, so the child never blocks on it.
    pub fn wait_for_address(&mut self) -> anyhow::Result<SocketAddr> {
        let stdout = self
            .child
            .stdout
            .take()
            .ok_or_else(|| anyhow!("{}: stdout already taken", self.name))?;
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name(format!("{}-stdout", self.name))
            .spawn(move || {
                let mut found = false;
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if !found && let Some(address) = parse_listen_line(&line) {
                        found = true;
                        let _ = sender.send(address);
                    }
                }
            })
            .context("starting a stdout reader thread")?;
        let started = Instant::now();
        loop {
            match receiver.recv_timeout(Duration::from_millis(200)) {
                Ok(address) => return Ok(address),
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().ok();
                    self.stopped = status;
                    bail!(
                        "{} closed its output without printing its address (exit status {status:?})",
                        self.name
                    );
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Ok(Some(status)) = self.child.try_wait() {
                        self.stopped = Some(status);
                        bail!("{} exited early with {status}", self.name);
                    }
                    if started.elapsed() > START_TIMEOUT {
                        bail!("{} printed no address within {START_TIMEOUT:?}", self.name);
                    }
                }
            }
        }
    }

    /// Peak resident set size (`VmHWM`) in KiB, while the child runs.
    pub fn peak_rss_kib(&self) -> anyhow::Result<u64> {
        let path = format!("/proc/{}/status", self.pid());
        let status = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
        parse_vm_hwm(&status).with_context(|| format!("no VmHWM line in {path}"))
    }

    /// Current (`VmRSS`) and peak (`VmHWM`) resident set size in KiB, while the child runs.
    pub fn memory_kib(&self) -> anyhow::Result<(u64, u64)> {
        let path = format!("/proc/{}/status", self.pid());
        let status = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
        let rss = parse_status_kib(&status, "VmRSS:")
            .with_context(|| format!("no VmRSS line in {path}"))?;
        let peak = parse_vm_hwm(&status).with_context(|| format!("no VmHWM line in {path}"))?;
        Ok((rss, peak))
    }

    /// Kills the child with SIGKILL at once (a crash: no shutdown, no flush) and reaps it.
    pub fn kill(&mut self) -> anyhow::Result<ExitStatus> {
        if let Some(status) = self.stopped {
            return Ok(status);
        }
        // An error only means it has already exited; the wait reaps it either way.
        let _ = self.child.kill();
        let status = self.child.wait().context("waiting for a killed child")?;
        self.stopped = Some(status);
        Ok(status)
    }

    /// Stops the child: SIGTERM, then SIGKILL after the grace time. Returns its exit
    /// status; calling it again returns the same status.
    pub fn stop(&mut self) -> anyhow::Result<ExitStatus> {
        if let Some(status) = self.stopped {
            return Ok(status);
        }
        if let Some(status) = self.child.try_wait().context("polling a child")? {
            self.stopped = Some(status);
            return Ok(status);
        }
        let pid = i32::try_from(self.pid())
            .ok()
            .and_then(Pid::from_raw)
            .context("child process id")?;
        // ESRCH only means it has just exited; the wait below reaps it either way.
        let _ = kill_process(pid, Signal::TERM);
        let deadline = Instant::now() + STOP_GRACE;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().context("polling a child")? {
                self.stopped = Some(status);
                return Ok(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        eprintln!(
            "warning: {} did not stop within {STOP_GRACE:?} of SIGTERM; killing it",
            self.name
        );
        let _ = self.child.kill();
        let status = self.child.wait().context("waiting for a killed child")?;
        self.stopped = Some(status);
        Ok(status)
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Err(error) = self.stop() {
            eprintln!("warning: stopping {}: {error:#}", self.name);
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The address in a line `… listening on http://127.0.0.1:PORT/`.
pub fn parse_listen_line(line: &str) -> Option<SocketAddr> {
    let (_, rest) = line.split_once("listening on http://")?;
    let address = rest.split('/').next()?;
    address.trim().parse().ok()
}

/// The `VmHWM` value of a `/proc/PID/status` text, in KiB.
pub fn parse_vm_hwm(status: &str) -> Option<u64> {
    parse_status_kib(status, "VmHWM:")
}

/// The value of the `/proc/PID/status` line starting with `field` (e.g. `VmRSS:`), in KiB.
pub fn parse_status_kib(status: &str, field: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|value| value.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_lines_are_parsed() {
        assert_eq!(
            parse_listen_line("OpenOCS listening on http://127.0.0.1:41234/"),
            Some("127.0.0.1:41234".parse().unwrap())
        );
        assert_eq!(
            parse_listen_line("ocs-bench baseline listening on http://127.0.0.1:80/"),
            Some("127.0.0.1:80".parse().unwrap())
        );
        assert_eq!(parse_listen_line("starting"), None);
        assert_eq!(parse_listen_line("listening on http://nowhere/"), None);
    }

    #[test]
    fn vm_hwm_is_read() {
        let status = "Name:\tocs\nVmPeak:\t  900000 kB\nVmHWM:\t   81234 kB\nVmRSS:\t 80000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(81_234));
        assert_eq!(parse_vm_hwm("Name:\tx\n"), None);
        assert_eq!(parse_status_kib(status, "VmRSS:"), Some(80_000));
    }

    #[test]
    fn kill_ends_a_child_at_once() {
        let mut command = Command::new("sleep");
        command.arg("30");
        let mut guard = ChildGuard::spawn(command, "sleep").unwrap();
        let (rss, peak) = guard.memory_kib().unwrap();
        assert!(rss > 0 && peak >= rss);
        let started = Instant::now();
        let status = guard.kill().unwrap();
        assert!(!status.success());
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(guard.stop().unwrap(), status);
    }

    #[test]
    fn guard_stops_a_child_with_sigterm() {
        let mut command = Command::new("sleep");
        command.arg("30");
        let mut guard = ChildGuard::spawn(command, "sleep").unwrap();
        assert!(guard.peak_rss_kib().unwrap() > 0);
        let started = Instant::now();
        let status = guard.stop().unwrap();
        assert!(!status.success());
        assert!(started.elapsed() < Duration::from_secs(5));
        // Stopping again is harmless.
        assert_eq!(guard.stop().unwrap(), status);
    }
}
