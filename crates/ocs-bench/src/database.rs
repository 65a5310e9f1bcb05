//! Which database the servers use (`--database`), and the [`Checker`] that reads a stopped
//! server's database directly, for the crash trials.
//!
//! The harness talks to the servers over HTTP only, so the load phases work with any backend
//! the `ocs` binary accepts. Reading rows behind the server's back needs the backend's own
//! crate: [`checker_for`] is the one place that picks a [`Checker`]. Today only `SQLite` has
//! one. A PostgreSQL checker is built from the `--database` URL and the trial number, and
//! must: create a database of its own for the trial (e.g. `ocs_crash_<trial>` next to the
//! given one) and return its URL from [`Checker::database_url`]; page all rows of initiative 1
//! with `PostgresStore::statements` in [`Checker::stored`] (like [`SqliteChecker`]); return
//! the problems of `PostgresStore::integrity_check` in [`Checker::integrity`]; and drop the
//! trial's database in [`Checker::finish`]. See `docs/BENCHMARKS.md`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::Context as _;
use async_trait::async_trait;
use ocs_domain::InitiativeId;
use ocs_storage::StatementStore;
use ocs_storage_postgres::{PostgresOptions, PostgresStore};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

/// The database of a run: `--database sqlite` (a file in the harness's temporary data
/// folder) or `--database postgres://USER@HOST:PORT/DB`, shared by every node.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Database {
    /// A fresh `SQLite` file in the data folder. Serves one node.
    #[default]
    Sqlite,
    /// A PostgreSQL database given by URL; several nodes may share it.
    Postgres(String),
}

impl Database {
    /// The `database.url` of a node whose data folder is `dir`.
    pub fn url(&self, dir: &Path) -> String {
        match self {
            Self::Sqlite => format!("sqlite://{}", sqlite_path(dir).to_string_lossy()),
            Self::Postgres(url) => url.clone(),
        }
    }

    /// How many `ocs serve` nodes this backend can serve at once.
    pub fn max_nodes(&self) -> usize {
        match self {
            // Claims, leases and counts of a SQLite store live in one process's memory, and
            // the store locks its file against a second process.
            Self::Sqlite => 1,
            Self::Postgres(_) => 16,
        }
    }

    /// A short name for reports; never the URL (it may hold a password).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

/// The `SQLite` file in a data folder.
pub fn sqlite_path(dir: &Path) -> PathBuf {
    dir.join("ocs.db")
}

impl fmt::Debug for Database {
    // A PostgreSQL URL may carry a password: show the scheme only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite => f.write_str("sqlite"),
            Self::Postgres(_) => f.write_str("postgres://…"),
        }
    }
}

impl FromStr for Database {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text == "sqlite" {
            return Ok(Self::Sqlite);
        }
        if let Some(rest) = text
            .strip_prefix("postgres://")
            .or_else(|| text.strip_prefix("postgresql://"))
        {
            let host = rest.rsplit('@').next().unwrap_or_default();
            let host = host.split(['/', ':', '?']).next().unwrap_or_default();
            if host.is_empty() {
                return Err("a PostgreSQL URL needs a host: postgres://USER@HOST:PORT/DB".into());
            }
            return Ok(Self::Postgres(text.to_owned()));
        }
        Err("use `sqlite` or `postgres://USER@HOST:PORT/DB`".into())
    }
}

/// One stored statement, as the checks need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRow {
    /// The statement id in its text form (as in the 201 answer's `statement_id`).
    pub id: String,
    /// The de-duplication tag's bytes.
    pub tag: Vec<u8>,
}

/// The fresh database of one crash trial, read directly once every server using it has
/// stopped. `dir` is the trial's data folder.
#[async_trait]
pub trait Checker: Send + Sync {
    /// The `database.url` the trial's server uses.
    fn database_url(&self, dir: &Path) -> String;

    /// Every stored statement of the benchmark initiative (id 1), in log order.
    async fn stored(&self, dir: &Path) -> anyhow::Result<Vec<StoredRow>>;

    /// The problems the backend's integrity check reports; empty when the database is sound.
    async fn integrity(&self, dir: &Path) -> anyhow::Result<Vec<String>>;

    /// Removes what the trial created outside its data folder.
    async fn finish(&self) -> anyhow::Result<()> {
        Ok(())
    }
}

/// The checker of `database` for crash trial number `trial`: the one place a backend's
/// checker is chosen.
pub async fn checker_for(database: &Database, trial: u32) -> anyhow::Result<Box<dyn Checker>> {
    // SQLite trials get a fresh file in their own data folder; PostgreSQL trials a fresh
    // database named after the process and `trial`.
    match database {
        Database::Sqlite => Ok(Box::new(SqliteChecker)),
        Database::Postgres(admin_url) => {
            Ok(Box::new(PostgresChecker::create(admin_url, trial).await?))
        }
    }
}

/// Rows read per page.
const PAGE: u32 = 2000;

/// Every statement of the benchmark initiative (id 1), paged in log order.
async fn read_all(store: &dyn StatementStore) -> anyhow::Result<Vec<StoredRow>> {
    let initiative = InitiativeId::new(1);
    let mut rows = Vec::new();
    let mut after = 0;
    loop {
        let page = store
            .statements(initiative, after, PAGE)
            .await
            .context("reading stored statements")?;
        let Some(last) = page.last() else { break };
        after = last.sequence;
        rows.extend(page.iter().map(|row| StoredRow {
            id: row.id.to_string(),
            tag: row.tag.as_bytes().to_vec(),
        }));
    }
    Ok(rows)
}

/// A fresh `SQLite` file in the trial's data folder, read with the store's own code.
pub struct SqliteChecker;

#[async_trait]
impl Checker for SqliteChecker {
    fn database_url(&self, dir: &Path) -> String {
        Database::Sqlite.url(dir)
    }

    async fn stored(&self, dir: &Path) -> anyhow::Result<Vec<StoredRow>> {
        let path = sqlite_path(dir);
        let store =
            tokio::task::spawn_blocking(move || SqliteStore::open(&path, SqliteOptions::default()))
                .await
                .context("opening task")?
                .with_context(|| format!("opening {}", sqlite_path(dir).display()))?;
        let rows = read_all(&store).await?;
        store.close().await.context("closing the store")?;
        Ok(rows)
    }

    async fn integrity(&self, dir: &Path) -> anyhow::Result<Vec<String>> {
        let path = sqlite_path(dir);
        let shown = path.display().to_string();
        tokio::task::spawn_blocking(move || ocs_storage_sqlite::integrity_check(&path))
            .await
            .context("integrity task")?
            .with_context(|| format!("integrity check of {shown}"))
    }
}

/// A fresh PostgreSQL database per trial, created through the `--database` URL and dropped
/// in [`Checker::finish`].
pub struct PostgresChecker {
    admin_url: String,
    name: String,
    url: String,
}

impl PostgresChecker {
    async fn create(admin_url: &str, trial: u32) -> anyhow::Result<Self> {
        let name = format!("ocs_crash_{}_{trial}", std::process::id());
        let (base, _) = admin_url
            .split('?')
            .next()
            .and_then(|url| url.rsplit_once('/'))
            .context("the PostgreSQL URL names no database")?;
        let url = format!("{base}/{name}");
        run_sql(
            admin_url,
            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}"),
        )
        .await
        .context("creating the trial's database")?;
        Ok(Self {
            admin_url: admin_url.to_owned(),
            name,
            url,
        })
    }

    async fn store(&self) -> anyhow::Result<PostgresStore> {
        PostgresStore::connect(&self.url, PostgresOptions::default())
            .await
            .context("opening the trial's database")
    }
}

async fn run_sql(url: &str, sql: &str) -> anyhow::Result<()> {
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .context("connecting to PostgreSQL")?;
    for statement in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        sqlx::raw_sql(statement)
            .execute(&pool)
            .await
            .with_context(|| format!("running {statement}"))?;
    }
    pool.close().await;
    Ok(())
}

#[async_trait]
impl Checker for PostgresChecker {
    fn database_url(&self, _dir: &Path) -> String {
        self.url.clone()
    }

    async fn stored(&self, _dir: &Path) -> anyhow::Result<Vec<StoredRow>> {
        let store = self.store().await?;
        let rows = read_all(&store).await?;
        store.close().await.context("closing the store")?;
        Ok(rows)
    }

    async fn integrity(&self, _dir: &Path) -> anyhow::Result<Vec<String>> {
        let store = self.store().await?;
        let report = store.integrity_check().await.context("integrity check")?;
        store.close().await.context("closing the store")?;
        let mut problems = Vec::new();
        if report.duplicate_tags > 0 {
            problems.push(format!("{} duplicated tags", report.duplicate_tags));
        }
        if report.duplicate_statement_ids > 0 {
            problems.push(format!(
                "{} duplicated statement ids",
                report.duplicate_statement_ids
            ));
        }
        for entry in report.initiatives.iter().filter(|e| !e.counts_match) {
            problems.push(format!(
                "initiative {}: counters {} vs {} rows",
                entry.initiative, entry.counted, entry.stored
            ));
        }
        Ok(problems)
    }

    async fn finish(&self) -> anyhow::Result<()> {
        run_sql(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        )
        .await
        .context("dropping the trial's database")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn databases_are_parsed() {
        assert_eq!("sqlite".parse::<Database>(), Ok(Database::Sqlite));
        assert_eq!(
            "postgres://ocs@127.0.0.1:5432/ocs".parse::<Database>(),
            Ok(Database::Postgres(
                "postgres://ocs@127.0.0.1:5432/ocs".into()
            ))
        );
        assert!("postgres:///ocs".parse::<Database>().is_err());
        assert!("mysql://x/y".parse::<Database>().is_err());
    }

    #[test]
    fn urls_and_debug_hide_nothing_they_should_not_show() {
        let dir = Path::new("/tmp/run");
        assert_eq!(Database::Sqlite.url(dir), "sqlite:///tmp/run/ocs.db");
        let pg = Database::Postgres("postgres://u:secret@h/db".into());
        assert_eq!(pg.url(dir), "postgres://u:secret@h/db");
        assert!(!format!("{pg:?}").contains("secret"));
        assert_eq!(Database::Sqlite.max_nodes(), 1);
    }

    #[tokio::test]
    async fn the_sqlite_checker_reads_an_empty_database() {
        let dir = tempfile::tempdir().unwrap();
        ocs_storage_sqlite::migrate(&sqlite_path(dir.path())).unwrap();
        let checker = checker_for(&Database::Sqlite, 1).await.unwrap();
        assert_eq!(
            checker.database_url(dir.path()),
            Database::Sqlite.url(dir.path())
        );
        assert!(checker.stored(dir.path()).await.unwrap().is_empty());
        assert!(checker.integrity(dir.path()).await.unwrap().is_empty());
        checker.finish().await.unwrap();
    }
}
