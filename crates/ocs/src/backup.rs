//! `ocs backup` and `ocs backup restore`: thin front-ends over the audited backup use cases
//! (`ocs_service::custody`), run by the operator dispatcher here or in the running server.
//! The backup key of each initiative lives in `retention.keys_dir`, outside the database;
//! the destruction job destroys it at the retention deadline, which makes every backup of
//! that initiative unreadable (crypto-shredding). `ocs backup restore-snapshot` opens a
//! scheduled whole-database snapshot into a fresh folder.

use std::path::Path;

use anyhow::{Context as _, bail};

use crate::config;
use crate::operator::{AdminRequest, absolute, operator_label};
use crate::submit::submit;

/// Writes an encrypted backup of one initiative to `out` (refused if it exists).
pub fn create(config_file: &Path, slug: &str, out: &Path) -> anyhow::Result<()> {
    let config = config::load(config_file)?;
    if out.exists() {
        bail!("{} exists; choose a new file name", out.display());
    }
    let request = AdminRequest::Backup {
        initiative: slug.to_owned(),
        out: absolute(out)?,
    };
    submit(&config, &operator_label(None), request)
}

/// Restores a backup of one initiative into the configured database.
pub fn restore(config_file: &Path, slug: &str, input: &Path) -> anyhow::Result<()> {
    let config = config::load(config_file)?;
    let request = AdminRequest::Restore {
        initiative: slug.to_owned(),
        input: absolute(input)?,
    };
    submit(&config, &operator_label(None), request)
}

/// [backup] The whole-database snapshots of the schedule: `None` without `snapshot_key`;
/// refused on a backend that cannot copy itself whole (PostgreSQL).
pub fn snapshots(
    schedule: &ocs_service::backup::scheduled::BackupSchedule,
    backend: &crate::backend::Backend,
) -> anyhow::Result<Option<ocs_service::backup::snapshot::Snapshots>> {
    let Some(key_file) = &schedule.snapshot_key else {
        return Ok(None);
    };
    let Some(source) = backend.snapshot_source() else {
        bail!(
            "backup.snapshot_key is set, but whole-database snapshots are made of SQLite \
             databases only; on PostgreSQL use base backups and WAL archiving \
             (docs/DEPLOYMENT.md) and leave snapshot_key out"
        );
    };
    let key = ocs_crypto::read_public_key(key_file).with_context(|| {
        format!(
            "backup.snapshot_key {} (make one with `ocs keygen --out NAME` and keep NAME.sk \
             offline)",
            key_file.display()
        )
    })?;
    Ok(Some(ocs_service::backup::snapshot::Snapshots {
        source,
        key,
    }))
}

/// `ocs backup restore-snapshot`: opens a sealed whole-database snapshot with the private
/// half of the snapshot key into `into/ocs.db` (a new or empty folder, mode 0700), checks
/// it with SQLite's integrity check, and says what it holds. A snapshot holding an
/// initiative whose destruction deadline has passed is refused: restoring it would bring
/// back data that had to be destroyed.
pub fn restore_snapshot(file: &Path, key_file: &Path, into: &Path) -> anyhow::Result<()> {
    use ocs_service::backup::snapshot;

    let header = snapshot::read_header(file)
        .with_context(|| format!("reading the snapshot {}", file.display()))?;
    let today = ocs_service::Clock::now(&ocs_service::SystemClock)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    if let Some(held) = header
        .holds
        .iter()
        .find(|held| held.deadline.is_some_and(|day| day <= today))
    {
        bail!(
            "{} holds initiative {} ({}), whose data had to be destroyed by {}: refused",
            file.display(),
            held.initiative,
            held.slug,
            held.deadline.map(|day| day.to_string()).unwrap_or_default()
        );
    }
    if into.exists()
        && std::fs::read_dir(into)
            .with_context(|| format!("reading {}", into.display()))?
            .next()
            .is_some()
    {
        bail!(
            "{} is not empty: restore into a fresh folder",
            into.display()
        );
    }
    std::fs::create_dir_all(into).with_context(|| format!("creating {}", into.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(into, std::fs::Permissions::from_mode(0o700))?;
    }
    let key = ocs_crypto::read_private_key(key_file)
        .with_context(|| format!("reading the snapshot key {}", key_file.display()))?;
    let partial = into.join("ocs.db.partial");
    snapshot::restore(file, &key, &partial)
        .with_context(|| format!("opening the snapshot {}", file.display()))?;
    let problems = ocs_storage_sqlite::integrity_check(&partial)?;
    if !problems.is_empty() {
        let _ = std::fs::remove_file(&partial);
        bail!(
            "the restored database fails SQLite's integrity check: {}",
            problems.join("; ")
        );
    }
    let database = into.join("ocs.db");
    std::fs::rename(&partial, &database)?;
    let holds: Vec<String> = header
        .holds
        .iter()
        .map(|held| format!("{} {}", held.initiative, held.slug))
        .collect();
    let taken = jiff::Timestamp::from_millisecond(header.taken_at_ms)
        .map(|at| at.to_string())
        .unwrap_or_default();
    println!(
        "restored the database snapshot taken {taken} (initiatives: {}) into {}\n\
         point [database] url at sqlite://{} (or set OCS_DATABASE_URL), run `ocs migrate`, \
         then check it with `ocs audit verify`",
        holds.join(", "),
        database.display(),
        database.display(),
    );
    Ok(())
}
