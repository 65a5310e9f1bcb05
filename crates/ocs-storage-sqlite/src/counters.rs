//! The in-memory counts per initiative and nationality: rebuilt from the rows with one
//! `GROUP BY` at open, then advanced by the writer after each commit.
//!
//! Counts are served per request. Reading them from SQL would scan the table; keeping a
//! counter row updated per statement would rewrite one hot page per statement (the UK
//! petitions outage of 2019). Memory, advanced only after a durable commit, is exact and
//! costs a read lock.

use std::collections::HashMap;

use jiff::Timestamp;
use ocs_domain::{CountSnapshot, CountryCode, InitiativeId};
use ocs_storage::StorageError;
use parking_lot::RwLock;
use rusqlite::Connection;

use crate::error::{corrupt, database};

/// Committed statements per initiative and nationality.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    by_initiative: RwLock<HashMap<InitiativeId, CountSnapshot>>,
}

/// One committed statement, as far as counting goes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Counted {
    pub initiative: InitiativeId,
    pub nationality: CountryCode,
    pub submitted_at: Timestamp,
}

impl Counters {
    /// Counts every committed row with one `GROUP BY`.
    pub(crate) fn load(connection: &Connection) -> Result<Self, StorageError> {
        let mut query = connection
            .prepare(
                "SELECT initiative_id, nationality, COUNT(*), MAX(submitted_at_ms)
                 FROM statements GROUP BY initiative_id, nationality",
            )
            .map_err(database("counting statements"))?;
        let mut rows = query.query([]).map_err(database("counting statements"))?;
        let mut by_initiative: HashMap<InitiativeId, CountSnapshot> = HashMap::new();
        while let Some(row) = rows.next().map_err(database("counting statements"))? {
            let initiative: i64 = row.get(0).map_err(database("counting statements"))?;
            let nationality: String = row.get(1).map_err(database("counting statements"))?;
            let count: i64 = row.get(2).map_err(database("counting statements"))?;
            let latest_ms: i64 = row.get(3).map_err(database("counting statements"))?;
            let initiative = u32::try_from(initiative)
                .map(InitiativeId::new)
                .map_err(|_| corrupt("statements.initiative_id"))?;
            let nationality =
                CountryCode::parse(&nationality).map_err(|_| corrupt("statements.nationality"))?;
            let count = u64::try_from(count).map_err(|_| corrupt("statements"))?;
            let latest = Timestamp::from_millisecond(latest_ms)
                .map_err(|_| corrupt("statements.submitted_at_ms"))?;
            let snapshot = by_initiative.entry(initiative).or_default();
            snapshot.by_country.insert(nationality, count);
            snapshot.updated_at = snapshot.updated_at.max(Some(latest));
        }
        Ok(Self {
            by_initiative: RwLock::new(by_initiative),
        })
    }

    /// The counts of one initiative; empty when it has no statement.
    pub(crate) fn snapshot(&self, initiative: InitiativeId) -> CountSnapshot {
        self.by_initiative
            .read()
            .get(&initiative)
            .cloned()
            .unwrap_or_default()
    }

    /// Adds statements that are committed. Call only after the commit succeeded.
    pub(crate) fn add(&self, committed: impl IntoIterator<Item = Counted>) {
        let mut by_initiative = self.by_initiative.write();
        for statement in committed {
            let snapshot = by_initiative.entry(statement.initiative).or_default();
            *snapshot
                .by_country
                .entry(statement.nationality)
                .or_default() += 1;
            snapshot.updated_at = snapshot.updated_at.max(Some(statement.submitted_at));
        }
    }

    /// Takes one withdrawn statement out. Call only after the delete committed.
    pub(crate) fn remove(&self, initiative: InitiativeId, nationality: CountryCode) {
        let mut by_initiative = self.by_initiative.write();
        if let Some(snapshot) = by_initiative.get_mut(&initiative)
            && let Some(count) = snapshot.by_country.get_mut(&nationality)
        {
            *count = count.saturating_sub(1);
            if *count == 0 {
                snapshot.by_country.remove(&nationality);
            }
        }
    }

    /// Takes erased statements off the counts. Call only after the deletion committed.
    pub(crate) fn remove_many(&self, initiative: InitiativeId, erased: &[(CountryCode, u64)]) {
        let mut by_initiative = self.by_initiative.write();
        let Some(snapshot) = by_initiative.get_mut(&initiative) else {
            return;
        };
        for (nationality, count) in erased {
            if let Some(n) = snapshot.by_country.get_mut(nationality) {
                *n = n.saturating_sub(*count);
                if *n == 0 {
                    snapshot.by_country.remove(nationality);
                }
            }
        }
    }

    /// Forgets a destroyed initiative. Call only after the delete committed.
    pub(crate) fn clear(&self, initiative: InitiativeId) {
        self.by_initiative.write().remove(&initiative);
    }

    /// Initiatives and statements counted, for the log line at open.
    pub(crate) fn totals(&self) -> (usize, u64) {
        let by_initiative = self.by_initiative.read();
        (
            by_initiative.len(),
            by_initiative.values().map(CountSnapshot::total).sum(),
        )
    }
}
