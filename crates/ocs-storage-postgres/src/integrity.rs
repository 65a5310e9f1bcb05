//! [`IntegrityReport`]: whether the counters agree with the stored rows and the unique keys
//! hold, checked over the whole database in one snapshot. For crash tests and operators.

use std::collections::BTreeMap;

use ocs_domain::InitiativeId;
use ocs_storage::StorageError;
use sqlx::{PgPool, Row};

use crate::error::{corrupt, database};
use crate::sql;

/// The counters and rows of one initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitiativeIntegrity {
    /// The initiative.
    pub initiative: InitiativeId,
    /// The sum of its counter rows over every nationality and slot.
    pub counted: u64,
    /// `count(*)` of its stored statements.
    pub stored: u64,
    /// Whether the counter sum equals the stored rows for every nationality (not only in
    /// total).
    pub counts_match: bool,
}

/// The outcome of [`crate::PostgresStore::integrity_check`]. It holds counts and
/// identifiers only, no personal data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntegrityReport {
    /// Every initiative with counter rows or statements, by identifier.
    pub initiatives: Vec<InitiativeIntegrity>,
    /// (initiative, tag) pairs stored more than once; 0 unless a unique key is broken.
    pub duplicate_tags: u64,
    /// Statement identifiers stored more than once; 0 unless a unique key is broken.
    pub duplicate_statement_ids: u64,
}

impl IntegrityReport {
    /// Whether every counter matches its rows and nothing is duplicated.
    pub fn is_ok(&self) -> bool {
        self.duplicate_tags == 0
            && self.duplicate_statement_ids == 0
            && self.initiatives.iter().all(|entry| entry.counts_match)
    }
}

/// Runs the checks in one read-only, repeatable-read transaction.
pub(crate) async fn check(pool: &PgPool) -> Result<IntegrityReport, StorageError> {
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting the integrity check"))?;
    sqlx::query(sql::READ_ONLY_SNAPSHOT)
        .execute(&mut *transaction)
        .await
        .map_err(database("starting the integrity check"))?;
    let rows = sqlx::query(sql::COUNTS_AGAINST_ROWS)
        .fetch_all(&mut *transaction)
        .await
        .map_err(database("comparing counts with rows"))?;
    let mut by_initiative: BTreeMap<u32, InitiativeIntegrity> = BTreeMap::new();
    for row in rows {
        let initiative: i64 = row.try_get(0).map_err(database("comparing counts"))?;
        let counted: i64 = row.try_get(2).map_err(database("comparing counts"))?;
        let stored: i64 = row.try_get(3).map_err(database("comparing counts"))?;
        let initiative =
            u32::try_from(initiative).map_err(|_| corrupt("statements.initiative_id"))?;
        let counted = u64::try_from(counted).map_err(|_| corrupt("statement_counts.n"))?;
        let stored = u64::try_from(stored).unwrap_or(0);
        let entry = by_initiative
            .entry(initiative)
            .or_insert(InitiativeIntegrity {
                initiative: InitiativeId::new(initiative),
                counted: 0,
                stored: 0,
                counts_match: true,
            });
        entry.counted += counted;
        entry.stored += stored;
        entry.counts_match &= counted == stored;
    }
    let duplicate_tags: i64 = sqlx::query_scalar(sql::DUPLICATE_TAGS)
        .fetch_one(&mut *transaction)
        .await
        .map_err(database("looking for duplicate tags"))?;
    let duplicate_statement_ids: i64 = sqlx::query_scalar(sql::DUPLICATE_STATEMENT_IDS)
        .fetch_one(&mut *transaction)
        .await
        .map_err(database("looking for duplicate statement identifiers"))?;
    transaction
        .commit()
        .await
        .map_err(database("ending the integrity check"))?;
    Ok(IntegrityReport {
        initiatives: by_initiative.into_values().collect(),
        duplicate_tags: u64::try_from(duplicate_tags).unwrap_or(0),
        duplicate_statement_ids: u64::try_from(duplicate_statement_ids).unwrap_or(0),
    })
}
