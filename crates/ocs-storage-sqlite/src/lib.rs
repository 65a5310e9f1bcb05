#![doc = include_str!("../README.md")]
#![expect(
    clippy::doc_markdown,
    reason = "\"SQLite\" is a product name, not code; clippy.toml's doc-valid-idents should list it"
)]

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
