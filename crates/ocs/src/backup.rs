//! `ocs backup` and `ocs backup restore`: thin front-ends over the audited backup use cases
//! (`ocs_service::custody`), run by the operator dispatcher here or in the running server.
//! The backup key of each initiative lives in `retention.keys_dir`, outside the database;
//! the destruction job destroys it at the retention deadline, which makes every backup of
//! that initiative unreadable (crypto-shredding).

use std::path::Path;

use anyhow::bail;

use crate::config;
use crate::operator::{AdminRequest, absolute, operator_label, submit};

/// Writes an encrypted backup of one initiative to `out` (refused if it exists).
pub fn create(config_file: &Path, slug: &str, out: &Path) -> anyhow::Result<()> {
    let config = config::load(config_file)?;
    if out.exists() {
        bail!("{} exists; choose a new file name", out.display());
    }
    let request = AdminRequest::Backup {
        initiative: slug.to_owned(),
        out: absolute(out)?,
    };
    submit(&config, &operator_label(None), request)
}

/// Restores a backup of one initiative into the configured database.
pub fn restore(config_file: &Path, slug: &str, input: &Path) -> anyhow::Result<()> {
    let config = config::load(config_file)?;
    let request = AdminRequest::Restore {
        initiative: slug.to_owned(),
        input: absolute(input)?,
    };
    submit(&config, &operator_label(None), request)
}
