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

/// The `ocs check-config` line of `[backup]`.
pub(super) fn describe(schedule: Option<&BackupSchedule>) -> String {
    match schedule {
        None => "backups           not scheduled (`ocs backup` by hand)\n".to_owned(),
        Some(schedule) => format!(
            "backups           every {} h into {}, kept {} days, never past the deadline\n",
            schedule.interval.as_hours(),
            schedule.dir.display(),
            schedule.keep.as_hours() / 24,
        ),
    }
}

#[cfg(test)]
mod tests {
    fn config(backup: &str) -> anyhow::Result<crate::config::Config> {
        let text = format!(
            "[database]\nurl = \"sqlite://ocs.db\"\n[secrets]\nserver_key_file = \"s.key\"\n\
             dedup_key_file = \"d.key\"\n{backup}"
        );
        crate::config::from_toml(&text, std::path::Path::new("/srv/ocs"))
    }

    #[test]
    fn defaults_and_refusals() {
        assert!(config("").unwrap().backup.is_none());
        let schedule = config("[backup]\ndir = \"backups\"\n")
            .unwrap()
            .backup
            .unwrap();
        assert_eq!(schedule.dir, std::path::Path::new("/srv/ocs/backups"));
        assert_eq!(schedule.interval, jiff::SignedDuration::from_hours(24));
        assert_eq!(schedule.keep, jiff::SignedDuration::from_hours(24 * 7));
        for (settings, expected) in [
            ("interval_hours = 0", "interval_hours"),
            ("keep_days = 0", "keep_days"),
            ("interval_hours = 72\nkeep_days = 2", "shorter than"),
        ] {
            let error = config(&format!("[backup]\ndir = \"b\"\n{settings}\n")).unwrap_err();
            assert!(format!("{error:#}").contains(expected), "{error:#}");
        }
    }
}
