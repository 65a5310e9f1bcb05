#![doc = include_str!("../README.md")]

pub mod error;
pub mod statement;

#[cfg(feature = "testing")]
pub mod contract;

pub use error::StorageError;
pub use statement::{Recorded, SealedStatement, StatementStore, StoreStats, StoredStatement};
