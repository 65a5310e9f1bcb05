//! The events that move the destruction deadline, as use cases of [`Destruction`]: the
//! submission to the Commission (Reg. 2019/788 Art. 13, recorded by the organisers; it starts
//! the one-month deadline), legal holds for administrative or judicial proceedings
//! (Art. 19(5), set and lifted by a host administrator with a reason), and the competent
//! authorities' Annex VI certificates, which the Annex VII submission is built from
//! (`super::annex`). Each is checked here, then stored with its audit row in one transaction
//! (`RetentionStore::change_retention`); a refusal stores nothing.

use jiff::civil::Date;
use ocs_domain::access::{CanAdminister, CanManage, CanView};
use ocs_domain::lifecycle::Stage;
use ocs_domain::retention::{DestructionDue, HoldState};
use ocs_domain::{CountryCode, InitiativeId};
use ocs_storage::{RetentionChange, RetentionRecord, StorageError, Verification};

use super::Destruction;
use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, stored_entry};

/// Longest reason for a hold or its lifting, and longest authority name.
pub const MAX_TEXT: usize = 500;

/// Why a retention event was refused. Each has a stable code (`RET-…`, docs/ERRORS.md).
#[derive(Debug, thiserror::Error)]
pub enum RetentionError {
    /// No initiative has that number.
    #[error("no such initiative")]
    NotFound,
    /// The Commission submission and the Annex VI certificates come after the submission to
    /// the competent authorities.
    #[error("the initiative is {0}; it must first be submitted to the competent authorities")]
    NotSubmitted(Stage),
    /// The submission to the Commission is recorded already.
    #[error("the submission to the Commission is recorded already")]
    AlreadySubmitted,
    /// A date in the future, or before the event it follows.
    #[error("the date must not be in the future or before {0}")]
    BadDate(Date),
    /// A date or a number of a form could not be read.
    #[error("a date (YYYY-MM-DD) or a number could not be read")]
    Unreadable,
    /// A hold or its lifting needs a reason (at most 500 characters).
    #[error("a reason of at most 500 characters is required")]
    ReasonRequired,
    /// A hold stands already.
    #[error("a legal hold stands already")]
    AlreadyHeld,
    /// No hold stands.
    #[error("no legal hold stands")]
    NotHeld,
    /// The certificate names no authority, or certifies more statements than were
    /// collected for that state.
    #[error("the certificate needs an authority and at most {collected} valid statements")]
    BadCertificate {
        /// Statements of that state stored here.
        collected: u64,
    },
    /// The store failed; nothing was changed.
    #[error("storage: {0}")]
    Storage(StorageError),
}

impl RetentionError {
    /// The stable code.
    pub fn code(&self) -> ocs_domain::ErrorCode {
        use ocs_domain::ErrorCode;
        match self {
            Self::NotSubmitted(_) => ErrorCode::RetentionNotSubmitted,
            Self::AlreadySubmitted => ErrorCode::RetentionAlreadySubmitted,
            Self::BadDate(_) => ErrorCode::RetentionBadDate,
            Self::ReasonRequired => ErrorCode::RetentionReasonRequired,
            Self::AlreadyHeld => ErrorCode::RetentionAlreadyHeld,
            Self::NotHeld => ErrorCode::RetentionNotHeld,
            Self::Unreadable => ErrorCode::RetentionUnreadable,
            Self::BadCertificate { .. } => ErrorCode::RetentionBadCertificate,
            Self::NotFound => ErrorCode::RetentionNotFound,
            Self::Storage(_) => ErrorCode::RetentionStorage,
        }
    }
}

impl From<StorageError> for RetentionError {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

/// What the console and `ocs initiative status` show about an initiative's retention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionView {
    /// The recorded events and certificates.
    pub record: RetentionRecord,
    /// The deadline under the hold state.
    pub due: DestructionDue,
}

/// A reason as one trimmed line of at most [`MAX_TEXT`] characters.
fn reason_of(text: &str) -> Result<String, RetentionError> {
    let reason = crate::text::one_line(text);
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_TEXT {
        return Err(RetentionError::ReasonRequired);
    }
    Ok(reason.to_owned())
}

impl Destruction {
    fn known(&self, initiative: InitiativeId) -> Result<(), RetentionError> {
        if self.initiatives().iter().any(|(id, _)| *id == initiative) {
            Ok(())
        } else {
            Err(RetentionError::NotFound)
        }
    }

    async fn stage(&self, initiative: InitiativeId) -> Result<Stage, RetentionError> {
        Ok(self
            .parts
            .store
            .lifecycle
            .lifecycle(initiative)
            .await?
            .map_or(Stage::Draft, |record| record.stage))
    }

    async fn store_change(
        &self,
        actor: &Actor,
        initiative: InitiativeId,
        change: RetentionChange,
        action: AuditAction,
        detail: String,
    ) -> Result<(), StorageError> {
        let event = AuditEvent::new(actor.clone(), action, Some(initiative), detail);
        self.parts
            .store
            .retention
            .change_retention(
                initiative,
                change,
                stored_entry(event, self.parts.clock.now()),
            )
            .await?;
        Ok(())
    }

    /// The hold state of a record, for [`ocs_domain::retention::destruction_due`].
    pub(super) fn hold_state(record: &RetentionRecord) -> HoldState {
        match (&record.hold, record.proceedings_concluded_on) {
            (Some(_), _) => HoldState::Held,
            (None, Some(concluded)) => HoldState::Concluded(concluded),
            (None, None) => HoldState::None,
        }
    }

    /// The valid statements the authorities certified, per member state (public: the
    /// counters API shows them as `verified`).
    pub async fn verified(
        &self,
        initiative: InitiativeId,
    ) -> Result<std::collections::BTreeMap<CountryCode, u64>, RetentionError> {
        Ok(self
            .parts
            .store
            .retention
            .retention(initiative)
            .await?
            .verifications
            .into_iter()
            .map(|v| (v.country, v.valid_statements))
            .collect())
    }

    /// The recorded events and the deadline they give.
    pub async fn retention(&self, right: CanView) -> Result<RetentionView, RetentionError> {
        let initiative = right.initiative();
        self.known(initiative)?;
        let record = self.parts.store.retention.retention(initiative).await?;
        let due = self.due(initiative).await;
        Ok(RetentionView { record, due })
    }

    /// Records that the organisers submitted the initiative to the Commission on `on`
    /// (Art. 13): it must have been submitted to the authorities, `on` may not be in the
    /// future nor before the first day of collection. Starts the one-month deadline.
    #[tracing::instrument(skip_all, fields(initiative = %right.initiative()))]
    pub async fn record_commission_submission(
        &self,
        actor: &Actor,
        right: CanManage,
        on: Date,
    ) -> Result<(), RetentionError> {
        let initiative = right.initiative();
        self.known(initiative)?;
        let lifecycle = self.parts.store.lifecycle.lifecycle(initiative).await?;
        let stage = lifecycle
            .as_ref()
            .map_or(Stage::Draft, |record| record.stage);
        if stage != Stage::Submitted {
            return Err(RetentionError::NotSubmitted(stage));
        }
        // Collection may have been closed before its last day, so the first day is the bound.
        let earliest = lifecycle.and_then(|record| record.start_date).unwrap_or(on);
        if on > self.today() || on < earliest {
            return Err(RetentionError::BadDate(earliest));
        }
        let change = RetentionChange::CommissionSubmission { on };
        let detail = format!("submitted to the Commission on {on}");
        match self
            .store_change(
                actor,
                initiative,
                change,
                AuditAction::RETENTION_COMMISSION_SUBMITTED,
                detail,
            )
            .await
        {
            Err(StorageError::Conflict) => Err(RetentionError::AlreadySubmitted),
            other => Ok(other?),
        }
    }

    /// Sets a legal hold on `initiative` for the proceedings named in `reason`: until it is
    /// lifted the destruction job destroys nothing of it.
    #[tracing::instrument(skip_all, fields(initiative = %initiative))]
    pub async fn set_legal_hold(
        &self,
        actor: &Actor,
        _admin: CanAdminister,
        initiative: InitiativeId,
        reason: &str,
    ) -> Result<(), RetentionError> {
        self.known(initiative)?;
        let reason = reason_of(reason)?;
        let change = RetentionChange::SetHold {
            reason: reason.clone(),
            since: self.parts.clock.now(),
        };
        match self
            .store_change(
                actor,
                initiative,
                change,
                AuditAction::RETENTION_HOLD_SET,
                reason,
            )
            .await
        {
            Err(StorageError::Conflict) => Err(RetentionError::AlreadyHeld),
            other => Ok(other?),
        }
    }

    /// Lifts the standing hold: the proceedings were concluded on `concluded_on` (not in
    /// the future, not before the hold was set). The data are then due at the latest
    /// [`RetentionRules::after_proceedings_days`](ocs_domain::retention::RetentionRules)
    /// after that day, never before the ordinary deadline.
    #[tracing::instrument(skip_all, fields(initiative = %initiative))]
    pub async fn lift_legal_hold(
        &self,
        actor: &Actor,
        _admin: CanAdminister,
        initiative: InitiativeId,
        concluded_on: Date,
        reason: &str,
    ) -> Result<(), RetentionError> {
        self.known(initiative)?;
        let reason = reason_of(reason)?;
        let record = self.parts.store.retention.retention(initiative).await?;
        let hold = record.hold.ok_or(RetentionError::NotHeld)?;
        let since = self.day_of(hold.since);
        if concluded_on > self.today() || concluded_on < since {
            return Err(RetentionError::BadDate(since));
        }
        let change = RetentionChange::LiftHold { concluded_on };
        let detail = format!("proceedings concluded on {concluded_on}; {reason}");
        match self
            .store_change(
                actor,
                initiative,
                change,
                AuditAction::RETENTION_HOLD_LIFTED,
                detail,
            )
            .await
        {
            Err(StorageError::Conflict) => Err(RetentionError::NotHeld),
            other => Ok(other?),
        }
    }

    /// Records a competent authority's Annex VI certificate for `country`: after the
    /// submission to the authorities, dated not in the future, certifying at most the
    /// statements of that state collected here. A corrected certificate replaces the earlier
    /// one (both stay in the audit trail).
    #[tracing::instrument(skip_all, fields(initiative = %right.initiative(), country = %country))]
    pub async fn record_verification(
        &self,
        actor: &Actor,
        right: CanManage,
        country: CountryCode,
        valid_statements: u64,
        authority: &str,
        issued_on: Date,
    ) -> Result<(), RetentionError> {
        let initiative = right.initiative();
        self.known(initiative)?;
        let stage = self.stage(initiative).await?;
        if stage != Stage::Submitted {
            return Err(RetentionError::NotSubmitted(stage));
        }
        let collected = self
            .parts
            .store
            .statements
            .counts(initiative)
            .await?
            .count(country);
        let authority = crate::text::one_line(authority).trim().to_owned();
        if authority.is_empty()
            || authority.chars().count() > MAX_TEXT
            || valid_statements > collected
        {
            return Err(RetentionError::BadCertificate { collected });
        }
        if issued_on > self.today() {
            return Err(RetentionError::BadDate(self.today()));
        }
        let detail = format!("{country}: {valid_statements} valid; {authority}; {issued_on}");
        let change = RetentionChange::Verification(Verification {
            country,
            valid_statements,
            authority,
            issued_on,
            recorded_at: self.parts.clock.now(),
        });
        self.store_change(
            actor,
            initiative,
            change,
            AuditAction::RETENTION_VERIFIED,
            detail,
        )
        .await?;
        Ok(())
    }
}
