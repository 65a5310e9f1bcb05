#![doc = include_str!("../README.md")]

mod connection;
mod counters;
mod error;
mod migrate;
mod read;
mod store;
mod writer;

pub use connection::Pragmas;
pub use error::SqliteError;
pub use migrate::migrate;
pub use store::{SqliteOptions, SqliteStore};
