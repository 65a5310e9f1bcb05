//! The one integration-test binary of `ocs-storage-postgres`, against a real PostgreSQL
//! server: the shared contract suites, two nodes on one database, the column classification
//! and the migration folders. `./scripts/test` starts a throwaway cluster and sets
//! `OCS_TEST_POSTGRES_URL`; each test creates its own database there and drops it at the end.
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: helpers outside #[test] functions fail loudly, like the tests"
)]

mod columns;
mod contract;
mod destruction;
mod migrations;
mod nodes;
mod slots;

use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU32, Ordering};

use jiff::Timestamp;
use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};
use ocs_storage::SealedStatement;
use ocs_storage_postgres::{PostgresOptions, PostgresStore};
use sqlx::{Connection, PgConnection};

const ADMIN_URL: &str = "OCS_TEST_POSTGRES_URL";

/// Databases created by this process so far; part of each name.
static NEXT: AtomicU32 = AtomicU32::new(0);

/// A database of its own for one test, created on the admin server and dropped by
/// [`TestDb::drop_database`].
pub(crate) struct TestDb {
    admin_url: String,
    name: String,
    /// URL of the fresh database.
    pub url: String,
}

impl TestDb {
    /// Creates an empty database `ocs_test_<random>`. Fails (never skips) without a server.
    pub async fn create() -> Self {
        let admin_url = std::env::var(ADMIN_URL).unwrap_or_else(|_| {
            panic!(
                "{ADMIN_URL} is not set: these tests need a PostgreSQL server. Run \
                 ./scripts/test, which starts a throwaway cluster, or source \
                 scripts/lib/postgres.sh and call start_postgres first"
            )
        });
        let random = std::hash::RandomState::new().hash_one(std::process::id());
        // nextest runs each test in its own process: the process id and a random part keep
        // names apart across processes, the counter within one.
        let name = format!(
            "ocs_test_{}_{:08x}_{}",
            std::process::id(),
            random & 0xFFFF_FFFF,
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = PgConnection::connect(&admin_url).await.unwrap();
        sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        admin.close().await.unwrap();
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        let url = format!("{base}/{name}");
        Self {
            admin_url,
            name,
            url,
        }
    }

    /// Drops the database, closing whatever connections are still open on it.
    pub async fn drop_database(self) {
        let mut admin = PgConnection::connect(&self.admin_url).await.unwrap();
        sqlx::raw_sql(&format!("DROP DATABASE {} WITH (FORCE)", self.name))
            .execute(&mut admin)
            .await
            .unwrap();
        admin.close().await.unwrap();
    }

    /// A store (an app node) on this database with default options.
    pub async fn store(&self) -> PostgresStore {
        PostgresStore::connect(&self.url, PostgresOptions::default())
            .await
            .unwrap()
    }

    /// A plain connection, for inspecting the schema.
    pub async fn connection(&self) -> PgConnection {
        PgConnection::connect(&self.url).await.unwrap()
    }
}

/// A statement of `initiative` whose identifier and tag derive from `serial` (the tag from
/// `tag` only, so equal `tag`s collide).
pub(crate) fn sealed(initiative: u32, serial: u32, tag: u32) -> SealedStatement {
    let mut id = [0xA5; 16];
    id[..4].copy_from_slice(&serial.to_be_bytes());
    id[4..8].copy_from_slice(&initiative.to_be_bytes());
    let mut dedup = [0x3C; 32];
    dedup[..4].copy_from_slice(&tag.to_be_bytes());
    let nationalities = CountryCode::ALL;
    SealedStatement {
        id: StatementId::from_bytes(id),
        initiative: InitiativeId::new(initiative),
        nationality: nationalities[tag as usize % nationalities.len()],
        submitted_at: Timestamp::from_millisecond(1_750_000_000_000 + i64::from(tag)).unwrap(),
        tag: DedupTag::from_bytes(dedup),
        envelope: serial.to_le_bytes().repeat(90),
        test: false,
        receipt_verifier: None,
        paper: false,
        log_entry: None,
    }
}
