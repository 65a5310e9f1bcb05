//! The schema check before serving: `ocs serve` and `ocs demo` refuse a database with
//! pending migrations (`UPG-001`) and name `ocs migrate`, so an upgrade changes the schema
//! only when the operator says so, after a backup (docs/DEPLOYMENT.md, "Upgrades").

use std::path::Path;

use anyhow::Context as _;

use crate::config::{Config, DatabaseUrl};
use crate::runtime::Workload;

/// The migrations this build has that the configured database has not recorded, in order.
/// Reads only; a missing SQLite file has every migration pending.
pub fn pending(config: &Config) -> anyhow::Result<Vec<&'static str>> {
    match &config.database {
        DatabaseUrl::Sqlite(path) => ocs_storage_sqlite::pending_migrations(path)
            .with_context(|| format!("reading the schema version of {}", path.display())),
        DatabaseUrl::Postgres(url) => crate::runtime::block_on(Workload::Command, async {
            ocs_storage_postgres::pending_migrations(url)
                .await
                .with_context(|| format!("reading the schema version of {:?}", config.database))
        }),
    }
}

/// Refuses to go on while migrations are pending (`UPG-001`): the message names the
/// database, the pending migrations and the `ocs migrate` command for `config_path`.
pub fn require_migrated(config: &Config, config_path: &Path) -> anyhow::Result<()> {
    let pending = pending(config)?;
    let Some(first) = pending.first() else {
        return Ok(());
    };
    // Both backends embed the same file names (a test compares the folders).
    let state = if pending.len() == ocs_storage_sqlite::embedded_migrations().len() {
        "has no schema yet (a new database)".to_owned()
    } else {
        format!("was left behind by an older version of ocs (first pending: {first})")
    };
    anyhow::bail!(
        "{} the database {:?} {state}: {} migration(s) pending ({}). `ocs serve` does \
         not change the schema by itself. Back the database up, run `ocs migrate --config {}`, \
         then start again.",
        ocs_domain::ErrorCode::UpgradePending,
        config.database,
        pending.len(),
        pending.join(", "),
        config_path.display(),
    )
}
