//! [`RetentionStore`]: the events that move an initiative's destruction deadline (its
//! submission to the Commission, legal holds for proceedings) and the competent authorities'
//! Annex VI certificates the Commission submission is built from. Each change is stored with
//! its audit row in one transaction.

use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;
use ocs_domain::{CountryCode, InitiativeId};

use crate::StorageError;
use crate::audit::{AuditEntry, NewAuditEntry};

/// A legal hold that stands (Reg. 2019/788 Art. 19(5)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalHold {
    /// Why: the proceedings, as typed by the host administrator.
    pub reason: String,
    /// When it was set.
    pub since: Timestamp,
}

/// A competent authority's Annex VI certificate: the number of valid statements of one
/// member state, as the authority certified it after verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The member state whose authority issued it.
    pub country: CountryCode,
    /// Valid statements certified.
    pub valid_statements: u64,
    /// The issuing authority.
    pub authority: String,
    /// The date on the certificate.
    pub issued_on: Date,
    /// When it was recorded here.
    pub recorded_at: Timestamp,
}

/// One initiative's retention events and certificates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RetentionRecord {
    /// The day the initiative was submitted to the Commission (Art. 13).
    pub commission_submitted_on: Option<Date>,
    /// The hold that stands, if any.
    pub hold: Option<LegalHold>,
    /// The day the proceedings of the last lifted hold were concluded.
    pub proceedings_concluded_on: Option<Date>,
    /// The Annex VI certificates, one per member state, by country code.
    pub verifications: Vec<Verification>,
}

/// A change to an initiative's retention events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetentionChange {
    /// Records the submission to the Commission; [`StorageError::Conflict`] when one is
    /// recorded already.
    CommissionSubmission {
        /// The day of the submission.
        on: Date,
    },
    /// Sets a hold; [`StorageError::Conflict`] when one stands already.
    SetHold {
        /// Why.
        reason: String,
        /// When.
        since: Timestamp,
    },
    /// Lifts the standing hold; [`StorageError::Conflict`] when none stands.
    LiftHold {
        /// The day the proceedings were concluded.
        concluded_on: Date,
    },
    /// Records (or replaces, for a corrected certificate) one state's certificate.
    Verification(Verification),
}

/// Retention events of initiatives.
#[async_trait]
pub trait RetentionStore: Send + Sync {
    /// What is recorded for `initiative` (the default record when nothing is).
    async fn retention(&self, initiative: InitiativeId) -> Result<RetentionRecord, StorageError>;

    /// Applies `change` and appends `audit` in one transaction; a refused change stores
    /// neither.
    async fn change_retention(
        &self,
        initiative: InitiativeId,
        change: RetentionChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError>;
}
