//! Copies of an initiative's sealed statements leaving the database, as use cases: a backup
//! (`ocs backup`), its restore, and the sealed export (`ocs export sealed`) with its import.
//! Each takes the right it needs ([`CanManage`]) and writes its row to the audit trail
//! before any file is written or any statement is stored: an unaudited copy must not exist.
//! The file formats live in [`crate::backup`] and [`crate::export::sealed`].

use std::path::Path;

use jiff::Timestamp;
use ocs_crypto::{Entropy, ManifestVerifyingKey, SealedExportKey};
use ocs_domain::Initiative;
use ocs_domain::access::CanManage;
use ocs_storage::StatementStore;

use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, AuditSink};
use crate::backup::{BackupError, BackupKeys, restore_backup, write_backup};
use crate::export::sealed::{self, SealedManifest};

/// The audit action of a backup, recorded before it is written.
pub const BACKUP_REQUESTED: AuditAction = AuditAction::BACKUP_REQUESTED;
/// The audit action of a restore, recorded before statements are read back.
pub const RESTORE_REQUESTED: AuditAction = AuditAction::BACKUP_RESTORE_REQUESTED;
/// The audit action of a sealed export, recorded before it is written.
pub const SEALED_EXPORT_REQUESTED: AuditAction = AuditAction::EXPORT_SEALED_REQUESTED;
/// The audit action of a sealed export's import, recorded in the receiving database.
pub const SEALED_IMPORT_REQUESTED: AuditAction = AuditAction::EXPORT_SEALED_IMPORT_REQUESTED;

/// Who asks, with which right, and where the row goes.
#[derive(Clone, Copy)]
pub struct Custodian<'a> {
    /// The right over the initiative concerned.
    pub right: CanManage,
    /// Who is recorded.
    pub actor: &'a Actor,
    /// The trail.
    pub audit: &'a dyn AuditSink,
    /// When.
    pub now: Timestamp,
}

impl Custodian<'_> {
    async fn record(&self, action: AuditAction, detail: String) -> Result<(), BackupError> {
        let event = AuditEvent::new(
            self.actor.clone(),
            action,
            Some(self.right.initiative()),
            detail,
        );
        self.audit.record(event, self.now).await?;
        Ok(())
    }

    /// The file name only: paths can name people (home folders), the trail must not.
    fn name_of(path: &Path) -> String {
        path.file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
    }

    /// Writes an encrypted backup of the initiative to `out` (see [`write_backup`]);
    /// returns how many statements it holds.
    pub async fn backup(
        &self,
        store: &dyn StatementStore,
        keys: &BackupKeys,
        entropy: &dyn Entropy,
        out: &Path,
    ) -> Result<u64, BackupError> {
        self.record(BACKUP_REQUESTED, format!("file {}", Self::name_of(out)))
            .await?;
        write_backup(store, keys, self.right.initiative(), entropy, out).await
    }

    /// Restores a backup of the initiative (see [`restore_backup`]); returns how many
    /// statements were added.
    pub async fn restore(
        &self,
        store: &dyn StatementStore,
        keys: &BackupKeys,
        input: &Path,
    ) -> Result<u64, BackupError> {
        self.record(RESTORE_REQUESTED, format!("file {}", Self::name_of(input)))
            .await?;
        restore_backup(store, keys, self.right.initiative(), input).await
    }

    /// Writes the sealed export of `initiative` (which must be the one of the right) into
    /// `dir`, signed with its sealed-export key (see [`sealed::write`]).
    pub async fn sealed_export(
        &self,
        store: &dyn StatementStore,
        initiative: &Initiative,
        key: &SealedExportKey,
        certificate: &str,
        dir: &Path,
    ) -> Result<SealedManifest, BackupError> {
        self.check(initiative)?;
        self.record(
            SEALED_EXPORT_REQUESTED,
            format!("folder {}", Self::name_of(dir)),
        )
        .await?;
        sealed::write(store, initiative, key, certificate, self.now, dir).await
    }

    /// Checks and imports a sealed export of `initiative` into `store` (see
    /// [`sealed::import`]); the row goes to the trail of that database.
    pub async fn sealed_import(
        &self,
        store: &dyn StatementStore,
        initiative: &Initiative,
        key: &ManifestVerifyingKey,
        dir: &Path,
    ) -> Result<(SealedManifest, u64), BackupError> {
        self.check(initiative)?;
        self.record(
            SEALED_IMPORT_REQUESTED,
            format!("folder {}", Self::name_of(dir)),
        )
        .await?;
        sealed::import(dir, key, initiative, store).await
    }

    fn check(&self, initiative: &Initiative) -> Result<(), BackupError> {
        if initiative.id == self.right.initiative() {
            Ok(())
        } else {
            Err(BackupError::Format(
                "the right is for another initiative".to_owned(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ocs_domain::InitiativeId;
    use ocs_domain::access::Principal;
    use ocs_storage::AuditLog as _;

    use super::*;
    use crate::audit::StoredAudit;

    #[tokio::test]
    async fn a_backup_is_audited_before_its_file_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(
            ocs_storage_sqlite::SqliteStore::open(
                &dir.path().join("custody.db"),
                ocs_storage_sqlite::SqliteOptions::default(),
            )
            .unwrap(),
        );
        let audit = StoredAudit::new(store.clone());
        let actor = Actor::Operator("ops".into());
        let initiative = InitiativeId::new(7);
        let custodian = Custodian {
            right: Principal::operator().can_manage(initiative).unwrap(),
            actor: &actor,
            audit: &audit,
            now: Timestamp::UNIX_EPOCH,
        };
        let keys = BackupKeys::new(dir.path().join("keys"));
        let out = dir.path().join("seven.backup");
        let count = custodian
            .backup(store.as_ref(), &keys, &ocs_crypto::OsEntropy, &out)
            .await
            .unwrap();
        assert_eq!(count, 0);
        assert!(out.is_file());
        let restored = custodian
            .restore(store.as_ref(), &keys, &out)
            .await
            .unwrap();
        assert_eq!(restored, 0);
        let rows = store.audit_entries(0, 10).await.unwrap();
        let actions: Vec<_> = rows.iter().map(|r| r.entry.action.as_str()).collect();
        assert_eq!(actions, [BACKUP_REQUESTED, RESTORE_REQUESTED]);
        assert_eq!(rows[0].entry.initiative, Some(initiative));
        assert_eq!(rows[0].entry.detail, "file seven.backup");
        assert_eq!(rows[0].entry.actor_kind, "operator");
    }
}
