#![doc = include_str!("../README.md")]

pub mod audit;
pub mod catalog;
pub mod clock;
pub mod eid;
pub mod envelope;
pub mod export;
pub mod limiter;
pub mod metrics;
pub mod signing;

pub use audit::{Actor, AuditError, AuditEvent, AuditSink, MemoryAudit};
pub use catalog::{Catalog, CatalogEntry};
pub use clock::{Clock, SystemClock};
pub use eid::EidEvidence;
pub use metrics::Metrics;
pub use signing::{
    HumanProof, QueryError, Receipt, ReceiptView, SignError, SigningParts, SigningSecrets,
    SigningService, SigningSettings,
};
