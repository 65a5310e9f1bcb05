//! The storage backend named by the configured database URL: opening it, migrating it and
//! closing it after the last commit.

use std::sync::Arc;

use anyhow::Context as _;
use ocs_storage::Store;
use ocs_storage_postgres::{PostgresOptions, PostgresStore};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

use crate::config::{Config, DatabaseUrl};
use crate::runtime::Workload;

/// An open store of one of the compiled-in backends.
pub enum Backend {
    /// One SQLite file: a single app node.
    Sqlite(Arc<SqliteStore>),
    /// A PostgreSQL database, possibly shared with other app nodes.
    Postgres(Arc<PostgresStore>),
}

impl Backend {
    /// Opens the configured database (creating a SQLite file and its folder if needed) and
    /// applies pending migrations.
    pub async fn open(config: &Config) -> anyhow::Result<Self> {
        match &config.database {
            DatabaseUrl::Sqlite(path) => {
                ensure_parent(path)?;
                let options = SqliteOptions {
                    queue_capacity: config.queue_capacity,
                    max_batch: config.max_batch,
                };
                let path = path.clone();
                // Opening rebuilds the counts from the rows: blocking work.
                let store = tokio::task::spawn_blocking(move || {
                    SqliteStore::open(&path, options)
                        .with_context(|| format!("opening the database {}", path.display()))
                })
                .await
                .context("opening the database")??;
                Ok(Self::Sqlite(Arc::new(store)))
            }
            DatabaseUrl::Postgres(url) => {
                let options = PostgresOptions {
                    queue_capacity: config.queue_capacity,
                    max_batch: config.max_batch,
                    pool_size: config.pool_size,
                };
                let store = PostgresStore::connect(url, options)
                    .await
                    .with_context(|| format!("opening the database {:?}", config.database))?;
                Ok(Self::Postgres(Arc::new(store)))
            }
        }
    }

    /// The store as the mail service sees it (mail tables and job leases).
    pub fn mail_store(&self) -> Arc<dyn ocs_service::mail::MailBackend> {
        match self {
            Self::Sqlite(store) => store.clone(),
            Self::Postgres(store) => store.clone(),
        }
    }

    /// Opens the database at `url` with default sizes (for command-line tools).
    pub async fn open_url(url: &DatabaseUrl) -> anyhow::Result<Self> {
        match url {
            DatabaseUrl::Sqlite(path) => {
                let path = path.clone();
                let store = tokio::task::spawn_blocking(move || {
                    SqliteStore::open(&path, SqliteOptions::default())
                        .with_context(|| format!("opening the database {}", path.display()))
                })
                .await
                .context("opening the database")??;
                Ok(Self::Sqlite(Arc::new(store)))
            }
            DatabaseUrl::Postgres(text) => {
                let store = PostgresStore::connect(text, PostgresOptions::default())
                    .await
                    .with_context(|| format!("opening the database {url:?}"))?;
                Ok(Self::Postgres(Arc::new(store)))
            }
        }
    }

    /// The whole-database snapshot source of scheduled backups: SQLite only (a PostgreSQL
    /// deployment uses base backups and WAL archiving).
    pub fn snapshot_source(&self) -> Option<Arc<dyn ocs_storage::DatabaseSnapshot>> {
        match self {
            Self::Sqlite(store) => Some(store.clone()),
            Self::Postgres(_) => None,
        }
    }

    /// The store as the service sees it.
    pub fn store(&self) -> Arc<dyn Store> {
        match self {
            Self::Sqlite(store) => store.clone(),
            Self::Postgres(store) => store.clone(),
        }
    }

    /// Waits until everything queued is committed, then closes the database. Another
    /// holder of the store (which should not exist at shutdown) only gets a warning.
    pub async fn close(self) -> anyhow::Result<()> {
        match self {
            Self::Sqlite(store) => close_last(store, SqliteStore::close).await,
            Self::Postgres(store) => close_last(store, PostgresStore::close).await,
        }
    }
}

/// Closes `store` with `close` if this is its last handle; otherwise only warns (a store's
/// writer still drains its queue when its last handle drops).
async fn close_last<S, F>(store: Arc<S>, close: impl FnOnce(S) -> F) -> anyhow::Result<()>
where
    F: std::future::Future<Output = Result<(), ocs_storage::StorageError>>,
{
    let Ok(store) = Arc::try_unwrap(store) else {
        tracing::warn!("store still shared at shutdown; dropping it");
        return Ok(());
    };
    close(store)
        .await
        .context("closing the database after the last commit")
}

/// Applies pending migrations of the configured database; returns their names.
pub fn migrate(config: &Config) -> anyhow::Result<Vec<String>> {
    match &config.database {
        DatabaseUrl::Sqlite(path) => {
            ensure_parent(path)?;
            ocs_storage_sqlite::migrate(path).context("migrating the SQLite database")
        }
        DatabaseUrl::Postgres(url) => crate::runtime::block_on(Workload::Command, async {
            ocs_storage_postgres::migrate(url)
                .await
                .context("migrating the PostgreSQL database")
        }),
    }
}

fn ensure_parent(path: &std::path::Path) -> anyhow::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating the database folder {}", parent.display()))?;
    }
    Ok(())
}
