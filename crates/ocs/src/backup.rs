//! `ocs backup` and `ocs backup restore`: thin wrappers over `ocs_service::backup`. The
//! backup key of each initiative lives in `retention.keys_dir`, outside the database; the
//! destruction job destroys it at the retention deadline, which makes every backup of that
//! initiative unreadable (crypto-shredding).

use std::path::Path;

use anyhow::{Context as _, bail};
use ocs_domain::InitiativeId;
use ocs_service::backup::{BackupKeys, restore_backup, write_backup};

use crate::backend::Backend;
use crate::config::{self, Config};

fn initiative(config: &Config, slug: &str) -> anyhow::Result<InitiativeId> {
    config
        .initiatives
        .iter()
        .find(|entry| entry.initiative.slug.as_str() == slug)
        .map(|entry| entry.initiative.id)
        .with_context(|| format!("the configuration has no initiative with slug {slug:?}"))
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Writes an encrypted backup of one initiative to `out` (refused if it exists).
pub fn create(config_file: &Path, slug: &str, out: &Path) -> anyhow::Result<()> {
    let config = config::load(config_file)?;
    let initiative = initiative(&config, slug)?;
    if out.exists() {
        bail!("{} exists; choose a new file name", out.display());
    }
    let keys = BackupKeys::new(config.backup_keys_dir.clone());
    let count = runtime()?.block_on(async {
        let backend = Backend::open(&config).await?;
        let result = write_backup(
            backend.store().as_ref(),
            &keys,
            initiative,
            &ocs_crypto::OsEntropy,
            out,
        )
        .await;
        backend.close().await?;
        result.context("backup failed")
    })?;
    println!(
        "wrote {} statements to {} (encrypted to the backup key in {})",
        count,
        out.display(),
        keys.path(initiative).display()
    );
    Ok(())
}

/// Restores a backup of one initiative into the configured database.
pub fn restore(config_file: &Path, slug: &str, input: &Path) -> anyhow::Result<()> {
    let config = config::load(config_file)?;
    let initiative = initiative(&config, slug)?;
    let keys = BackupKeys::new(config.backup_keys_dir.clone());
    let count = runtime()?.block_on(async {
        let backend = Backend::open(&config).await?;
        let result = restore_backup(backend.store().as_ref(), &keys, initiative, input).await;
        backend.close().await?;
        result.context("restore failed")
    })?;
    println!("restored {count} statements (statements already present were skipped)");
    Ok(())
}
