//! The public tally log of each initiative (ADR 0007): publication in batches off the signing
//! path, the published counts every public figure reads, and receipt inclusion proofs.
//!
//! One step publishes both the log and the public counters: a new checkpoint only with a
//! publication, and the public figures are the fold of the log at the latest checkpoint. A
//! publication happens when `interval` has passed since the last one and at least
//! `min_batch` new entries wait, or the UTC day changed since the last one (so a quiet day
//! still ends counted). Both at 0 publish at once. This keeps a public figure from telling
//! whether one more statement (or a duplicate) was just submitted (issue 19, item 1).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use ocs_crypto::LogKeys;
use ocs_domain::{CountryCode, InitiativeId, Slug, StatementId};
use ocs_storage::{LogAppend, LogHead, LogPending, LogPosition, LogRecord, StorageError, Store};
use ocs_tlog::entry::Entry;
use ocs_tlog::hash::{empty_root, sha256};
use ocs_tlog::tiles::{
    MemoryTiles, TileId, TileKind, append_reads, append_tiles, parse_bundle, tiles_needed,
};
use ocs_tlog::tree::{inclusion_proof, tree_hash};
use ocs_tlog::{Checkpoint, NoteSigner, TlogError, TreeTiles};

use crate::catalog::{CatalogEntry, SharedCatalog};
use crate::clock::Clock;
pub use fold::statement_line;
use fold::{bump, tally_from_json, tally_to_json};
pub use published::{InclusionProof, NextPublication, Published, ReceiptProof};
pub use witnesses::CosignError;

/// Most entries one publication appends; a larger backlog takes several rounds. Kept small
/// because on SQLite each one is a transaction of the statement writer thread, and signing
/// waits behind it (about 10 µs an entry: some 40 ms at most).
const MAX_BATCH: u32 = 4_096;
/// Batches one publication round may make when a backlog exceeds [`MAX_BATCH`]: with the
/// round every 5 s, up to some 400,000 statements/s, far above what a node records.
const MAX_ROUNDS: usize = 512;

/// When the public figures and the log move on (`counters.publish_interval`,
/// `counters.min_batch`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishRule {
    /// Least time between two publications.
    pub interval: SignedDuration,
    /// Least new entries for a publication within a day.
    pub min_batch: u64,
}

impl PublishRule {
    /// Every statement published at once (the demo, tests, load harnesses).
    pub const AT_ONCE: Self = Self {
        interval: SignedDuration::ZERO,
        min_batch: 0,
    };

    /// `ocs serve`'s default: at most every 10 minutes, at least 10 new statements.
    pub const BATCHED: Self = Self {
        interval: SignedDuration::from_mins(10),
        min_batch: 10,
    };

    /// Whether every statement is published at once.
    pub fn at_once(&self) -> bool {
        self.interval.is_zero() && self.min_batch == 0
    }

    /// Whether `waiting` entries are due now, the last publication being at `last`.
    pub fn due(&self, last: Timestamp, now: Timestamp, waiting: u64) -> bool {
        if waiting == 0 || now.duration_since(last) < self.interval {
            return false;
        }
        let day = |t: Timestamp| t.to_zoned(jiff::tz::TimeZone::UTC).date();
        waiting >= self.min_batch || day(last) < day(now)
    }
}

/// Why a log operation failed.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// No initiative has that slug.
    #[error("no such initiative")]
    NotFound,
    /// The store failed.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
    /// Stored log data is inconsistent (a bug or tampering).
    #[error("log data: {0}")]
    Log(#[from] TlogError),
}

impl From<LogError> for crate::QueryError {
    fn from(error: LogError) -> Self {
        match error {
            LogError::NotFound => Self::NotFound,
            LogError::Storage(cause) => Self::Storage(cause),
            LogError::Log(cause) => Self::Storage(StorageError::other(cause)),
        }
    }
}

/// The tally logs of all hosted initiatives.
pub struct TallyLog {
    store: Arc<dyn Store>,
    catalog: Arc<SharedCatalog>,
    clock: Arc<dyn Clock>,
    keys: LogKeys,
    rule: PublishRule,
    host: String,
    publishing: tokio::sync::Mutex<()>,
    heads: parking_lot::RwLock<HashMap<InitiativeId, Arc<Published>>>,
    /// Bumped whenever a remembered head changes: what public renderings are cached by.
    generation: std::sync::atomic::AtomicU64,
    /// Most entries per publication ([`MAX_BATCH`]; smaller in tests).
    max_batch: u32,
    /// The witness keys whose cosignatures are accepted ([`Self::with_witnesses`]).
    witnesses: Vec<ocs_tlog::WitnessVerifier>,
}

impl TallyLog {
    /// The logs over `store`, signed with keys from `keys`, named after `host` (the public
    /// URL without scheme, e.g. `sign.example.org`), published by `rule`.
    pub fn new(
        store: Arc<dyn Store>,
        catalog: Arc<SharedCatalog>,
        clock: Arc<dyn Clock>,
        keys: LogKeys,
        host: &str,
        rule: PublishRule,
    ) -> Self {
        Self {
            store,
            catalog,
            clock,
            keys,
            rule,
            host: host.trim_end_matches('/').to_owned(),
            publishing: tokio::sync::Mutex::new(()),
            heads: parking_lot::RwLock::new(HashMap::new()),
            generation: std::sync::atomic::AtomicU64::new(0),
            max_batch: MAX_BATCH,
            witnesses: Vec::new(),
        }
    }

    /// The same logs with at most `max_batch` entries per publication (tests of the backlog).
    #[cfg(test)]
    fn with_max_batch(mut self, max_batch: u32) -> Self {
        self.max_batch = max_batch.max(1);
        self
    }

    /// A number that changes whenever the published figures of any initiative change (a
    /// publication on this node, or one from another node read by [`Self::publish_due`]).
    /// A rendering of public figures made at one generation stays right until it moves.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    /// The publication rule.
    pub fn rule(&self) -> PublishRule {
        self.rule
    }

    /// The log's origin line: `<host>/log/<slug>`.
    pub fn origin(&self, slug: &Slug) -> String {
        format!("{}/log/{slug}", self.host)
    }

    fn signer(&self, slug: &Slug) -> Result<NoteSigner, LogError> {
        let origin = self.origin(slug);
        Ok(NoteSigner::new(&origin, &self.keys.seed(&origin))?)
    }

    /// The verifier key (`name+keyid+base64`) of the initiative's log.
    pub fn verifier_key(&self, slug: &Slug) -> Result<String, LogError> {
        Ok(self.signer(slug)?.verifier().to_text())
    }

    fn entry(&self, slug: &Slug) -> Result<Arc<CatalogEntry>, LogError> {
        self.catalog.by_slug(slug).ok_or(LogError::NotFound)
    }

    /// The published state every public figure shows. With [`PublishRule::AT_ONCE`] it
    /// publishes what waits first; the first call for an initiative publishes its empty
    /// log.
    pub async fn published(&self, slug: &Slug) -> Result<Arc<Published>, LogError> {
        let entry = self.entry(slug)?;
        let id = entry.initiative.id;
        if self.rule.at_once() {
            // While a publication is under way, a read answers the last figures (the new
            // ones are moments away) instead of queueing behind the store: reads stay cheap
            // during a signing surge.
            let busy = self.publishing.try_lock().is_err();
            if !busy || !self.heads.read().contains_key(&id) {
                self.publish_if_due(&entry).await?;
            }
        }
        if let Some(published) = self.heads.read().get(&id) {
            return Ok(Arc::clone(published));
        }
        match self.store.log_head(id).await? {
            Some(head) => self.remember(id, &head),
            None => self.publish_if_due(&entry).await,
        }
    }

    /// When the next publication can come.
    pub async fn next_publication(&self, slug: &Slug) -> Result<NextPublication, LogError> {
        let published = self.published(slug).await?;
        Ok(NextPublication {
            not_before: published
                .published_at
                .saturating_add(self.rule.interval)
                .unwrap_or(published.published_at),
            min_batch: self.rule.min_batch,
            at_once: self.rule.at_once(),
        })
    }

    /// One round of the publication job: every initiative whose batch is due is published,
    /// and the cached heads follow what other nodes published. Returns the publications
    /// made. Run it under the job lease, so one node publishes.
    pub async fn publish_due(&self) -> Result<usize, LogError> {
        let mut made = 0;
        for entry in self.catalog.all() {
            let before = self.heads.read().get(&entry.initiative.id).map(|p| p.size);
            let after = self.publish_if_due(&entry).await?.size;
            if before != Some(after) {
                made += 1;
            }
        }
        Ok(made)
    }

    /// Publishes the initiative's waiting entries if the rule says so; answers the latest
    /// publication either way.
    #[tracing::instrument(skip_all, fields(initiative = %entry.initiative.id))]
    pub async fn publish_if_due(&self, entry: &CatalogEntry) -> Result<Arc<Published>, LogError> {
        let _one_at_a_time = self.publishing.lock().await;
        let id = entry.initiative.id;
        let now = self.clock.now();
        let head = match self.store.log_head(id).await? {
            Some(head) => head,
            // A new log starts with its empty checkpoint, so it is served from the start and
            // the rule's clock starts now.
            None => match self.publish(entry, None, LogPending::default(), now).await {
                Err(LogError::Storage(StorageError::Conflict)) => self.latest(id).await?,
                other => other?,
            },
        };
        let mut head = head;
        // A backlog larger than one batch (after a surge) is published batch after batch in
        // this round, so a publication always reaches what was stored before it started. The
        // interval counts from the publication before the round (the batches of one round are
        // one publication); the least batch holds for each batch.
        let last = head.published_at;
        for _ in 0..MAX_ROUNDS {
            let pending = self.store.log_pending(id, self.max_batch).await?;
            let full = pending.adds.len() >= self.max_batch as usize;
            if !self.rule.due(last, now, pending.len() as u64) {
                break;
            }
            head = match self.publish(entry, Some(&head), pending, now).await {
                // Another node published first (PostgreSQL): its head stands; what is still
                // pending goes in a later round.
                Err(LogError::Storage(StorageError::Conflict)) => {
                    let latest = self.latest(id).await?;
                    return self.remember(id, &latest);
                }
                other => other?,
            };
            if !full {
                break;
            }
        }
        self.remember(id, &head)
    }

    async fn latest(&self, id: InitiativeId) -> Result<LogHead, LogError> {
        self.store
            .log_head(id)
            .await?
            .ok_or(LogError::Storage(StorageError::Conflict))
    }

    fn remember(&self, id: InitiativeId, head: &LogHead) -> Result<Arc<Published>, LogError> {
        let checkpoint = Checkpoint::parse(&ocs_tlog::note::split(&head.note)?.0)?;
        let published = Arc::new(Published {
            size: head.size,
            root: checkpoint.root,
            checkpoint: head.note.clone(),
            published_at: head.published_at,
            by_channel: tally_from_json(&head.tally)?,
        });
        let mut heads = self.heads.write();
        let changed = heads.get(&id).is_none_or(|old| {
            old.size != published.size || old.published_at != published.published_at
        });
        heads.insert(id, Arc::clone(&published));
        if changed {
            // Under the lock: a reader that sees the new generation also sees the new head.
            self.generation
                .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        }
        Ok(published)
    }

    /// Appends `pending` to the log after `head`: entries, tiles, the new tally and a signed
    /// checkpoint, stored in one transaction.
    async fn publish(
        &self,
        entry: &CatalogEntry,
        head: Option<&LogHead>,
        pending: LogPending,
        now: Timestamp,
    ) -> Result<LogHead, LogError> {
        let id = entry.initiative.id;
        let old_size = head.map_or(0, |h| h.size);
        let mut tally = match head {
            Some(head) => tally_from_json(&head.tally)?,
            None => BTreeMap::new(),
        };
        let mut tiles = MemoryTiles::default();
        self.fetch(id, append_reads(old_size), &mut tiles).await?;
        let mut records = Vec::with_capacity(pending.len());
        let mut index = old_size;
        for add in &pending.adds {
            let Entry::Add {
                country, channel, ..
            } = Entry::parse(add.entry.as_bytes())?
            else {
                return Err(TlogError::BadFold {
                    index,
                    detail: "a statement's line is not an add".to_owned(),
                }
                .into());
            };
            bump(&mut tally, country, channel, true);
            records.push(LogRecord {
                index,
                entry: add.entry.clone(),
                statement: Some(add.statement),
                withdraws: None,
            });
            index += 1;
        }
        for &gone in &pending.gone {
            let (country, channel) = self.added_at(id, gone, old_size, &mut tiles).await?;
            bump(&mut tally, country, channel, false);
            records.push(LogRecord {
                index,
                entry: Entry::Withdraw { index: gone }.to_line(),
                statement: None,
                withdraws: Some(gone),
            });
            index += 1;
        }
        let lines: Vec<&[u8]> = records.iter().map(|r| r.entry.as_bytes()).collect();
        let new_tiles = append_tiles(&tiles, old_size, &lines)?;
        for tile in &new_tiles {
            tiles.0.insert(tile.id, tile.data.clone());
        }
        let size = index;
        let root = if size == 0 {
            empty_root()
        } else {
            let needed = tiles_needed(size, |tree| tree_hash(tree, size));
            self.fetch(id, needed, &mut tiles).await?;
            tree_hash(&TreeTiles::new(&tiles, size), size)?
        };
        let checkpoint = Checkpoint {
            origin: self.origin(&entry.initiative.slug),
            size,
            root,
            extensions: Vec::new(),
        };
        let note = checkpoint.sign(&self.signer(&entry.initiative.slug)?)?;
        let head = LogHead {
            size,
            note,
            tally: tally_to_json(&tally),
            published_at: now,
        };
        self.store
            .append_log(
                id,
                LogAppend {
                    old_size,
                    records,
                    tiles: new_tiles
                        .into_iter()
                        .map(|t| (t.id.path(), t.data))
                        .collect(),
                    head: head.clone(),
                },
            )
            .await?;
        tracing::info!(size, "tally log published");
        Ok(head)
    }

    /// Reads the tiles in `ids` not held yet.
    async fn fetch(
        &self,
        id: InitiativeId,
        ids: Vec<TileId>,
        tiles: &mut MemoryTiles,
    ) -> Result<(), LogError> {
        for tile in ids {
            if tiles.0.contains_key(&tile) {
                continue;
            }
            let data = self
                .store
                .log_tile(id, &tile.path())
                .await?
                .ok_or_else(|| TlogError::MissingTile(tile.path()))?;
            tiles.0.insert(tile, data);
        }
        Ok(())
    }

    /// The nationality and channel of the `add` at `index` (for its withdrawal).
    async fn added_at(
        &self,
        id: InitiativeId,
        index: u64,
        size: u64,
        tiles: &mut MemoryTiles,
    ) -> Result<(CountryCode, ocs_tlog::Channel), LogError> {
        let bundle = TileId::in_tree(TileKind::Entries, index / 256, size)
            .ok_or(TlogError::OutOfRange { index, size })?;
        self.fetch(id, vec![bundle], tiles).await?;
        let data = tiles.0.get(&bundle).cloned().unwrap_or_default();
        let entries = parse_bundle(&bundle, &data)?;
        let line = usize::try_from(index % 256)
            .ok()
            .and_then(|at| entries.get(at))
            .ok_or(TlogError::OutOfRange { index, size })?;
        match Entry::parse(line)? {
            Entry::Add {
                country, channel, ..
            } => Ok((country, channel)),
            Entry::Withdraw { .. } => Err(TlogError::BadFold {
                index,
                detail: "a withdrawal names a withdrawal".to_owned(),
            }
            .into()),
        }
    }

    /// A tile or bundle of the initiative's log, by its path below the log prefix; `None`
    /// when no such tile is published.
    pub async fn tile(&self, slug: &Slug, path: &str) -> Result<Option<Vec<u8>>, LogError> {
        let entry = self.entry(slug)?;
        // Only canonical paths reach the store.
        if TileId::parse_path(path).is_err() {
            return Ok(None);
        }
        Ok(self.store.log_tile(entry.initiative.id, path).await?)
    }

    /// The inclusion proof of a statement whose receipt was checked, or when it will be
    /// published. A duplicate's receipt (no statement of its own) answers like a statement
    /// not yet published (ADR 0007, residual risks).
    pub async fn receipt_proof(
        &self,
        slug: &Slug,
        statement: StatementId,
    ) -> Result<ReceiptProof, LogError> {
        let entry = self.entry(slug)?;
        let id = entry.initiative.id;
        let published = self.published(slug).await?;
        let pending = ReceiptProof::Pending(self.next_publication(slug).await?);
        let Some(LogPosition::Published {
            index,
            entry: line,
            envelope,
        }) = self.store.log_position(id, statement).await?
        else {
            return Ok(pending);
        };
        let size = published.size;
        if index >= size {
            return Ok(pending);
        }
        let mut tiles = MemoryTiles::default();
        let needed = tiles_needed(size, |tree| inclusion_proof(tree, index, size));
        self.fetch(id, needed, &mut tiles).await?;
        let proof = inclusion_proof(&TreeTiles::new(&tiles, size), index, size)?;
        Ok(ReceiptProof::Included(InclusionProof {
            index,
            entry: line,
            envelope_hash: sha256(&envelope),
            proof,
            checkpoint: published.checkpoint.clone(),
        }))
    }
}

mod fold;
mod public_proof;
mod published;
#[cfg(test)]
mod tests;
mod witnesses;
