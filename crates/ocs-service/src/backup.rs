//! Organisers' backups of one initiative's sealed statements, encrypted to a per-initiative
//! backup key kept in a keys folder outside the database. Destroying that key at the
//! retention deadline makes every backup copy unreadable (crypto-shredding): backups cannot
//! be edited record by record, and copies may sit where the server cannot reach.
//!
//! File: the `OCS-AUTH-1` container of `ocs_crypto::seal_file` (HPKE to the backup key's
//! public half, `info` bound to `backup-<initiative number>`) around a JSON document:
//! `{"format":"openocs-backup-1","initiative":N,"statements":[…]}` with each statement's
//! identifier, nationality, time, tag (hex), envelope (hex) and test flag. The envelopes
//! stay sealed to the organisers' recipient keys, so a backup key alone opens no statement.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use ocs_crypto::{
    Entropy, RecipientPrivateKey, generate_recipient_keys, open_file, read_private_key, seal_file,
    write_private_key,
};
use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};
use ocs_storage::{SealedStatement, StatementStore, StorageError};
use serde::{Deserialize, Serialize};

pub mod scheduled;
pub mod snapshot;

const FORMAT: &str = "openocs-backup-1";
const PAGE: u32 = 1000;

/// Why a backup could not be written or restored.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The initiative's backup key does not exist (never made, or destroyed at the deadline).
    #[error(
        "no backup key for initiative {0}: never created, or destroyed at the retention deadline"
    )]
    NoKey(InitiativeId),
    /// Key or container failure (wrong key, changed file).
    #[error("backup crypto: {0}")]
    Crypto(#[from] ocs_crypto::CryptoError),
    /// File system.
    #[error("backup file: {0}")]
    Io(#[from] std::io::Error),
    /// The store.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
    /// The decrypted document is not a backup of this initiative.
    #[error("not an OpenOCS backup of this initiative: {0}")]
    Format(String),
    /// A sealed snapshot did not seal or open (wrong key, changed or cut file).
    #[error("snapshot: {0}")]
    Sealed(#[from] ocs_crypto::StreamSealError),
    /// The audit trail could not record the action, so it did not happen.
    #[error("{0}")]
    Audit(#[from] crate::audit::AuditError),
}

/// The folder of per-initiative backup keys (`backup-<number>.key`, mode 0600).
#[derive(Debug, Clone)]
pub struct BackupKeys {
    dir: PathBuf,
}

impl BackupKeys {
    /// Keys in `dir` (created on first use).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// Where the key of `initiative` lives.
    pub fn path(&self, initiative: InitiativeId) -> PathBuf {
        self.dir.join(format!("backup-{}.key", initiative.get()))
    }

    /// Whether the key of `initiative` exists.
    pub fn exists(&self, initiative: InitiativeId) -> bool {
        self.path(initiative).exists()
    }

    /// The key, created on first use.
    pub fn load_or_create(
        &self,
        initiative: InitiativeId,
        entropy: &dyn Entropy,
    ) -> Result<RecipientPrivateKey, BackupError> {
        let path = self.path(initiative);
        if path.exists() {
            return Ok(read_private_key(&path)?);
        }
        std::fs::create_dir_all(&self.dir)?;
        let (private, _) = generate_recipient_keys(entropy);
        write_private_key(&path, &private)?;
        Ok(private)
    }

    /// The key, if it still exists.
    pub fn load(&self, initiative: InitiativeId) -> Result<RecipientPrivateKey, BackupError> {
        let path = self.path(initiative);
        if !path.exists() {
            return Err(BackupError::NoKey(initiative));
        }
        Ok(read_private_key(&path)?)
    }

    /// Overwrites and removes the key of `initiative`; `true` when there was one.
    pub fn shred(&self, initiative: InitiativeId) -> Result<bool, BackupError> {
        shred_file(&self.path(initiative))
    }
}

/// Overwrites a file with zeros, syncs it, and removes it; `false` when it did not exist.
/// On copy-on-write or journaling file systems and SSDs the old blocks may survive the
/// overwrite; the removal and the encryption of what matters are the real protection.
pub fn shred_file(path: &Path) -> Result<bool, BackupError> {
    let length = match std::fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(error.into()),
    };
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    let zeros = [0u8; 8192];
    let mut left = length;
    while left > 0 {
        let chunk = usize::try_from(left.min(8192)).unwrap_or(8192);
        file.write_all(zeros.get(..chunk).unwrap_or(&zeros))?;
        left = left.saturating_sub(chunk as u64);
    }
    file.sync_all()?;
    drop(file);
    std::fs::remove_file(path)?;
    Ok(true)
}

#[derive(Serialize, Deserialize)]
struct Document {
    format: String,
    initiative: u32,
    statements: Vec<Row>,
}

#[derive(Serialize, Deserialize)]
struct Row {
    id: String,
    nationality: String,
    submitted_at_ms: i64,
    tag: String,
    envelope: String,
    test: bool,
    #[serde(default)]
    paper: bool,
}

fn info(initiative: InitiativeId) -> String {
    format!("backup-{}", initiative.get())
}

/// Every statement of `initiative`, still sealed, as the JSON document of backups and
/// sealed exports; returns it and the number of statements.
pub(crate) async fn sealed_document(
    store: &dyn StatementStore,
    initiative: InitiativeId,
) -> Result<(Vec<u8>, u64), BackupError> {
    let mut statements = Vec::new();
    let mut after = 0;
    loop {
        let page = store.statements(initiative, after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.sequence;
        statements.extend(page.into_iter().map(|s| Row {
            id: s.id.to_string(),
            nationality: s.nationality.as_str().to_owned(),
            submitted_at_ms: s.submitted_at.as_millisecond(),
            tag: hex::encode(s.tag.as_bytes()),
            envelope: hex::encode(&s.envelope),
            test: s.test,
            paper: s.paper,
        }));
    }
    let count = statements.len() as u64;
    let document = serde_json::to_vec(&Document {
        format: FORMAT.to_owned(),
        initiative: initiative.get(),
        statements,
    })
    .map_err(|error| BackupError::Format(error.to_string()))?;
    Ok((document, count))
}

/// Writes an encrypted backup of every statement of `initiative` to `out`; returns how many.
pub async fn write_backup(
    store: &dyn StatementStore,
    keys: &BackupKeys,
    initiative: InitiativeId,
    entropy: &dyn Entropy,
    out: &Path,
) -> Result<u64, BackupError> {
    let key = keys.load_or_create(initiative, entropy)?;
    let (document, count) = sealed_document(store, initiative).await?;
    let sealed = seal_file(&key.public_key(), &info(initiative), &document, entropy)?;
    let partial = out.with_extension("partial");
    std::fs::write(&partial, &sealed)?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, out)?;
    Ok(count)
}

/// Puts the statements of a backup back into `store` (statements already there, by tag,
/// are skipped as duplicates); returns how many were restored.
pub async fn restore_backup(
    store: &dyn StatementStore,
    keys: &BackupKeys,
    initiative: InitiativeId,
    file: &Path,
) -> Result<u64, BackupError> {
    let key = keys.load(initiative)?;
    let sealed = std::fs::read(file)?;
    let document = open_file(&key, &info(initiative), &sealed)?;
    import_document(store, initiative, &document).await
}

/// Records the statements of a sealed document (statements already there are skipped).
pub(crate) async fn import_document(
    store: &dyn StatementStore,
    initiative: InitiativeId,
    document: &[u8],
) -> Result<u64, BackupError> {
    let document: Document =
        serde_json::from_slice(document).map_err(|error| BackupError::Format(error.to_string()))?;
    if document.format != FORMAT || document.initiative != initiative.get() {
        return Err(BackupError::Format(
            "format or initiative differs".to_owned(),
        ));
    }
    let mut restored = 0;
    for row in document.statements {
        let bad = |what: &str| BackupError::Format(format!("statement field {what}"));
        let tag: [u8; 32] = hex::decode(&row.tag)
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(|| bad("tag"))?;
        let sealed = SealedStatement {
            id: StatementId::parse(&row.id).map_err(|_| bad("id"))?,
            initiative,
            nationality: CountryCode::parse(&row.nationality).map_err(|_| bad("nationality"))?,
            submitted_at: Timestamp::from_millisecond(row.submitted_at_ms)
                .map_err(|_| bad("submitted_at_ms"))?,
            tag: DedupTag::from_bytes(tag),
            envelope: hex::decode(&row.envelope).map_err(|_| bad("envelope"))?,
            test: row.test,
            // Receipt secrets are not in backups: self-service ends with a restore.
            receipt_verifier: None,
            paper: row.paper,
            log_entry: None,
        };
        match store.record_statement(sealed).await {
            Ok(_) => restored += 1,
            Err(StorageError::Conflict) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(restored)
}
