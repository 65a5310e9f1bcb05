//! `[database]`: where the statements are stored, and the writer's and pool's sizes.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

use super::relative;

/// `[database]` as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDatabase {
    pub(super) url: Option<String>,
    /// A file holding the URL (for URLs with a password).
    pub(super) url_file: Option<PathBuf>,
    #[serde(default = "default_queue")]
    pub(super) queue_capacity: usize,
    #[serde(default = "default_batch")]
    pub(super) max_batch: usize,
    /// PostgreSQL connections per node.
    #[serde(default = "default_pool")]
    pub(super) pool_size: u32,
}

fn default_pool() -> u32 {
    8
}

fn default_queue() -> usize {
    4096
}
fn default_batch() -> usize {
    512
}

/// A database location. Its `Debug` hides any password.
#[derive(Clone)]
pub enum DatabaseUrl {
    /// `sqlite://PATH`.
    Sqlite(PathBuf),
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?OPTIONS]`, kept whole for the driver.
    Postgres(String),
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

/// `url` with the password of its user part, if any, replaced by `***`.
pub(super) fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "postgres://***".to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    // Options after `?` may carry a password too: never shown.
    let path = path.split_once('?').map_or(path, |(path, _)| path);
    if let Some((user_info, host)) = authority.rsplit_once('@') {
        let user = user_info
            .split_once(':')
            .map_or(user_info, |(user, _)| user);
        let hidden = if user_info.contains(':') { ":***" } else { "" };
        format!("{scheme}://{user}{hidden}@{host}{path}")
    } else {
        format!("{scheme}://{authority}{path}")
    }
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH` or `postgres://…`.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let text = text.trim();
        if let Some(path) = text.strip_prefix("sqlite://") {
            if path.is_empty() {
                bail!("the database URL sqlite:// needs a file path, e.g. sqlite://./data/ocs.db");
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(Self::Postgres(text.to_owned()));
        }
        bail!("unsupported database URL scheme; use sqlite://PATH or postgres://USER@HOST:PORT/DB")
    }
}

/// The database URL from `url` or `url_file`, a SQLite path made relative to `base`.
pub(super) fn database_url(raw: &RawDatabase, base: &Path) -> anyhow::Result<DatabaseUrl> {
    let url = match (&raw.url, &raw.url_file) {
        (Some(url), None) => url.clone(),
        (None, Some(file)) => std::fs::read_to_string(relative(base, file))
            .with_context(|| format!("reading database.url_file {}", file.display()))?,
        (Some(_), Some(_)) => bail!("set database.url or database.url_file, not both"),
        (None, None) => bail!("database.url is missing, e.g. url = \"sqlite://./data/ocs.db\""),
    };
    Ok(match DatabaseUrl::parse(&url)? {
        DatabaseUrl::Sqlite(path) => DatabaseUrl::Sqlite(relative(base, &path)),
        postgres @ DatabaseUrl::Postgres(_) => postgres,
    })
}
