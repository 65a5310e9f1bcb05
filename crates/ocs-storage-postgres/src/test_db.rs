//! A fresh, migrated database for the unit tests, on the server `./scripts/test` starts.

use sqlx::{Connection, Executor, PgConnection, PgPool};

/// A database that lives for one test.
pub(crate) struct UnitDb {
    admin_url: String,
    name: String,
    pub pool: PgPool,
}

impl UnitDb {
    /// Creates `ocs_test_unit_<pid>_<label>` and applies the migrations.
    pub async fn create(label: &str) -> Self {
        let admin_url = std::env::var("OCS_TEST_POSTGRES_URL").unwrap_or_else(|_| {
            panic!(
                "OCS_TEST_POSTGRES_URL is not set: these tests need PostgreSQL; run \
                 ./scripts/test, or source scripts/lib/postgres.sh and call start_postgres"
            )
        });
        let name = format!("ocs_test_unit_{}_{label}", std::process::id());
        let mut admin = PgConnection::connect(&admin_url).await.unwrap();
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
        admin.close().await.unwrap();
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        let pool = PgPool::connect(&format!("{base}/{name}")).await.unwrap();
        crate::migrate::run_pending(&mut pool.acquire().await.unwrap())
            .await
            .unwrap();
        Self {
            admin_url,
            name,
            pool,
        }
    }

    /// Closes the pool and drops the database.
    pub async fn drop_database(self) {
        self.pool.close().await;
        let mut admin = PgConnection::connect(&self.admin_url).await.unwrap();
        admin
            .execute(format!("DROP DATABASE {} WITH (FORCE)", self.name).as_str())
            .await
            .unwrap();
        admin.close().await.unwrap();
    }
}
