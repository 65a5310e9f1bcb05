//! `--tagd`: the real server makes its tags through `ocs tagd` (ADR 0011 part 6), a third
//! child process on the same data folder, so the signing rate with and without the tag
//! process can be compared. The meter's cap is set far above any rate this harness reaches:
//! the figure is the socket's cost, not the cap's.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::child::ChildGuard;
use crate::setup::DataDir;

/// Adds `[tagd]` to the data folder's configuration and starts `ocs tagd` on it; returns
/// once its socket answers.
pub fn start(ocs: &Path, data: &DataDir) -> anyhow::Result<ChildGuard> {
    let config = data.config();
    let mut text = std::fs::read_to_string(&config)
        .with_context(|| format!("reading {}", config.display()))?;
    text.push_str(
        "\n[tagd]\nsocket = \"tagd.sock\"\ncap_per_minute = 4000000000\nalarm_floor_per_minute = 4000000000\n",
    );
    std::fs::write(&config, text).with_context(|| format!("writing {}", config.display()))?;
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data.server_log())?;
    let mut command = crate::cpus::command(ocs);
    command.args(["tagd", "--config"]).arg(&config).stderr(log);
    for (variable, _) in std::env::vars_os() {
        if variable.to_string_lossy().starts_with("OCS_") {
            command.env_remove(variable);
        }
    }
    let guard = ChildGuard::spawn(command, "ocs tagd")?;
    let socket = data.path().join("tagd.sock");
    let started = Instant::now();
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        if started.elapsed() > Duration::from_secs(30) {
            bail!("ocs tagd did not listen on {}", socket.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!(
        "real: ocs tagd on {} (pid {})",
        socket.display(),
        guard.pid()
    );
    Ok(guard)
}
