//! [`DatabaseSnapshot`]: a consistent copy of the whole database, taken while serving, for
//! the sealed scheduled backups (`ocs_service::backup::snapshot`). Only SQLite has it: a
//! PostgreSQL deployment backs up with base backups and WAL archiving (docs/DEPLOYMENT.md).

use std::path::Path;

use async_trait::async_trait;

use crate::StorageError;

/// A backend that can copy its whole database into one file while it serves.
#[async_trait]
pub trait DatabaseSnapshot: Send + Sync {
    /// Writes a consistent copy of the whole database, as of one moment, to `out`, which
    /// must not exist. Writers go on meanwhile: everything committed before the copy's read
    /// transaction began is in it. On an error the caller removes whatever `out` holds.
    async fn snapshot_into(&self, out: &Path) -> Result<(), StorageError>;
}
