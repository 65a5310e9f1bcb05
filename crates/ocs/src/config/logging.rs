//! `[log]`: the log level, format and file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::relative;

/// `[log]` as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawLog {
    pub(super) level: String,
    pub(super) json: bool,
    pub(super) file: Option<PathBuf>,
}

impl Default for RawLog {
    fn default() -> Self {
        Self {
            level: "info".into(),
            json: false,
            file: None,
        }
    }
}

/// Logging settings.
#[derive(Debug, Clone)]
pub struct LogConfig {
    /// Default filter, e.g. `info`.
    pub level: String,
    /// One JSON object per line.
    pub json: bool,
    /// Also append to this file.
    pub file: Option<PathBuf>,
}

/// The checked `[log]` section (a log file relative to the configuration's folder).
pub(super) fn log_config(raw: RawLog, base: &Path) -> LogConfig {
    LogConfig {
        level: raw.level,
        json: raw.json,
        file: raw.file.map(|f| relative(base, &f)),
    }
}
