#![doc = include_str!("../README.md")]

pub mod coordination;
pub mod error;
pub mod local;
pub mod statement;

#[cfg(feature = "testing")]
pub mod columns;
#[cfg(feature = "testing")]
pub mod contract;

pub use coordination::{Coordination, Store};
pub use error::StorageError;
pub use local::LocalCoordination;
pub use statement::{
    Destroyed, ReceiptRecord, Recorded, SealedStatement, StatementStore, StoreStats,
    StoredStatement, Withdrawn,
};
