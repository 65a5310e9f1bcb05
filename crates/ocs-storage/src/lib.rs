#![doc = include_str!("../README.md")]

pub mod coordination;
pub mod eid;
pub mod error;
pub mod local;
pub mod statement;

#[cfg(feature = "testing")]
pub mod columns;
#[cfg(feature = "testing")]
pub mod contract;

pub use coordination::{Coordination, Store};
pub use eid::EidSubjects;
pub use error::StorageError;
pub use local::LocalCoordination;
pub use statement::{Recorded, SealedStatement, StatementStore, StoreStats, StoredStatement};
