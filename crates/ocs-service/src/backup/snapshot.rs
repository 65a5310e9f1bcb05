//! Whole-database snapshots (`[backup] snapshot_key`, issue 18 item 4): a consistent copy of
//! the SQLite database taken while serving ([`ocs_storage::DatabaseSnapshot`]), sealed chunk
//! by chunk to the snapshot key ([`ocs_crypto::seal_stream`]) into
//! `DIR/_database/<unix ms>.snapshot`. Restored with `ocs backup restore-snapshot` and the
//! private half, which stays offline.
//!
//! The clear copy exists only in `DIR/_database/.work/` (mode 0700), for as long as sealing
//! it takes: it is overwritten and removed right after, on success and on failure, and a
//! round first removes whatever a crash left there.
//!
//! A snapshot holds every initiative, so per-initiative key destruction cannot reach it. Its
//! clear header (bound to the encryption: a changed header does not open) names the
//! initiatives whose data it holds and their deadlines. The destruction job overwrites and
//! removes every snapshot that holds the initiative it destroys ([`shred_holding`]) and
//! counts them in the certificate; the round removes a snapshot older than `keep` or once the
//! deadline of any initiative it holds has come, and takes none while such an initiative
//! still has data.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use ocs_crypto::{Entropy, RecipientPrivateKey, RecipientPublicKey};
use ocs_domain::{InitiativeId, Slug};
use ocs_storage::DatabaseSnapshot;
use serde::{Deserialize, Serialize};

use crate::audit::AuditAction;
use crate::backup::{BackupError, shred_file};

/// The subfolder of the backup folder holding snapshots (no slug has an underscore).
pub const SNAPSHOT_FOLDER: &str = "_database";
/// The audit action of a snapshot taken.
pub const SNAPSHOT_TAKEN: AuditAction = AuditAction::BACKUP_SNAPSHOT_TAKEN;
/// The audit action of snapshots removed (rotation, or a deadline).
pub const SNAPSHOTS_REMOVED: AuditAction = AuditAction::BACKUP_SNAPSHOT_REMOVED;
const FORMAT: &str = "openocs-snapshot-1";
const EXTENSION: &str = "snapshot";
const WORK: &str = ".work";

/// An initiative whose data a snapshot holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldInitiative {
    /// Its number.
    pub initiative: u32,
    /// Its slug when the snapshot was taken.
    pub slug: String,
    /// The day its data must be gone, when known then.
    pub deadline: Option<Date>,
}

/// The clear header of a snapshot file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotHeader {
    /// `openocs-snapshot-1`.
    pub format: String,
    /// When it was taken (unix milliseconds).
    pub taken_at_ms: i64,
    /// The initiatives whose data it holds.
    pub holds: Vec<HeldInitiative>,
    /// When the rotation removes it at the latest (unix milliseconds): `keep` after it was
    /// taken. The earliest deadline of `holds` removes it earlier.
    pub keep_until_ms: i64,
}

impl SnapshotHeader {
    /// Whether it holds data of `initiative`.
    pub fn holds(&self, initiative: InitiativeId) -> bool {
        self.holds
            .iter()
            .any(|held| held.initiative == initiative.get())
    }

    /// The earliest deadline of the initiatives it holds.
    pub fn earliest_deadline(&self) -> Option<Date> {
        self.holds.iter().filter_map(|held| held.deadline).min()
    }
}

/// The snapshot source and the key snapshots are sealed to.
#[derive(Clone)]
pub struct Snapshots {
    /// The database.
    pub source: Arc<dyn DatabaseSnapshot>,
    /// The public half of the snapshot key; the private half stays offline.
    pub key: RecipientPublicKey,
}

/// The snapshot folder of the backup folder `dir`.
pub fn folder(dir: &Path) -> PathBuf {
    dir.join(SNAPSHOT_FOLDER)
}

fn written_at(path: &Path) -> Option<Timestamp> {
    if path.extension()? != EXTENSION {
        return None;
    }
    let millis: i64 = path.file_stem()?.to_str()?.parse().ok()?;
    Timestamp::from_millisecond(millis).ok()
}

/// The snapshot files under the backup folder `dir`, oldest first.
pub fn files(dir: &Path) -> std::io::Result<Vec<(Timestamp, PathBuf)>> {
    let entries = match std::fs::read_dir(folder(dir)) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if let Some(at) = written_at(&path) {
            files.push((at, path));
        }
    }
    files.sort();
    Ok(files)
}

/// Reads the clear header of a snapshot file (no key needed).
pub fn read_header(path: &Path) -> Result<SnapshotHeader, BackupError> {
    let mut file = std::io::BufReader::new(std::fs::File::open(path)?);
    let header = ocs_crypto::read_stream_header(&mut file)?;
    let header: SnapshotHeader = serde_json::from_slice(&header)
        .map_err(|error| BackupError::Format(format!("snapshot header: {error}")))?;
    if header.format != FORMAT {
        return Err(BackupError::Format(format!(
            "snapshot format {:?}",
            header.format
        )));
    }
    Ok(header)
}

/// The snapshots under `dir` that hold data of `initiative`. A file whose header does not
/// read counts as holding it: when in doubt, destruction removes it.
pub fn holding(dir: &Path, initiative: InitiativeId) -> Result<Vec<PathBuf>, BackupError> {
    let mut found = Vec::new();
    for (_, path) in files(dir)? {
        match read_header(&path) {
            Ok(header) if !header.holds(initiative) => {}
            _ => found.push(path),
        }
    }
    Ok(found)
}

/// Overwrites and removes every snapshot under `dir` holding data of `initiative`; how many.
pub fn shred_holding(dir: &Path, initiative: InitiativeId) -> Result<u64, BackupError> {
    let mut removed = 0;
    for path in holding(dir, initiative)? {
        if shred_file(&path)? {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Overwrites and removes clear copies a crash left in the work folder; how many.
pub fn clear_work(dir: &Path) -> Result<u64, BackupError> {
    let work = folder(dir).join(WORK);
    let entries = match std::fs::read_dir(&work) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(error.into()),
    };
    let mut removed = 0;
    for entry in entries {
        if shred_file(&entry?.path())? {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Creates `path` (and its parents) with mode 0700 on Unix.
fn private_folder(path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// A new file, mode 0600 on Unix, refused if it exists.
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options.open(path)
}

/// The clear copy of the database in the work folder: overwritten and removed (with what
/// SQLite may have left beside it) when dropped, on every path.
pub struct ClearCopy {
    path: PathBuf,
    snapshots: PathBuf,
    taken_at: Timestamp,
}

impl Drop for ClearCopy {
    fn drop(&mut self) {
        for leftover in [
            self.path.clone(),
            self.path.with_extension("db-journal"),
            self.path.with_extension("db-wal"),
        ] {
            if let Err(error) = shred_file(&leftover) {
                tracing::error!(%error, file = %leftover.display(), "removing the clear snapshot copy failed; the next round retries");
            }
        }
    }
}

impl Snapshots {
    /// Copies the database, as of now, into the work folder of the backup folder `dir`
    /// (mode 0700). Seal it with [`Snapshots::seal`]; dropping it removes it.
    pub async fn copy(&self, dir: &Path, now: Timestamp) -> Result<ClearCopy, BackupError> {
        let snapshots = folder(dir);
        private_folder(&snapshots)?;
        let work = snapshots.join(WORK);
        private_folder(&work)?;
        let copy = ClearCopy {
            path: work.join(format!("{}.db", now.as_millisecond())),
            snapshots,
            taken_at: now,
        };
        if copy.path.exists() {
            // Left by a crash: it goes (with the guard), and this round stops.
            return Err(BackupError::Format(format!(
                "{} was left by an earlier round",
                copy.path.display()
            )));
        }
        self.source.snapshot_into(&copy.path).await?;
        Ok(copy)
    }

    /// Seals `copy` with `header` into `DIR/_database/<unix ms>.snapshot`, then removes the
    /// copy; returns the file and the size in clear.
    pub fn seal(
        &self,
        copy: ClearCopy,
        header: &SnapshotHeader,
        entropy: &dyn Entropy,
    ) -> Result<(PathBuf, u64), BackupError> {
        let out = copy
            .snapshots
            .join(format!("{}.{EXTENSION}", copy.taken_at.as_millisecond()));
        let partial = out.with_extension("partial");
        let sealed = self.seal_into(&copy.path, &partial, header, entropy);
        drop(copy);
        match sealed {
            Ok(size) => {
                std::fs::rename(&partial, &out)?;
                Ok((out, size))
            }
            Err(error) => {
                let _ = std::fs::remove_file(&partial);
                Err(error)
            }
        }
    }

    fn seal_into(
        &self,
        clear: &Path,
        partial: &Path,
        header: &SnapshotHeader,
        entropy: &dyn Entropy,
    ) -> Result<u64, BackupError> {
        let header =
            serde_json::to_vec(header).map_err(|error| BackupError::Format(error.to_string()))?;
        let mut input = std::io::BufReader::new(std::fs::File::open(clear)?);
        let mut output = std::io::BufWriter::new(private_file(partial)?);
        let size = ocs_crypto::seal_stream(&self.key, &header, &mut input, &mut output, entropy)?;
        let file = output
            .into_inner()
            .map_err(|error| BackupError::Io(error.into_error()))?;
        file.sync_all()?;
        Ok(size)
    }

    /// [`Snapshots::copy`] then [`Snapshots::seal`] with a header known beforehand.
    pub async fn take(
        &self,
        dir: &Path,
        header: &SnapshotHeader,
        entropy: &dyn Entropy,
    ) -> Result<(PathBuf, u64), BackupError> {
        let now = Timestamp::from_millisecond(header.taken_at_ms)
            .map_err(|error| BackupError::Format(error.to_string()))?;
        let copy = self.copy(dir, now).await?;
        self.seal(copy, header, entropy)
    }
}

/// The header of a snapshot taken `now` holding `held`, kept until `keep` has passed.
pub fn header(
    now: Timestamp,
    keep: jiff::SignedDuration,
    held: Vec<(InitiativeId, Slug, Option<Date>)>,
) -> SnapshotHeader {
    SnapshotHeader {
        format: FORMAT.to_owned(),
        taken_at_ms: now.as_millisecond(),
        holds: held
            .into_iter()
            .map(|(initiative, slug, deadline)| HeldInitiative {
                initiative: initiative.get(),
                slug: slug.as_str().to_owned(),
                deadline,
            })
            .collect(),
        keep_until_ms: now.checked_add(keep).unwrap_or(now).as_millisecond(),
    }
}

/// Opens the snapshot `file` with the private half of the snapshot key into `out` (a new
/// file, mode 0600), chunk by chunk; returns its header. On any failure `out` is removed:
/// a file that does not open whole leaves nothing behind. Check the result with SQLite's
/// integrity check before use.
pub fn restore(
    file: &Path,
    key: &RecipientPrivateKey,
    out: &Path,
) -> Result<SnapshotHeader, BackupError> {
    let header = read_header(file)?;
    let mut input = std::io::BufReader::new(std::fs::File::open(file)?);
    let target = private_file(out)?;
    let mut output = std::io::BufWriter::new(target);
    let opened = ocs_crypto::open_stream(key, &mut input, &mut output)
        .map_err(BackupError::from)
        .and_then(|_| {
            output
                .into_inner()
                .map_err(|error| BackupError::Io(error.into_error()))
        })
        .and_then(|file| Ok(file.sync_all()?));
    if let Err(error) = opened {
        let _ = std::fs::remove_file(out);
        return Err(error);
    }
    Ok(header)
}

#[cfg(test)]
mod tests {
    use ocs_crypto::{SeededEntropy, generate_recipient_keys};
    use ocs_domain::{CountryCode, DedupTag, StatementId};
    use ocs_storage::{SealedStatement, StatementStore as _};
    use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

    use super::*;

    fn slug(text: &str) -> Slug {
        Slug::parse(text).unwrap()
    }

    /// A real database with `count` statements whose envelopes carry the marker "Huber".
    async fn database(dir: &Path, count: u8) -> Arc<SqliteStore> {
        let store = SqliteStore::open(&dir.join("ocs.db"), SqliteOptions::default()).unwrap();
        for id in 1..=count {
            let mut envelope = b"Huber".to_vec();
            envelope.push(id);
            store
                .record_statement(SealedStatement {
                    id: StatementId::from_bytes([id; 16]),
                    initiative: InitiativeId::new(1),
                    nationality: CountryCode::LU,
                    submitted_at: Timestamp::from_millisecond(1_750_000_000_000).unwrap(),
                    tag: DedupTag::from_bytes([id; 32]),
                    envelope,
                    test: false,
                    receipt_verifier: None,
                    paper: false,
                    log_entry: None,
                })
                .await
                .unwrap();
        }
        Arc::new(store)
    }

    fn statements(path: &Path) -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM statements", [], |row| row.get(0))
            .unwrap()
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(walk(&path));
            } else {
                files.push(path);
            }
        }
        files
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_snapshot_is_sealed_names_what_it_holds_restores_and_leaves_no_clear_copy() {
        let dir = tempfile::tempdir().unwrap();
        let backups = dir.path().join("backups");
        let store = database(dir.path(), 3).await;
        let entropy = SeededEntropy::new(3);
        let (private, public) = generate_recipient_keys(&entropy);
        let now = Timestamp::from_millisecond(1_780_000_000_000).unwrap();
        let deadline = Date::constant(2027, 1, 20);
        let held = vec![
            (InitiativeId::new(1), slug("demo"), Some(deadline)),
            (InitiativeId::new(2), slug("other"), None),
        ];
        let header = header(now, jiff::SignedDuration::from_hours(48), held);
        let snapshots = Snapshots {
            source: store.clone(),
            key: public,
        };
        let (file, size) = snapshots.take(&backups, &header, &entropy).await.unwrap();
        assert!(size > 0);
        assert_eq!(file, folder(&backups).join("1780000000000.snapshot"));
        assert!(
            !std::fs::read(&file)
                .unwrap()
                .windows(5)
                .any(|w| w == b"Huber")
        );
        // Only the sealed file is left: no clear copy, no partial file.
        assert_eq!(walk(&backups), vec![file.clone()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&folder(&backups)), 0o700);
            assert_eq!(mode(&folder(&backups).join(WORK)), 0o700);
            assert_eq!(mode(&file), 0o600);
        }
        let read = read_header(&file).unwrap();
        assert_eq!(read, header);
        assert_eq!(read.earliest_deadline(), Some(deadline));
        assert_eq!(
            holding(&backups, InitiativeId::new(2)).unwrap(),
            vec![file.clone()]
        );
        assert!(holding(&backups, InitiativeId::new(3)).unwrap().is_empty());

        let out = dir.path().join("restored.db");
        assert_eq!(restore(&file, &private, &out).unwrap(), header);
        assert_eq!(statements(&out), 3);
        assert!(
            ocs_storage_sqlite::integrity_check(&out)
                .unwrap()
                .is_empty()
        );
        // Another key: refused, and nothing is left behind.
        let (other, _) = generate_recipient_keys(&SeededEntropy::new(4));
        let elsewhere = dir.path().join("elsewhere.db");
        assert!(restore(&file, &other, &elsewhere).is_err());
        assert!(!elsewhere.exists());

        // Destroying an initiative it holds removes it; another initiative's does not.
        assert_eq!(shred_holding(&backups, InitiativeId::new(3)).unwrap(), 0);
        assert_eq!(shred_holding(&backups, InitiativeId::new(1)).unwrap(), 1);
        assert!(!file.exists());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failed_snapshot_leaves_neither_a_clear_copy_nor_a_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let backups = dir.path().join("backups");
        let store = database(dir.path(), 1).await;
        let entropy = SeededEntropy::new(5);
        let (_, public) = generate_recipient_keys(&entropy);
        let now = Timestamp::from_millisecond(1_780_000_000_000).unwrap();
        let header = header(now, jiff::SignedDuration::from_hours(1), Vec::new());
        let snapshots = Snapshots {
            source: store,
            key: public,
        };
        // A clear copy a crash left where this one goes: VACUUM INTO refuses to overwrite it.
        let work = folder(&backups).join(WORK);
        std::fs::create_dir_all(&work).unwrap();
        std::fs::write(work.join("1780000000000.db"), b"Huber").unwrap();
        assert!(snapshots.take(&backups, &header, &entropy).await.is_err());
        assert!(walk(&backups).is_empty(), "{:?}", walk(&backups));
        // And one left by a crash of another round is removed by the next round.
        std::fs::write(work.join("1.db"), b"Huber").unwrap();
        assert_eq!(clear_work(&backups).unwrap(), 1);
        assert!(walk(&backups).is_empty());
    }
}
