#![doc = include_str!("../README.md")]

pub mod accounts;
pub mod audit;
pub mod audit_action;
pub mod coordination;
pub mod cosignatures;
mod delegate;
pub mod destruction;
pub mod eid;
pub mod error;
pub mod initiative_keys;
pub mod initiatives;
pub mod keys;
pub mod lifecycle;
pub mod local;
pub mod mail;
pub mod retention;
pub mod session_hashes;
pub mod snapshot;
pub mod statement;
pub mod tally_log;

#[cfg(feature = "testing")]
pub mod columns;
#[cfg(feature = "testing")]
pub mod contract;
#[cfg(feature = "testing")]
pub mod contract_mail;

pub use accounts::{
    Account, AccountChange, AccountStore, NewAccount, SessionRecord, SessionStore,
    throttle_cutoff_ms,
};
/// For [`delegate_mail_store!`]: the backends' `async_trait` attribute, named through this crate.
#[doc(hidden)]
pub use async_trait::async_trait as __async_trait;
pub use audit::{AuditEntry, AuditHash, AuditLog, ChainBreak, ChainVerifier, NewAuditEntry};
pub use audit_action::{AuditAction, UnknownAuditAction};
pub use coordination::{Coordination, Store};
pub use cosignatures::{Cosignature, CosignatureStore};
pub use destruction::{DestructionLog, PendingDestruction};
pub use eid::EidSubjects;
pub use error::StorageError;
pub use initiative_keys::{InitiativeKeyLog, InitiativeKeyRecord};
pub use initiatives::{InitiativeStore, StoredInitiative};
pub use keys::{ClaimKey, ThrottleKey, ThrottleKeyError, ThrottleScope};
pub use lifecycle::{CertificateInfo, LifecycleChange, LifecycleRecord, LifecycleStore};
pub use local::LocalCoordination;
pub use mail::{
    Added, AddressHash, Day, MailStore, NewMessage, NewSubscriber, QueuedMessage, Subscriber,
};
pub use retention::{LegalHold, RetentionChange, RetentionRecord, RetentionStore, Verification};
pub use session_hashes::{CsrfHash, SessionHash};
pub use snapshot::DatabaseSnapshot;
pub use statement::{
    Destroyed, ReceiptRecord, Recorded, SealedStatement, StatementStore, StoreStats,
    StoredStatement, Withdrawn,
};
pub use tally_log::{LogAppend, LogHead, LogPending, LogPosition, LogRecord, LogStore, PendingAdd};
