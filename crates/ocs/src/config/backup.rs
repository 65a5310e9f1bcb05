//! `[backup]`: scheduled backups while serving (docs/DEPLOYMENT.md, "Backups and restore"):
//! each initiative's sealed statements, encrypted to its backup key, every `interval_hours`
//! into `dir/<slug>/`, kept `keep_days` and never past the destruction deadline
//! (`ocs_service::backup::scheduled`). With `snapshot_key` (SQLite only), also a sealed
//! snapshot of the whole database into `dir/_database/` (`ocs_service::backup::snapshot`).

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
    /// The public half of the snapshot key (`ocs keygen --out NAME` makes `NAME.pk` and
    /// `NAME.sk`; keep the `.sk` offline): each interval, a snapshot of the whole database
    /// sealed to it. SQLite only.
    #[serde(default)]
    snapshot_key: Option<PathBuf>,
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
    database: &super::DatabaseUrl,
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
    if raw.snapshot_key.is_some() && matches!(database, super::DatabaseUrl::Postgres(_)) {
        bail!(
            "backup.snapshot_key: whole-database snapshots are made of SQLite databases; on \
             PostgreSQL use base backups and WAL archiving (docs/DEPLOYMENT.md, \"Backups and \
             restore\") and leave snapshot_key out"
        );
    }
    Ok(Some(BackupSchedule {
        snapshot_key: raw
            .snapshot_key
            .as_ref()
            .map(|key| super::relative(base, key)),
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
            "backups           every {} h into {}, kept {} days, never past the deadline{}\n",
            schedule.interval.as_hours(),
            schedule.dir.display(),
            schedule.keep.as_hours() / 24,
            schedule
                .snapshot_key
                .as_ref()
                .map_or_else(String::new, |key| format!(
                    "; whole-database snapshots sealed to {}",
                    key.display()
                )),
        ),
    }
}

#[cfg(test)]
mod tests {
    fn config(backup: &str) -> anyhow::Result<crate::config::Config> {
        config_on("sqlite://ocs.db", backup)
    }

    fn config_on(url: &str, backup: &str) -> anyhow::Result<crate::config::Config> {
        let text = format!(
            "[database]\nurl = \"{url}\"\n[secrets]\nserver_key_file = \"s.key\"\n\
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

    #[test]
    fn a_snapshot_key_is_read_beside_the_file_and_refused_on_postgres() {
        let backup = "[backup]\ndir = \"b\"\nsnapshot_key = \"keys/snap.pk\"\n";
        let schedule = config(backup).unwrap().backup.unwrap();
        assert_eq!(
            schedule.snapshot_key.as_deref(),
            Some(std::path::Path::new("/srv/ocs/keys/snap.pk"))
        );
        assert!(
            config("[backup]\ndir = \"b\"\n")
                .unwrap()
                .backup
                .unwrap()
                .snapshot_key
                .is_none()
        );
        let error = config_on("postgres://ocs@localhost/ocs", backup).unwrap_err();
        assert!(format!("{error:#}").contains("base backups"), "{error:#}");
    }
}
