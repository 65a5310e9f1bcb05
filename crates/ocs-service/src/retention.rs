//! Destruction on time: the scheduled job that destroys an initiative's statements, tags,
//! receipt aliases, eID subject tags, tally log, e-mail addresses, server-side export
//! artefacts and backup key when its retention deadline ([`ocs_domain::retention`]) has
//! come, compacts the database, and records a destruction certificate in the audit trail.
//! Also "days until destruction" for the console's warning.
//!
//! Destruction is a recorded state ([`ocs_storage::DestructionLog`]): it is marked pending
//! before the first delete and finished only after the certificate is written. A run that
//! fails half-way (a compaction that could not get its lock, a crash) leaves it pending, and
//! every later run finishes it, whatever is left in the tables.
//!
//! The lifecycle dates come from the store: the first day of collection and the day of a
//! withdrawal from the lifecycle record, the day of the submission to the Commission from the
//! retention events (`events`: recorded by the organisers; the submission to the national
//! authorities, the lifecycle stage `submitted`, starts no deadline), with
//! [`LifecycleSource`] (the configuration, [`ConfiguredLifecycle`]) as the fallback for what
//! the store does not know. A legal hold (`events`, Art. 19(5)) suspends destruction until a
//! host administrator lifts it. With [`Destruction::with_mail`], the initiative's e-mail
//! addresses and queued messages are purged together with the statements.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::SignedDuration;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use ocs_domain::lifecycle::Stage;
use ocs_domain::retention::{
    DestructionDue, LifecycleDates, RetentionRules, days_until, destruction_due,
};
use ocs_domain::{InitiativeId, Slug};
use ocs_storage::LifecycleRecord;

use crate::audit::AuditAction;
use crate::storage::narrow_storage;

use crate::audit::{Actor, AuditEvent, AuditSink};
use crate::backup::{BackupKeys, shred_file};
use crate::clock::Clock;
use crate::lease::Job;

pub mod annex;
pub mod events;
pub mod key_holders;

/// The lease under which one node at a time runs destruction.
pub const DESTRUCTION_JOB: &str = "destroy-due-data";
/// The audit action of a destruction certificate.
pub const DESTROYED_ACTION: AuditAction = AuditAction::DATA_DESTROYED;
/// Days before the deadline from which a warning is logged (and the console warns).
pub const WARNING_DAYS: i64 = 30;
const LEASE: SignedDuration = SignedDuration::from_secs(600);

/// Where the lifecycle dates of an initiative come from.
pub trait LifecycleSource: Send + Sync {
    /// The dates known for `initiative`.
    fn dates(&self, initiative: InitiativeId) -> Option<LifecycleDates>;
}

/// Lifecycle dates from the configuration.
#[derive(Debug, Default, Clone)]
pub struct ConfiguredLifecycle(pub HashMap<InitiativeId, LifecycleDates>);

impl LifecycleSource for ConfiguredLifecycle {
    fn dates(&self, initiative: InitiativeId) -> Option<LifecycleDates> {
        self.0.get(&initiative).copied()
    }
}

/// What one destruction removed: the content of the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The initiative.
    pub initiative: InitiativeId,
    /// The deadline that applied.
    pub due: Date,
    /// Statements destroyed.
    pub statements: u64,
    /// Receipt aliases destroyed.
    pub aliases: u64,
    /// Keyed tags of eID person identifiers destroyed.
    pub eid_subjects: u64,
    /// Export artefacts on the server overwritten and removed.
    pub artefacts: u64,
    /// Whether the backup key was destroyed (crypto-shredding of every backup).
    pub backup_key: bool,
    /// Scheduled backup files (`[backup]`) overwritten and removed.
    pub backup_files: u64,
    /// Whole-database snapshots (`[backup] snapshot_key`) holding it, overwritten and removed.
    pub database_snapshots: u64,
    /// E-mail addresses (pending and confirmed) purged, when the mail service is on.
    pub mail_addresses: u64,
    /// The initiative's de-duplication and eID subkeys (ADR 0011): destroyed, or why not.
    pub tag_keys: crate::initiative_keys::DestroyedKeys,
}

narrow_storage! {
    /// What the destruction job (and the retention events beside it) may touch in storage.
    pub struct DestructionStorage from ocs_storage::Store {
        /// The statements: counts for a verification, and their deletion.
        statements: StatementStore,
        /// Destructions begun and finished, and whether an initiative holds data.
        destructions: DestructionLog,
        /// Retention records: the submission to the Commission, legal holds, verifications.
        retention: RetentionStore,
        /// Lifecycle stages (dates of collection and withdrawal).
        lifecycle: LifecycleStore,
        /// The stored audit trail, read for the key holders on the certificate.
        audit_log: AuditLog,
        /// The lease under which one node at a time runs the job.
        leases: Coordination,
    }
}

/// Everything [`Destruction::new`] needs.
pub struct DestructionParts {
    /// The hosted initiatives.
    pub initiatives: Vec<(InitiativeId, Slug)>,
    /// The store holding their statements.
    pub store: DestructionStorage,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// The zone whose calendar dates the deadlines are.
    pub time_zone: TimeZone,
    /// The deadlines.
    pub rules: RetentionRules,
    /// Where lifecycle dates come from.
    pub lifecycle: Arc<dyn LifecycleSource>,
    /// Where certificates go.
    pub audit: Arc<dyn AuditSink>,
    /// Per-initiative backup keys, destroyed with the data.
    pub backup_keys: Option<BackupKeys>,
    /// Server-side export artefacts: `DIR/<slug>/…` is destroyed with the data.
    pub artefacts_dir: Option<PathBuf>,
    /// This node's name in job leases.
    pub node: String,
}

/// The destruction job.
pub struct Destruction {
    parts: DestructionParts,
    mail: Option<Arc<crate::mail::MailService>>,
    keyring: Option<Arc<crate::initiative_keys::Keyring>>,
    catalog: Option<Arc<crate::catalog::SharedCatalog>>,
    backups_dir: Option<PathBuf>,
}

/// The dates of `configured`, overridden by what the store knows: the lifecycle `record`'s
/// first day of collection and, when its last stage change withdrew the initiative, that
/// day (in `zone`); and the recorded day of the submission to the Commission. The stage
/// `submitted` (to the national authorities) sets no date: the one-month deadline runs from
/// the submission to the Commission (Art. 13), which comes after the authorities'
/// certificates.
pub fn merged_dates(
    configured: Option<LifecycleDates>,
    record: Option<&LifecycleRecord>,
    commission_submitted_on: Option<Date>,
    zone: &TimeZone,
) -> Option<LifecycleDates> {
    if record.is_none() && commission_submitted_on.is_none() {
        return configured;
    }
    let mut dates = configured.unwrap_or_default();
    if let Some(record) = record {
        if let Some(start) = record.start_date {
            dates.collection_start = Some(start);
        }
        if record.stage == Stage::Withdrawn {
            dates.withdrawn_on = Some(record.updated_at.to_zoned(zone.clone()).date());
        }
    }
    if let Some(day) = commission_submitted_on {
        dates.submitted_on = Some(day);
    }
    Some(dates)
}

/// Why the job failed (logged by the caller; retried at the next run).
#[derive(Debug, thiserror::Error)]
#[error("destruction: {0}")]
pub struct DestructionError(String);

impl Destruction {
    /// Assembles the job.
    pub fn new(parts: DestructionParts) -> Self {
        Self {
            parts,
            mail: None,
            keyring: None,
            catalog: None,
            backups_dir: None,
        }
    }

    /// Also destroys the initiative's scheduled backup files (`DIR/<slug>/*.backup`, see
    /// [`crate::backup::scheduled`]) with its data.
    #[must_use]
    pub fn with_backups_dir(mut self, dir: PathBuf) -> Self {
        self.backups_dir = Some(dir);
        self
    }

    /// Also looks after every initiative of `catalog` at each run, so that initiatives set up
    /// in the console (stored in the database, added while the server runs) are destroyed on
    /// time too; their dates come from the stored lifecycle.
    #[must_use]
    pub fn with_catalog(mut self, catalog: Arc<crate::catalog::SharedCatalog>) -> Self {
        self.catalog = Some(catalog);
        self
    }

    /// The initiatives a run looks at: the configured list and, with a catalogue, every
    /// initiative it holds now (each once).
    pub fn initiatives(&self) -> Vec<(InitiativeId, Slug)> {
        let mut list = self.parts.initiatives.clone();
        if let Some(catalog) = &self.catalog {
            for entry in catalog.all() {
                let id = entry.initiative.id;
                if !list.iter().any(|(known, _)| *known == id) {
                    list.push((id, entry.initiative.slug.clone()));
                }
            }
        }
        list
    }

    /// Also destroys each destroyed initiative's de-duplication and eID subkeys (ADR 0011),
    /// and names them in the certificate.
    #[must_use]
    pub fn with_keyring(mut self, keyring: Arc<crate::initiative_keys::Keyring>) -> Self {
        self.keyring = Some(keyring);
        self
    }

    /// Also purges each destroyed initiative's e-mail addresses and queued messages.
    #[must_use]
    pub fn with_mail(mut self, mail: Arc<crate::mail::MailService>) -> Self {
        self.mail = Some(mail);
        self
    }

    /// The calendar day of `at` in the deployment's zone.
    pub fn day_of(&self, at: jiff::Timestamp) -> Date {
        at.to_zoned(self.parts.time_zone.clone()).date()
    }

    /// Now, by the injected clock (the time written into generated documents).
    pub fn now(&self) -> jiff::Timestamp {
        self.parts.clock.now()
    }

    /// Today in the deployment's zone, by the injected clock.
    pub fn today(&self) -> Date {
        self.parts
            .clock
            .now()
            .to_zoned(self.parts.time_zone.clone())
            .date()
    }

    /// The lifecycle dates of `initiative`: the store's, the configuration's for the rest
    /// (see [`merged_dates`]).
    pub async fn dates(&self, initiative: InitiativeId) -> Option<LifecycleDates> {
        let record = match self.parts.store.lifecycle.lifecycle(initiative).await {
            Ok(record) => record,
            Err(error) => {
                tracing::warn!(%error, "reading a lifecycle for destruction failed; using the configuration");
                None
            }
        };
        let commission = match self.parts.store.retention.retention(initiative).await {
            Ok(events) => events.commission_submitted_on,
            Err(error) => {
                tracing::warn!(%error, "reading retention events failed; using the configuration");
                None
            }
        };
        merged_dates(
            self.parts.lifecycle.dates(initiative),
            record.as_ref(),
            commission,
            &self.parts.time_zone,
        )
    }

    /// The deadline of `initiative` under its legal holds. A store that cannot say whether a
    /// hold stands answers [`DestructionDue::Held`]: destroying data a court may need cannot
    /// be undone, a late run can.
    pub async fn due(&self, initiative: InitiativeId) -> DestructionDue {
        let hold = match self.parts.store.retention.retention(initiative).await {
            Ok(record) => Self::hold_state(&record),
            Err(error) => {
                tracing::warn!(%error, initiative = %initiative, "reading legal holds failed; destroying nothing");
                return DestructionDue::Held;
            }
        };
        let dates = self.dates(initiative).await.unwrap_or_default();
        destruction_due(&self.parts.rules, &dates, hold)
    }

    /// The day `initiative`'s data must be gone, if its dates are known and no legal hold
    /// stands.
    pub async fn due_date(&self, initiative: InitiativeId) -> Option<Date> {
        match self.due(initiative).await {
            DestructionDue::On(day) => Some(day),
            DestructionDue::Held | DestructionDue::Unknown => None,
        }
    }

    /// Days until `initiative`'s data is destroyed (0 on the day, negative after); `None`
    /// when no deadline is known. The console warns from [`WARNING_DAYS`].
    pub async fn days_until_destruction(&self, initiative: InitiativeId) -> Option<i64> {
        Some(days_until(self.due_date(initiative).await?, self.today()))
    }

    /// The deadline and the days left when they are [`WARNING_DAYS`] or fewer (0 on the
    /// day), for the console's warning; `None` otherwise.
    pub async fn warning(&self, initiative: InitiativeId) -> Option<(Date, i64)> {
        let due = self.due_date(initiative).await?;
        let days = days_until(due, self.today());
        (days <= WARNING_DAYS).then_some((due, days.max(0)))
    }

    /// One run: under the job lease, destroys every initiative whose deadline has come and
    /// that still has something to destroy; logs a warning for those within
    /// [`WARNING_DAYS`]. Returns the certificates of this run.
    pub async fn run(&self) -> Result<Vec<Certificate>, DestructionError> {
        let now = self.parts.clock.now();
        let held = Job::new(DESTRUCTION_JOB, LEASE)
            .take(&*self.parts.store.leases, &self.parts.node, now)
            .await
            .map_err(|error| DestructionError(error.to_string()))?;
        if !held {
            return Ok(Vec::new());
        }
        let mut certificates = Vec::new();
        let initiatives = self.initiatives();
        let pending = self
            .parts
            .store
            .destructions
            .pending_destructions()
            .await
            .map_err(|error| DestructionError(error.to_string()))?;
        // A destruction begun and not certified is finished first, whatever is left (its
        // deletes may have committed already).
        for record in &pending {
            let slug = initiatives
                .iter()
                .find(|(id, _)| *id == record.initiative)
                .map(|(_, slug)| slug);
            tracing::warn!(initiative = %record.initiative, "finishing a destruction that did not complete");
            certificates.push(self.destroy(record.initiative, slug).await?);
        }
        for (initiative, slug) in &initiatives {
            if pending
                .iter()
                .any(|record| record.initiative == *initiative)
            {
                continue;
            }
            let due = match self.due(*initiative).await {
                DestructionDue::On(due) => due,
                DestructionDue::Held => {
                    tracing::info!(initiative = %initiative, "legal hold: nothing destroyed");
                    continue;
                }
                DestructionDue::Unknown => continue,
            };
            let days = days_until(due, self.today());
            if days > 0 {
                if days <= WARNING_DAYS {
                    tracing::warn!(initiative = %initiative, days, "statements will be destroyed soon");
                }
                continue;
            }
            if self.has_something_left(*initiative, slug).await? {
                certificates.push(self.destroy(*initiative, Some(slug)).await?);
            }
        }
        Ok(certificates)
    }

    /// Whether anything of `initiative` is left to destroy: a row in any per-initiative
    /// table, its backup key, an export artefact.
    async fn has_something_left(
        &self,
        initiative: InitiativeId,
        slug: &Slug,
    ) -> Result<bool, DestructionError> {
        let fail = |error: &dyn std::fmt::Display| DestructionError(error.to_string());
        let has_rows = self
            .parts
            .store
            .destructions
            .holds_initiative_data(initiative)
            .await
            .map_err(|e| fail(&e))?;
        let has_key = self
            .parts
            .backup_keys
            .as_ref()
            .is_some_and(|keys| keys.exists(initiative));
        let artefacts = self.artefact_files(Some(slug)).map_err(|e| fail(&e))?;
        let has_tag_keys = match &self.keyring {
            Some(keys) => keys.holds_file(initiative).await.map_err(|e| fail(&e))?,
            None => false,
        };
        let has_backups = match &self.backups_dir {
            Some(dir) => {
                crate::backup::scheduled::holds_any(dir, initiative, slug).map_err(|e| fail(&e))?
            }
            None => false,
        };
        Ok(has_rows || has_key || has_tag_keys || has_backups || !artefacts.is_empty())
    }

    /// Destroys `initiative`'s data: pending record, deletes and compaction, files, keys,
    /// certificate, then the record finished. Any failure leaves the record pending.
    async fn destroy(
        &self,
        initiative: InitiativeId,
        slug: Option<&Slug>,
    ) -> Result<Certificate, DestructionError> {
        let fail = |error: &dyn std::fmt::Display| DestructionError(error.to_string());
        let store = &self.parts.store;
        store
            .destructions
            .begin_destruction(initiative, self.parts.clock.now())
            .await
            .map_err(|e| fail(&e))?;
        let artefacts = self.artefact_files(slug).map_err(|e| fail(&e))?;
        let destroyed = store
            .statements
            .destroy_initiative(initiative)
            .await
            .map_err(|e| fail(&e))?;
        let mut artefact_count = 0;
        for file in &artefacts {
            if shred_file(file).map_err(|e| fail(&e))? {
                artefact_count += 1;
            }
        }
        let backup_key = match &self.parts.backup_keys {
            Some(keys) => keys.shred(initiative).map_err(|e| fail(&e))?,
            None => false,
        };
        let backup_files = match (&self.backups_dir, slug) {
            (Some(dir), Some(slug)) => {
                crate::backup::scheduled::shred_backups(dir, slug).map_err(|e| fail(&e))?
            }
            _ => 0,
        };
        // A whole-database snapshot holding this initiative goes whole (`[backup]`).
        let database_snapshots = match &self.backups_dir {
            Some(dir) => {
                crate::backup::snapshot::shred_holding(dir, initiative).map_err(|e| fail(&e))?
            }
            None => 0,
        };
        // After the deletes: while the key existed, a tag could still be recomputed.
        let tag_keys = match &self.keyring {
            Some(keys) => keys.destroy(initiative).await.map_err(|e| fail(&e))?,
            None => crate::initiative_keys::DestroyedKeys::None,
        };
        let mail_addresses = match &self.mail {
            Some(mail) => mail
                .purge_initiative_mail(initiative)
                .await
                .map_err(|e| fail(&e))?,
            None => 0,
        };
        let certificate = Certificate {
            mail_addresses: destroyed.mail_addresses + mail_addresses,
            eid_subjects: destroyed.eid_subjects,
            initiative,
            due: self
                .due_date(initiative)
                .await
                .unwrap_or_else(|| self.today()),
            statements: destroyed.statements,
            aliases: destroyed.aliases,
            artefacts: artefact_count,
            backup_key,
            tag_keys,
            backup_files,
            database_snapshots,
        };
        let detail = format!(
            "due {}; statements {}; receipt aliases {}; eID subjects {}; export artefacts {}; backup key {}; scheduled backup files {}; database snapshots {}; mail addresses {}; {}; {}; tables emptied and compacted: {}",
            certificate.due,
            certificate.statements,
            certificate.aliases,
            certificate.eid_subjects,
            certificate.artefacts,
            if backup_key { "destroyed" } else { "none" },
            certificate.backup_files,
            certificate.database_snapshots,
            certificate.mail_addresses,
            certificate.tag_keys,
            key_holders::certificate_line(
                self.catalog
                    .as_ref()
                    .and_then(|catalog| catalog.by_id(initiative))
                    .as_deref()
            ),
            ocs_storage::destruction::PER_INITIATIVE_TABLES.join(", "),
        );
        self.parts
            .audit
            .record(
                AuditEvent::new(Actor::System, DESTROYED_ACTION, Some(initiative), detail),
                self.parts.clock.now(),
            )
            .await
            .map_err(|e| fail(&e))?;
        // Only now, with the certificate in the audit trail, is the destruction finished.
        store
            .destructions
            .finish_destruction(initiative, self.parts.clock.now())
            .await
            .map_err(|e| fail(&e))?;
        tracing::info!(initiative = %initiative, statements = certificate.statements, "data destroyed at its retention deadline");
        Ok(certificate)
    }

    fn artefact_files(&self, slug: Option<&Slug>) -> std::io::Result<Vec<PathBuf>> {
        let (Some(root), Some(slug)) = (&self.parts.artefacts_dir, slug) else {
            return Ok(Vec::new());
        };
        let dir = root.join(slug.as_str());
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error),
        };
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                files.push(entry.path());
            }
        }
        files.sort();
        Ok(files)
    }
}

#[cfg(test)]
mod tests;
