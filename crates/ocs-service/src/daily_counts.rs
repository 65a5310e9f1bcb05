//! The open-data daily counts (issue 17, item 9): published statements per signing day and
//! nationality, folded from the published log's entry bundles, so they never run ahead of
//! the published counters and always sum to them. The fold is kept per initiative and only
//! the entries of each new publication are read.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use ocs_domain::{CountryCode, Slug};
use ocs_tlog::TlogError;
use ocs_tlog::daily::DailyTally;
use ocs_tlog::hash::Hash;
use ocs_tlog::tiles::{TILE_WIDTH, TileId, TileKind, parse_bundle};

use crate::tally_log::{LogError, TallyLog};

/// The daily counts at one publication.
#[derive(Debug, Clone)]
pub struct DailySnapshot {
    /// Entries folded (the checkpoint's tree size).
    pub size: u64,
    /// That tree's root hash.
    pub root: Hash,
    /// When it was published.
    pub published_at: Timestamp,
    /// Counts per signing day (UTC) and nationality.
    pub days: BTreeMap<Date, BTreeMap<CountryCode, u64>>,
}

/// Daily counts of every initiative's published log.
pub struct DailyCounts {
    log: Arc<TallyLog>,
    folds: tokio::sync::Mutex<HashMap<String, DailyTally>>,
}

impl DailyCounts {
    /// Daily counts over `log`.
    pub fn new(log: Arc<TallyLog>) -> Self {
        Self {
            log,
            folds: tokio::sync::Mutex::new(HashMap::new()),
        }
    }

    /// The daily counts at the initiative's latest publication.
    pub async fn daily(&self, slug: &Slug) -> Result<DailySnapshot, LogError> {
        let published = self.log.published(slug).await?;
        let mut folds = self.folds.lock().await;
        let fold = folds.entry(slug.as_str().to_owned()).or_default();
        if fold.size() > published.size {
            // A log never shrinks; a smaller one is another log under the same slug.
            *fold = DailyTally::new();
        }
        while fold.size() < published.size {
            let tile = TileId::in_tree(TileKind::Entries, fold.size() / TILE_WIDTH, published.size)
                .ok_or(TlogError::OutOfRange {
                    index: fold.size(),
                    size: published.size,
                })?;
            let data = self
                .log
                .tile(slug, &tile.path())
                .await?
                .ok_or_else(|| TlogError::MissingTile(tile.path()))?;
            let skip = usize::try_from(fold.size() % TILE_WIDTH).unwrap_or(usize::MAX);
            for entry in parse_bundle(&tile, &data)?.iter().skip(skip) {
                fold.apply(entry)?;
            }
        }
        Ok(DailySnapshot {
            size: published.size,
            root: published.root,
            published_at: published.published_at,
            days: fold.days().clone(),
        })
    }
}
