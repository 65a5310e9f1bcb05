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
//! With [`ScheduledBackups::with_snapshots`] (SQLite, `[backup] snapshot_key`), each round
//! also takes a sealed snapshot of the whole database every `interval` into
//! `DIR/_database/` ([`crate::backup::snapshot`]): the audit trail, accounts, lifecycle and
//! tally log as well as the statements.
//!
//! One node writes a round (the job lease `scheduled-backup`); a round is due for an
//! initiative when its newest file in `DIR/<slug>/` is `interval` old, by the injected clock,
//! so a restart neither skips nor repeats one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use ocs_crypto::Entropy;
use ocs_domain::access::Principal;
use ocs_domain::retention::DestructionDue;
use ocs_domain::{InitiativeId, Slug};

use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, AuditSink};
use crate::backup::snapshot::{self, Snapshots};
use crate::backup::{BackupError, BackupKeys, shred_file};
use crate::clock::Clock;
use crate::custody::Custodian;
use crate::lease::Job;
use crate::retention::Destruction;
use crate::storage::narrow_storage;

/// The audit action of scheduled backup files removed (rotation, or the deadline).
pub const BACKUPS_REMOVED: AuditAction = AuditAction::BACKUP_SCHEDULED_REMOVED;
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
    /// The public half of the snapshot key: with it, each round also takes a sealed snapshot
    /// of the whole database (SQLite; see [`ScheduledBackups::with_snapshots`]).
    pub snapshot_key: Option<PathBuf>,
}

/// What a round did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BackupRound {
    /// The files written, with the initiative and the number of statements in each.
    pub written: Vec<(InitiativeId, PathBuf, u64)>,
    /// Files overwritten and removed (older than `keep`, or past the destruction deadline).
    pub removed: u64,
    /// The whole-database snapshot written, with the initiatives it holds.
    pub snapshot: Option<(PathBuf, Vec<InitiativeId>)>,
    /// Snapshots overwritten and removed (older than `keep`, or a deadline of one they hold).
    pub snapshots_removed: u64,
}

narrow_storage! {
    /// What the scheduled backups may touch in storage.
    pub struct ScheduledBackupStorage from ocs_storage::Store {
        /// The sealed statements read into each backup.
        statements: StatementStore,
        /// The lease under which one node at a time writes the backups.
        leases: Coordination,
        /// Whether an initiative past its deadline still holds data (no snapshot then).
        destruction: DestructionLog,
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
    snapshots: Option<Snapshots>,
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
    /// The whole-database snapshot failed (nothing clear is left; the next round retries).
    #[error("scheduled database snapshot: {0}")]
    Snapshot(BackupError),
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

/// Whether `dir` holds a scheduled backup file of `slug` or a database snapshot holding
/// data of `initiative`.
pub fn holds_any(dir: &Path, initiative: InitiativeId, slug: &Slug) -> Result<bool, BackupError> {
    Ok(holds_backups(dir, slug)? || !snapshot::holding(dir, initiative)?.is_empty())
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
        Self {
            parts,
            snapshots: None,
        }
    }

    /// Also takes a sealed snapshot of the whole database each interval (SQLite).
    #[must_use]
    pub fn with_snapshots(mut self, snapshots: Snapshots) -> Self {
        self.snapshots = Some(snapshots);
        self
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
        let held = Job::new(BACKUP_JOB, LEASE)
            .take(&*self.parts.store.leases, &self.parts.node, now)
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
        if let Some(snapshots) = &self.snapshots {
            self.snapshot_round(snapshots, force, now, &mut round)
                .await
                .map_err(ScheduledBackupError::Snapshot)?;
        }
        Ok(round)
    }

    /// Each initiative with data, its slug and deadline (`None` when unknown or held).
    async fn with_data(&self) -> Result<Vec<(InitiativeId, Slug, Option<Date>)>, BackupError> {
        let mut held = Vec::new();
        for (initiative, slug) in self.parts.destruction.initiatives() {
            if self
                .parts
                .store
                .destruction
                .holds_initiative_data(initiative)
                .await?
            {
                let deadline = self.parts.destruction.due_date(initiative).await;
                held.push((initiative, slug, deadline));
            }
        }
        Ok(held)
    }

    /// Whether the deadline of an initiative `header` holds has come (by the deadlines known
    /// now: a legal hold or changed dates count as they stand today).
    async fn past_a_deadline(&self, held: &[InitiativeId]) -> bool {
        let today = self.parts.destruction.today();
        for initiative in held {
            if let DestructionDue::On(day) = self.parts.destruction.due(*initiative).await
                && day <= today
            {
                return true;
            }
        }
        false
    }

    /// The snapshot part of a round: clears what a crash left, removes snapshots older than
    /// `keep` or holding an initiative past its deadline, then takes one when due.
    async fn snapshot_round(
        &self,
        snapshots: &Snapshots,
        force: bool,
        now: Timestamp,
        round: &mut BackupRound,
    ) -> Result<(), BackupError> {
        let dir = &self.parts.schedule.dir;
        snapshot::clear_work(dir)?;
        let mut newest = None;
        for (at, path) in snapshot::files(dir)? {
            let expired = match snapshot::read_header(&path) {
                Ok(header) => {
                    let held: Vec<InitiativeId> = header
                        .holds
                        .iter()
                        .map(|held| InitiativeId::new(held.initiative))
                        .collect();
                    header.keep_until_ms <= now.as_millisecond()
                        || self.past_a_deadline(&held).await
                }
                // A file whose header does not read: by the time in its name.
                Err(_) => at.checked_add(self.parts.schedule.keep).unwrap_or(at) <= now,
            };
            if expired {
                if shred_file(&path)? {
                    round.snapshots_removed += 1;
                }
            } else {
                newest = Some(at);
            }
        }
        if round.snapshots_removed > 0 {
            let event = AuditEvent::new(
                Actor::System,
                snapshot::SNAPSHOTS_REMOVED,
                None,
                format!(
                    "database snapshots {} overwritten and removed: older than keep_days or \
                     holding an initiative past its destruction deadline",
                    round.snapshots_removed
                ),
            );
            self.parts.audit.record(event, now).await?;
        }
        let due = force
            || newest.is_none_or(|at: Timestamp| {
                at.checked_add(self.parts.schedule.interval).unwrap_or(at) <= now
            });
        if !due {
            return Ok(());
        }
        let before = self.with_data().await?;
        let ids = |held: &[(InitiativeId, Slug, Option<Date>)]| -> Vec<InitiativeId> {
            held.iter().map(|(initiative, ..)| *initiative).collect()
        };
        if self.past_a_deadline(&ids(before.as_slice())).await {
            tracing::warn!("database snapshot skipped: an initiative's data awaits destruction");
            return Ok(());
        }
        let copy = snapshots.copy(dir, now).await?;
        // What the copy holds: every initiative with data before it or after it.
        let mut held = before;
        for entry in self.with_data().await? {
            if !held.iter().any(|(known, ..)| *known == entry.0) {
                held.push(entry);
            }
        }
        held.sort_by_key(|(initiative, ..)| initiative.get());
        let initiatives = ids(held.as_slice());
        if self.past_a_deadline(&initiatives).await {
            tracing::warn!("database snapshot dropped: an initiative's deadline came meanwhile");
            return Ok(());
        }
        let header = snapshot::header(now, self.parts.schedule.keep, held);
        let names: Vec<String> = initiatives.iter().map(ToString::to_string).collect();
        // In the trail before the file exists, as every backup.
        let event = AuditEvent::new(
            Actor::System,
            snapshot::SNAPSHOT_TAKEN,
            None,
            format!(
                "database snapshot {} sealed to the snapshot key; holds initiatives [{}]; \
                 kept until {} at the latest",
                now.as_millisecond(),
                names.join(", "),
                Timestamp::from_millisecond(header.keep_until_ms).unwrap_or(now),
            ),
        );
        self.parts.audit.record(event, now).await?;
        let (file, size) = snapshots.seal(copy, &header, self.parts.entropy.as_ref())?;
        tracing::info!(
            bytes = size,
            initiatives = initiatives.len(),
            "database snapshot written"
        );
        round.snapshot = Some((file, initiatives));
        Ok(())
    }
}
