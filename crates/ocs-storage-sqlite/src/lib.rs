#![doc = include_str!("../README.md")]

mod accounts;
mod claims;
mod connection;
mod console;
mod cosignatures;
mod counters;
mod destruction;
mod error;
mod initiative_keys;
mod initiatives;
mod integrity;
mod mail;
mod migrate;
mod read;
mod retention;
mod selfservice;
mod snapshot;
mod store;
mod tally_log;
mod writer;

pub use connection::Pragmas;
pub use error::SqliteError;
pub use integrity::integrity_check;
pub use migrate::{embedded_migrations, migrate, pending_migrations};
pub use store::{SqliteOptions, SqliteStore};
