//! [`LifecycleStore`]: where each initiative stands, its collection dates and its certificate,
//! each change stored together with its audit row in one transaction.

use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;
use ocs_domain::InitiativeId;
use ocs_domain::lifecycle::Stage;

use crate::StorageError;
use crate::audit::{AuditEntry, NewAuditEntry};

/// The competent authority's certificate, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The authority that issued it.
    pub authority: String,
    /// The date on the certificate.
    pub issued_on: Date,
    /// Size of the PDF in bytes.
    pub size: u64,
}

/// One initiative's stored lifecycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleRecord {
    /// Which initiative.
    pub initiative: InitiativeId,
    /// Where it stands.
    pub stage: Stage,
    /// The reason given for the last change that needed one (empty otherwise).
    pub reason: String,
    /// Notice of the start recorded with the authorities.
    pub notice_date: Option<Date>,
    /// First day of collection.
    pub start_date: Option<Date>,
    /// Last day of collection.
    pub end_date: Option<Date>,
    /// The uploaded certificate.
    pub certificate: Option<CertificateInfo>,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A change to an initiative's lifecycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifecycleChange {
    /// Moves from `from` (`None`: the initiative has no row yet) to `to`. Refused with
    /// [`StorageError::Conflict`] when the stored stage is not `from`, so two consoles racing
    /// cannot both apply a transition.
    Stage {
        /// The stage the caller checked the transition against.
        from: Option<Stage>,
        /// The new stage.
        to: Stage,
        /// The reason given, or empty.
        reason: String,
        /// Also erase every statement of the initiative taken in test mode (going live and
        /// opening), in the same transaction, and take them off the counts.
        erase_test_statements: bool,
    },
    /// Sets the collection dates (already checked against the date rules).
    Dates {
        /// Notice recorded.
        notice: Option<Date>,
        /// First day.
        start: Date,
        /// Last day.
        end: Date,
    },
    /// Stores the certificate.
    Certificate {
        /// The PDF.
        pdf: Vec<u8>,
        /// Issuing authority.
        authority: String,
        /// Date on the certificate.
        issued_on: Date,
    },
}

/// Initiatives' lifecycle state.
#[async_trait]
pub trait LifecycleStore: Send + Sync {
    /// The stored lifecycle of `initiative`, if it has one.
    async fn lifecycle(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<LifecycleRecord>, StorageError>;

    /// Every stored lifecycle (for the scheduler and the console).
    async fn lifecycles(&self) -> Result<Vec<LifecycleRecord>, StorageError>;

    /// Applies `change` and appends `audit` to the trail in one transaction. `Dates` and
    /// `Certificate` need an existing row ([`StorageError::NotFound`] otherwise).
    async fn change_lifecycle(
        &self,
        initiative: InitiativeId,
        change: LifecycleChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError>;

    /// The certificate's PDF bytes.
    async fn certificate_pdf(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<Vec<u8>>, StorageError>;
}
