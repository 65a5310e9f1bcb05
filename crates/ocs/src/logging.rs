//! Log set-up: to standard error and optionally to a file. Logs carry identifiers and
//! outcomes only, never a field value (see docs/LOGGING.md).

use std::fs::OpenOptions;
use std::sync::Mutex;

use anyhow::Context as _;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::writer::MakeWriterExt as _;

use crate::config::LogConfig;

/// Keeps the log file open for the life of the process.
pub struct LogGuard;

/// Installs the global subscriber. `RUST_LOG` overrides the configured level.
pub fn init(config: &LogConfig) -> anyhow::Result<LogGuard> {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&config.level))
        .context("log level")?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(true);
    let result = match &config.file {
        Some(path) => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("opening the log file {}", path.display()))?;
            let writer = std::io::stderr.and(Mutex::new(file));
            if config.json {
                builder.json().with_writer(writer).try_init()
            } else {
                builder.with_ansi(false).with_writer(writer).try_init()
            }
        }
        None if config.json => builder.json().with_writer(std::io::stderr).try_init(),
        None => builder.with_writer(std::io::stderr).try_init(),
    };
    result.map_err(|e| anyhow::anyhow!("installing the logger: {e}"))?;
    Ok(LogGuard)
}
