#![doc = include_str!("../README.md")]

mod accounts;
mod console;
mod coordination;
mod cosignatures;
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
mod slots;
mod sql;
mod store;
mod tally_log;
mod writer;

#[cfg(test)]
mod test_db;

pub use error::PostgresError;
pub use integrity::{InitiativeIntegrity, IntegrityReport};
pub use migrate::{migrate, pending_migrations};
pub use store::{PostgresOptions, PostgresStore};
