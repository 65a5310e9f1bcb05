//! The lifecycle use cases: moving an initiative through its stages (checked by
//! `ocs_domain::lifecycle`), setting its dates, uploading its certificate, the scheduler that
//! opens and closes on time, and the [`LifecycleBoard`] the signing path reads.
//!
//! Every change is stored with its audit row in one transaction. The stage lives only in the
//! store, for every initiative wherever it was defined: one without a stored row is a draft
//! (it gets its `draft` row, audited, with the first action that succeeds). A refused action
//! stores nothing.

use ocs_domain::ErrorCode;
use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ocs_domain::access::{CanManage, CanView, Principal};
use ocs_domain::initiative::{InitiativeStatus, NotCollecting};
use ocs_domain::lifecycle::{
    Action, DateRules, Lifecycle, LifecycleError, PeriodDates, Preconditions, Schedule, Stage,
    StatementMode, due_transition, public_status, statement_mode,
};
use ocs_domain::{Initiative, InitiativeId};
use ocs_storage::{CertificateInfo, LifecycleChange, LifecycleRecord, StorageError};
use parking_lot::RwLock;

use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, stored_entry};
use crate::catalog::{CatalogEntry, SharedCatalog};
use crate::clock::Clock;
use crate::lease::Job;
use crate::storage::narrow_storage;

/// The scheduler's job lease.
const SCHEDULE_JOB: &str = "lifecycle-schedule";
/// How long one scheduler run may hold its lease.
const SCHEDULE_LEASE: SignedDuration = SignedDuration::from_secs(60);
/// Largest certificate accepted.
pub const MAX_CERTIFICATE_BYTES: usize = 10 * 1024 * 1024;

/// Why a lifecycle use case was refused. Each has a stable code (`LIF-…`).
#[derive(Debug, thiserror::Error)]
pub enum LifecycleServiceError {
    /// A rule of the lifecycle or of the dates.
    #[error(transparent)]
    Rule(#[from] LifecycleError),
    /// No initiative has that number.
    #[error("no such initiative")]
    NotFound,
    /// Someone else changed the initiative at the same time; nothing was stored.
    #[error("the initiative was changed at the same time; reload and try again")]
    Conflict,
    /// The upload is not a PDF or is too large.
    #[error("the certificate must be a PDF of at most 10 MiB")]
    BadCertificate,
    /// A date does not exist in the initiative's time zone.
    #[error("a date cannot be placed in the time zone")]
    BadDate,
    /// The store failed; nothing was changed.
    #[error("storage: {0}")]
    Storage(StorageError),
}

impl From<StorageError> for LifecycleServiceError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::Conflict => Self::Conflict,
            StorageError::NotFound => Self::NotFound,
            other => Self::Storage(other),
        }
    }
}

impl LifecycleServiceError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Rule(rule) => rule.code(),
            Self::NotFound => ErrorCode::LifecycleNotFound,
            Self::Conflict => ErrorCode::LifecycleConflict,
            Self::BadCertificate => ErrorCode::LifecycleBadCertificate,
            Self::BadDate => ErrorCode::LifecycleBadDate,
            Self::Storage(_) => ErrorCode::LifecycleStorage,
        }
    }
}

/// Each managed initiative's stage and schedule, in memory, for the signing path. Refreshed
/// after every change on this node and periodically (changes made on other nodes).
#[derive(Debug, Default)]
pub struct LifecycleBoard {
    entries: RwLock<HashMap<InitiativeId, BoardEntry>>,
}

/// One managed initiative on the board.
#[derive(Debug, Clone)]
struct BoardEntry {
    stage: Stage,
    schedule: Option<Schedule>,
    certificate: Option<CertificateInfo>,
}

impl LifecycleBoard {
    /// The stored stage and schedule, if the initiative is managed.
    pub fn get(&self, id: InitiativeId) -> Option<(Stage, Option<Schedule>)> {
        self.entries
            .read()
            .get(&id)
            .map(|entry| (entry.stage, entry.schedule))
    }

    /// The certificate to publish: once the initiative is live or later.
    pub fn public_certificate(&self, id: InitiativeId) -> Option<CertificateInfo> {
        let entries = self.entries.read();
        let entry = entries.get(&id)?;
        if matches!(entry.stage, Stage::Draft | Stage::Test) {
            return None;
        }
        entry.certificate.clone()
    }

    /// Whether `initiative` takes a statement at `now`, and how it is marked.
    pub fn statement_mode(
        &self,
        initiative: &Initiative,
        now: Timestamp,
    ) -> Result<StatementMode, NotCollecting> {
        let entries = self.entries.read();
        let entry = entries.get(&initiative.id);
        statement_mode(
            initiative,
            entry.map(|e| e.stage),
            entry.and_then(|e| e.schedule),
            entry.is_some_and(|e| e.certificate.is_some()),
            now,
        )
    }

    /// What the public pages and the API show as the initiative's status at `now`: from its
    /// stored stage, never from the configuration file.
    pub fn public_status(&self, initiative: &Initiative, now: Timestamp) -> InitiativeStatus {
        let stage = self.get(initiative.id).map(|(stage, _)| stage);
        public_status(stage, self.statement_mode(initiative, now))
    }

    fn replace(&self, entries: HashMap<InitiativeId, BoardEntry>) {
        *self.entries.write() = entries;
    }
}

narrow_storage! {
    /// What the lifecycle use cases may touch in storage.
    pub struct LifecycleStorage from ocs_storage::Store {
        /// Stages, dates and certificates, each change stored with its audit entry.
        lifecycle: LifecycleStore,
        /// The counts over time shown beside the lifecycle.
        statements: StatementStore,
        /// The stored audit trail, lent to other console actions (paper statements).
        audit_log: AuditLog,
        /// The lease of the scheduled stage changes.
        leases: Coordination,
    }
}

/// Everything `LifecycleService::new` needs.
pub struct LifecycleParts {
    /// The hosted initiatives (register data, registration date, number).
    pub catalog: Arc<SharedCatalog>,
    /// The database.
    pub store: LifecycleStorage,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// The zone dates are read in (default Europe/Brussels).
    pub time_zone: TimeZone,
    /// The date rules and holiday calendar.
    pub rules: DateRules,
    /// This node's name in job leases.
    pub node: String,
}

/// The lifecycle use cases.
pub struct LifecycleService {
    catalog: Arc<SharedCatalog>,
    store: LifecycleStorage,
    clock: Arc<dyn Clock>,
    time_zone: TimeZone,
    rules: DateRules,
    node: String,
    board: Arc<LifecycleBoard>,
}

impl LifecycleService {
    /// Assembles the service; call [`LifecycleService::refresh`] before serving.
    pub fn new(parts: LifecycleParts) -> Self {
        Self {
            catalog: parts.catalog,
            store: parts.store,
            clock: parts.clock,
            time_zone: parts.time_zone,
            rules: parts.rules,
            node: parts.node,
            board: Arc::new(LifecycleBoard::default()),
        }
    }

    /// The persistent audit trail of this service's database, for other console actions
    /// (paper statements) to record into.
    pub fn audit_sink(&self) -> crate::audit::StoredAudit {
        crate::audit::StoredAudit::new(self.store.audit_log.clone())
    }

    /// The board the signing path reads.
    pub fn board(&self) -> Arc<LifecycleBoard> {
        Arc::clone(&self.board)
    }

    /// Reloads the board from the database.
    pub async fn refresh(&self) -> Result<(), StorageError> {
        let records = self.store.lifecycle.lifecycles().await?;
        let entries = records
            .iter()
            .map(|record| {
                let entry = BoardEntry {
                    stage: record.stage,
                    schedule: self.schedule(record),
                    certificate: record.certificate.clone(),
                };
                (record.initiative, entry)
            })
            .collect();
        self.board.replace(entries);
        Ok(())
    }

    /// Statements of the initiative received at or after `since`, per `bucket` (UTC-aligned),
    /// for the console's charts.
    pub async fn activity(
        &self,
        right: CanView,
        since: Timestamp,
        bucket: SignedDuration,
    ) -> Result<Vec<(Timestamp, u64)>, LifecycleServiceError> {
        Ok(self
            .store
            .statements
            .counts_over_time(right.initiative(), since, bucket)
            .await?)
    }

    /// The stored lifecycle of `id` (`None`: only the configuration knows it).
    pub async fn record(
        &self,
        right: CanView,
    ) -> Result<Option<LifecycleRecord>, LifecycleServiceError> {
        let id = right.initiative();
        self.initiative(id)?;
        Ok(self.store.lifecycle.lifecycle(id).await?)
    }

    /// The schedule of a record with both dates: from the start day's first instant to the
    /// first instant after the end day, in the configured zone.
    pub fn schedule(&self, record: &LifecycleRecord) -> Option<Schedule> {
        let start = record.start_date?;
        let end = record.end_date?.tomorrow().ok()?;
        Some(Schedule {
            opens: self.midnight(start)?,
            closes: self.midnight(end)?,
        })
    }

    fn midnight(&self, day: Date) -> Option<Timestamp> {
        day.to_zoned(self.time_zone.clone())
            .ok()
            .map(|zoned| zoned.timestamp())
    }

    fn initiative(&self, id: InitiativeId) -> Result<Arc<CatalogEntry>, LifecycleServiceError> {
        self.catalog
            .by_id(id)
            .ok_or(LifecycleServiceError::NotFound)
    }

    /// The stored record, creating a `draft` row (audited) for an initiative managed for the
    /// first time.
    async fn ensure_record(
        &self,
        actor: &Actor,
        id: InitiativeId,
    ) -> Result<LifecycleRecord, LifecycleServiceError> {
        self.initiative(id)?;
        if let Some(record) = self.store.lifecycle.lifecycle(id).await? {
            return Ok(record);
        }
        let change = LifecycleChange::Stage {
            from: None,
            to: Stage::Draft,
            reason: String::new(),
            erase_test_statements: false,
        };
        let event = AuditEvent::new(
            actor.clone(),
            AuditAction::INITIATIVE_MANAGED,
            Some(id),
            "draft",
        );
        match self
            .store
            .lifecycle
            .change_lifecycle(id, change, stored_entry(event, self.clock.now()))
            .await
        {
            Ok(_) | Err(StorageError::Conflict) => {}
            Err(other) => return Err(other.into()),
        }
        self.store
            .lifecycle
            .lifecycle(id)
            .await?
            .ok_or(LifecycleServiceError::NotFound)
    }

    /// Applies `action` to initiative `id` for `actor`; `reason` is required for pause,
    /// resume and withdraw, `confirmation` (the typed registration number) for going live.
    /// Returns the new stage.
    #[tracing::instrument(skip_all, fields(initiative = %right.initiative(), action = %action))]
    pub async fn apply(
        &self,
        actor: &Actor,
        right: CanManage,
        action: Action,
        reason: &str,
        confirmation: Option<&str>,
    ) -> Result<Stage, LifecycleServiceError> {
        let id = right.initiative();
        // A reason is one line of text: control characters (ANSI escapes, line breaks) never
        // reach the store, the audit trail or a terminal (issue 19, finding 9).
        let reason = &crate::text::one_line(reason);
        let initiative = self.initiative(id)?;
        // Checked against the stored record, or a draft when there is none yet; the draft row
        // is written only once the action is allowed, so a refusal stores nothing.
        let stored = self.store.lifecycle.lifecycle(id).await?;
        let now = self.clock.now();
        let record = stored.clone().unwrap_or_else(|| LifecycleRecord {
            initiative: id,
            stage: Stage::Draft,
            reason: String::new(),
            notice_date: None,
            start_date: None,
            end_date: None,
            certificate: None,
            updated_at: now,
        });
        let pre = Preconditions {
            reason: Some(reason),
            confirmation: confirmation
                .map(|typed| (typed, initiative.initiative.registration_number.as_str())),
            has_certificate: record.certificate.is_some(),
            schedule: self.schedule(&record),
            now: Some(now),
        };
        let to = Lifecycle::at(record.stage).apply(action, &pre)?;
        if stored.is_none() {
            self.ensure_record(actor, id).await?;
        }
        // The stage the rules were checked against: changed meanwhile, the store refuses.
        let change = LifecycleChange::Stage {
            from: Some(record.stage),
            to,
            reason: reason.trim().to_owned(),
            // Going live erases the test statements; opening erases any that a request
            // already past the stage check committed just after going live.
            erase_test_statements: matches!(action, Action::GoLive | Action::Open),
        };
        let detail = format!("{} -> {}; {}", record.stage, to, reason.trim());
        let event = AuditEvent::new(
            actor.clone(),
            AuditAction::lifecycle(action),
            Some(id),
            detail,
        );
        self.store
            .lifecycle
            .change_lifecycle(id, change, stored_entry(event, now))
            .await?;
        self.refresh().await?;
        tracing::info!(stage = %to, "initiative lifecycle changed");
        Ok(to)
    }

    /// Sets the collection dates after checking them against the date rules.
    pub async fn set_dates(
        &self,
        actor: &Actor,
        right: CanManage,
        notice: Option<Date>,
        start: Date,
        end: Date,
    ) -> Result<(), LifecycleServiceError> {
        let id = right.initiative();
        let registration = self.initiative(id)?.initiative.registration_date;
        self.rules.check(&PeriodDates {
            registration,
            notice,
            start,
            end,
        })?;
        if self.midnight(start).is_none() || self.midnight(end).is_none() {
            return Err(LifecycleServiceError::BadDate);
        }
        let record = self.ensure_record(actor, id).await?;
        if !matches!(record.stage, Stage::Draft | Stage::Test | Stage::Live) {
            return Err(LifecycleError::Illegal {
                from: record.stage,
                action: Action::Open,
            }
            .into());
        }
        let notice_text = notice.map_or_else(|| "none".to_owned(), |d| d.to_string());
        let event = AuditEvent::new(
            actor.clone(),
            AuditAction::INITIATIVE_DATES,
            Some(id),
            format!("notice {notice_text}; start {start}; end {end}"),
        );
        self.store
            .lifecycle
            .change_lifecycle(
                id,
                LifecycleChange::Dates { notice, start, end },
                stored_entry(event, self.clock.now()),
            )
            .await?;
        self.refresh().await?;
        Ok(())
    }

    /// Stores the competent authority's certificate (a PDF of at most 10 MiB).
    pub async fn upload_certificate(
        &self,
        actor: &Actor,
        right: CanManage,
        pdf: Vec<u8>,
        authority: &str,
        issued_on: Date,
    ) -> Result<(), LifecycleServiceError> {
        let id = right.initiative();
        if !pdf.starts_with(b"%PDF-") || pdf.len() > MAX_CERTIFICATE_BYTES {
            return Err(LifecycleServiceError::BadCertificate);
        }
        let authority = authority.trim();
        if authority.is_empty() || authority.len() > 200 {
            return Err(LifecycleServiceError::BadCertificate);
        }
        self.ensure_record(actor, id).await?;
        let event = AuditEvent::new(
            actor.clone(),
            AuditAction::INITIATIVE_CERTIFICATE,
            Some(id),
            format!("{} bytes; {authority}; {issued_on}", pdf.len()),
        );
        self.store
            .lifecycle
            .change_lifecycle(
                id,
                LifecycleChange::Certificate {
                    pdf,
                    authority: authority.to_owned(),
                    issued_on,
                },
                stored_entry(event, self.clock.now()),
            )
            .await?;
        self.refresh().await?;
        Ok(())
    }

    /// The certificate PDF, published once the initiative is live (or later).
    pub async fn public_certificate(
        &self,
        id: InitiativeId,
    ) -> Result<Option<Vec<u8>>, LifecycleServiceError> {
        let Some(record) = self.store.lifecycle.lifecycle(id).await? else {
            return Ok(None);
        };
        if matches!(record.stage, Stage::Draft | Stage::Test) {
            return Ok(None);
        }
        Ok(self.store.lifecycle.certificate_pdf(id).await?)
    }

    /// The scheduler: opens and closes initiatives whose time has come, as `Actor::System`.
    /// Runs only while this node holds the job lease; returns what it did.
    pub async fn run_schedule(&self) -> Result<Vec<(InitiativeId, Action)>, LifecycleServiceError> {
        let now = self.clock.now();
        let job = Job::new(SCHEDULE_JOB, SCHEDULE_LEASE);
        if !job.take(&*self.store.leases, &self.node, now).await? {
            self.refresh().await?;
            return Ok(Vec::new());
        }
        let mut done = Vec::new();
        for record in self.store.lifecycle.lifecycles().await? {
            let due = due_transition(
                record.stage,
                self.schedule(&record),
                record.certificate.is_some(),
                now,
            );
            let Some(action) = due else { continue };
            // The scheduler acts with the operator's rights, recorded as the system.
            let Some(right) = Principal::operator().can_manage(record.initiative) else {
                continue;
            };
            match self
                .apply(&Actor::System, right, action, "scheduled", None)
                .await
            {
                Ok(_) => done.push((record.initiative, action)),
                // Another console changed it meanwhile: the next run looks again.
                Err(LifecycleServiceError::Conflict) => {}
                Err(error) => {
                    tracing::warn!(initiative = %record.initiative, code = %error.code(), %error,
                        "scheduled transition failed");
                }
            }
        }
        self.refresh().await?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests;
