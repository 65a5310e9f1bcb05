//! The one integration-test binary of `ocs-storage-sqlite`: the shared contract suite, then
//! what only this backend promises (durability across a crash, back-pressure, settings,
//! column classification).
#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: helpers outside #[test] functions fail loudly, like the tests"
)]

mod busy;
mod columns;
mod contract;
mod destruction;
mod durability;
mod pragmas;

use std::path::Path;

use jiff::Timestamp;
use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};
use ocs_storage::SealedStatement;
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

/// A statement of initiative 1 whose identifier and tag derive from `serial`.
pub(crate) fn sealed(serial: u32) -> SealedStatement {
    let mut id = [0xA5; 16];
    id[..4].copy_from_slice(&serial.to_be_bytes());
    let mut tag = [0x3C; 32];
    tag[..4].copy_from_slice(&serial.to_be_bytes());
    let nationalities = CountryCode::ALL;
    SealedStatement {
        id: StatementId::from_bytes(id),
        initiative: InitiativeId::new(1),
        nationality: nationalities[serial as usize % nationalities.len()],
        submitted_at: Timestamp::from_millisecond(1_750_000_000_000 + i64::from(serial)).unwrap(),
        tag: DedupTag::from_bytes(tag),
        envelope: serial.to_le_bytes().repeat(90),
        test: false,
        receipt_verifier: None,
        paper: false,
        log_entry: None,
    }
}

/// Opens (or creates) the store at `path` with default options.
pub(crate) fn open(path: &Path) -> SqliteStore {
    SqliteStore::open(path, SqliteOptions::default()).unwrap()
}
