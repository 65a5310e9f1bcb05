#![doc = include_str!("../README.md")]

pub mod admission;
pub mod audit;
pub mod backup;
pub mod catalog;
pub mod clock;
pub mod console_auth;
pub mod custody;
pub mod daily_counts;
pub mod eid;
pub mod envelope;
pub mod export;
pub mod initiative_keys;
pub mod lease;
pub mod lifecycle;
pub mod limiter;
pub mod log_audit;
pub mod mail;
pub mod metrics;
pub mod register;
pub mod retention;
pub mod selfservice;
pub mod setup;
pub mod signing;
mod storage;
pub mod tagging;
pub mod tally_log;
pub mod text;

pub use audit::{Actor, AuditError, AuditEvent, AuditSink, MemoryAudit};
pub use catalog::{Catalog, CatalogEntry};
pub use clock::{Clock, SystemClock};
pub use eid::EidEvidence;
pub use log_audit::LogAudit;
pub use metrics::Metrics;
/// The stored lifecycle of an initiative, as [`lifecycle::LifecycleService::record`] reads it.
pub use ocs_storage::LifecycleRecord;
pub use selfservice::{SelfService, SelfServiceError};
pub use signing::{
    HumanProof, PAPER_DUPLICATE_ACTION, PAPER_ENTERED_ACTION, PaperOutcome, QueryError, Receipt,
    ReceiptView, SignError, SigningParts, SigningSecrets, SigningService, SigningSettings,
    SigningStorage,
};
