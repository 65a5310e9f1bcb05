//! Scheduled backups while serving (`[backup]`, issue 18 item 4): every `interval`, each
//! hosted initiative's sealed statements are written to `DIR/<slug>/<unix ms>.backup` through
//! the same audited use case as `ocs backup` ([`crate::custody::Custodian::backup`], actor
//! "system"), encrypted to that initiative's backup key. Files older than `keep` are
//! overwritten and removed; so is every file of an initiative whose destruction deadline has
//! come, and the destruction job removes them too ([`crate::retention::Destruction`],
//! `with_backups_dir`) and destroys the key, which makes any copy of them elsewhere
//! unreadable.
//!
//! Consistency: a backup reads the statements in commit order, page by page, after its audit
//! row; every statement acknowledged before the round began is in it (a statement is
//! acknowledged only once committed). Statements committed during the round may or may not
//! be. Restore with `ocs backup restore` (statements already present are skipped).
//!
//! One node writes a round (the job lease `scheduled-backup`); a round is due for an
//! initiative when its newest file in `DIR/<slug>/` is `interval` old, by the injected clock,
//! so a restart neither skips nor repeats one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use ocs_crypto::Entropy;
use ocs_domain::access::Principal;
use ocs_domain::retention::DestructionDue;
use ocs_domain::{InitiativeId, Slug};

use crate::audit::{Actor, AuditEvent, AuditSink};
use crate::backup::{BackupError, BackupKeys, shred_file};
use crate::clock::Clock;
use crate::custody::Custodian;
use crate::retention::Destruction;
use crate::storage::narrow_storage;

/// The audit action of scheduled backup files removed (rotation, or the deadline).
pub const BACKUPS_REMOVED: &str = "backup.scheduled-removed";
/// The lease under which one node at a time writes scheduled backups.
pub const BACKUP_JOB: &str = "scheduled-backup";
const LEASE: SignedDuration = SignedDuration::from_secs(600);
const EXTENSION: &str = "backup";

/// When and where.
#[derive(Debug, Clone)]
pub struct BackupSchedule {
    /// The folder: one subfolder per initiative slug.
    pub dir: PathBuf,
    /// Time between two backups of an initiative.
    pub interval: SignedDuration,
    /// How long a backup file is kept.
    pub keep: SignedDuration,
}

/// What a round did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BackupRound {
    /// The files written, with the initiative and the number of statements in each.
    pub written: Vec<(InitiativeId, PathBuf, u64)>,
    /// Files overwritten and removed (older than `keep`, or past the destruction deadline).
    pub removed: u64,
}

narrow_storage! {
    /// What the scheduled backups may touch in storage.
    pub struct ScheduledBackupStorage from ocs_storage::Store {
        /// The sealed statements read into each backup.
        statements: StatementStore,
        /// The lease under which one node at a time writes the backups.
        leases: Coordination,
    }
}

/// Everything [`ScheduledBackups::new`] needs.
pub struct ScheduledBackupParts {
    /// The schedule.
    pub schedule: BackupSchedule,
    /// The store read.
    pub store: ScheduledBackupStorage,
    /// The per-initiative backup keys (made on first use).
    pub keys: BackupKeys,
    /// The destruction job: the initiatives and their deadlines.
    pub destruction: Arc<Destruction>,
    /// The trail each backup is recorded in before it is written.
    pub audit: Arc<dyn AuditSink>,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Randomness for the encryption.
    pub entropy: Arc<dyn Entropy>,
    /// This node's name in job leases.
    pub node: String,
}

/// The scheduled backup job, run by the server's upkeep loop.
pub struct ScheduledBackups {
    parts: ScheduledBackupParts,
}

/// Why a round stopped (logged by the caller; the next run tries again).
#[derive(Debug, thiserror::Error)]
pub enum ScheduledBackupError {
    /// Writing, encrypting, auditing or removing failed.
    #[error("scheduled backup of initiative {initiative}: {source}")]
    Backup {
        /// The initiative.
        initiative: InitiativeId,
        /// The cause.
        source: BackupError,
    },
    /// The job lease could not be read.
    #[error("scheduled backup lease: {0}")]
    Lease(ocs_storage::StorageError),
}

/// The time a backup file was written, from its name (`<unix ms>.backup`).
fn written_at(path: &Path) -> Option<Timestamp> {
    if path.extension()? != EXTENSION {
        return None;
    }
    let millis: i64 = path.file_stem()?.to_str()?.parse().ok()?;
    Timestamp::from_millisecond(millis).ok()
}

/// The backup files of one initiative's folder, oldest first.
fn files_in(dir: &Path) -> std::io::Result<Vec<(Timestamp, PathBuf)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if let Some(at) = written_at(&path) {
            files.push((at, path));
        }
    }
    files.sort();
    Ok(files)
}

/// Whether `dir` holds a scheduled backup file of `slug`.
pub fn holds_backups(dir: &Path, slug: &Slug) -> Result<bool, BackupError> {
    Ok(!files_in(&dir.join(slug.as_str()))?.is_empty())
}

/// Overwrites and removes every scheduled backup file of `slug` under `dir`; how many.
pub fn shred_backups(dir: &Path, slug: &Slug) -> Result<u64, BackupError> {
    let mut removed = 0;
    for (_, file) in files_in(&dir.join(slug.as_str()))? {
        if shred_file(&file)? {
            removed += 1;
        }
    }
    Ok(removed)
}

impl ScheduledBackups {
    /// Records in the trail that `count` files of `initiative` were removed (nothing when 0).
    async fn record_removal(
        &self,
        initiative: InitiativeId,
        count: u64,
        why: &str,
        now: Timestamp,
    ) -> Result<(), BackupError> {
        if count == 0 {
            return Ok(());
        }
        let event = AuditEvent::new(
            Actor::System,
            BACKUPS_REMOVED,
            Some(initiative),
            format!("scheduled backup files {count} overwritten and removed: {why}"),
        );
        self.parts.audit.record(event, now).await?;
        Ok(())
    }

    /// Assembles the job.
    pub fn new(parts: ScheduledBackupParts) -> Self {
        Self { parts }
    }

    /// The schedule.
    pub fn schedule(&self) -> &BackupSchedule {
        &self.parts.schedule
    }

    /// One round under the job lease: for each initiative, removes what must go and writes a
    /// backup when one is due. Another node holding the lease: nothing done.
    pub async fn run_due(&self) -> Result<BackupRound, ScheduledBackupError> {
        self.round(false).await
    }

    /// A round that backs up every initiative whose deadline has not come, due or not (the
    /// restore drill; an operator's "now").
    pub async fn run_now(&self) -> Result<BackupRound, ScheduledBackupError> {
        self.round(true).await
    }

    async fn round(&self, force: bool) -> Result<BackupRound, ScheduledBackupError> {
        let now = self.parts.clock.now();
        let until = now.checked_add(LEASE).unwrap_or(now);
        let held = self
            .parts
            .store
            .leases
            .try_lease(BACKUP_JOB, &self.parts.node, until, now)
            .await
            .map_err(ScheduledBackupError::Lease)?;
        let mut round = BackupRound::default();
        if !held {
            return Ok(round);
        }
        for (initiative, slug) in self.parts.destruction.initiatives() {
            let fail = |source: BackupError| ScheduledBackupError::Backup { initiative, source };
            let folder = self.parts.schedule.dir.join(slug.as_str());
            // Past the deadline nothing is kept and nothing new is written; a legal hold
            // (or unknown dates) keeps the ordinary rotation.
            if let DestructionDue::On(day) = self.parts.destruction.due(initiative).await
                && day <= self.parts.destruction.today()
            {
                let removed = shred_backups(&self.parts.schedule.dir, &slug).map_err(fail)?;
                self.record_removal(
                    initiative,
                    removed,
                    "the destruction deadline has come",
                    now,
                )
                .await
                .map_err(fail)?;
                round.removed += removed;
                continue;
            }
            let files = files_in(&folder).map_err(|error| fail(error.into()))?;
            let mut removed = 0;
            for (at, file) in &files {
                if at.checked_add(self.parts.schedule.keep).unwrap_or(*at) <= now
                    && shred_file(file).map_err(fail)?
                {
                    removed += 1;
                }
            }
            self.record_removal(initiative, removed, "older than keep_days", now)
                .await
                .map_err(fail)?;
            round.removed += removed;
            let newest = files.last().map(|(at, _)| *at);
            let due = force
                || newest.is_none_or(|at| {
                    at.checked_add(self.parts.schedule.interval).unwrap_or(at) <= now
                });
            if !due {
                continue;
            }
            std::fs::create_dir_all(&folder).map_err(|error| fail(error.into()))?;
            let out = folder.join(format!("{}.{EXTENSION}", now.as_millisecond()));
            let Some(right) = Principal::operator().can_manage(initiative) else {
                continue;
            };
            let custodian = Custodian {
                right,
                actor: &Actor::System,
                audit: self.parts.audit.as_ref(),
                now,
            };
            let count = custodian
                .backup(
                    self.parts.store.statements.as_ref(),
                    &self.parts.keys,
                    self.parts.entropy.as_ref(),
                    &out,
                )
                .await
                .map_err(fail)?;
            tracing::info!(initiative = %initiative, statements = count, "scheduled backup written");
            round.written.push((initiative, out, count));
        }
        Ok(round)
    }
}
