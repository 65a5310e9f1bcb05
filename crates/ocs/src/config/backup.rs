//! `[backup]`: scheduled backups while serving (docs/DEPLOYMENT.md, "Backups and restore"):
//! each initiative's sealed statements, encrypted to its backup key, every `interval_hours`
//! into `dir/<slug>/`, kept `keep_days` and never past the destruction deadline
//! (`ocs_service::backup::scheduled`).

use std::path::{Path, PathBuf};

use anyhow::bail;
use ocs_service::backup::scheduled::BackupSchedule;
use serde::{Deserialize, Serialize};

/// `[backup]` as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBackup {
    /// The folder (relative to the configuration file); one subfolder per initiative.
    dir: PathBuf,
    /// Hours between two backups of an initiative (1 to 744).
    #[serde(default = "default_interval_hours")]
    interval_hours: u32,
    /// Days a backup file is kept (1 to 366; at least one interval).
    #[serde(default = "default_keep_days")]
    keep_days: u32,
}

fn default_interval_hours() -> u32 {
    24
}

fn default_keep_days() -> u32 {
    7
}

/// Checks `[backup]`; `None` without the section (no scheduled backups).
pub(super) fn check(
    raw: Option<&RawBackup>,
    base: &Path,
) -> anyhow::Result<Option<BackupSchedule>> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    if !(1..=744).contains(&raw.interval_hours) {
        bail!("backup.interval_hours must be between 1 and 744 (31 days)");
    }
    if !(1..=366).contains(&raw.keep_days) {
        bail!("backup.keep_days must be between 1 and 366");
    }
    if u64::from(raw.keep_days) * 24 < u64::from(raw.interval_hours) {
        bail!(
            "backup.keep_days = {} is shorter than backup.interval_hours = {}: every backup \
             would be removed before the next one is written",
            raw.keep_days,
            raw.interval_hours
        );
    }
    Ok(Some(BackupSchedule {
        dir: super::relative(base, &raw.dir),
        interval: jiff::SignedDuration::from_hours(i64::from(raw.interval_hours)),
        keep: jiff::SignedDuration::from_hours(i64::from(raw.keep_days) * 24),
    }))
}
