#![doc = include_str!("../README.md")]

pub mod coordination;
pub mod error;
pub mod local;
pub mod mail;
pub mod statement;

#[cfg(feature = "testing")]
pub mod columns;
#[cfg(feature = "testing")]
pub mod contract;
#[cfg(feature = "testing")]
pub mod contract_mail;

pub use coordination::{Coordination, Store};
pub use error::StorageError;
pub use local::LocalCoordination;
pub use mail::{
    Added, AddressHash, Day, MailStore, NewMessage, NewSubscriber, QueuedMessage, Subscriber,
};
pub use statement::{
    Destroyed, ReceiptRecord, Recorded, SealedStatement, StatementStore, StoreStats,
    StoredStatement, Withdrawn,
};
