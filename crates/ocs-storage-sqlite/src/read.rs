//! Queries on the read-only connection: export paging and the health probe.

use jiff::Timestamp;
use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};
use ocs_storage::{StorageError, StoredStatement};
use rusqlite::{Connection, Row};

use crate::error::{corrupt, database};

/// Up to `limit` statements of `initiative` after `after_sequence`, by sequence. Served by
/// the `(initiative_id, sequence)` index.
pub(crate) fn statements(
    connection: &Connection,
    initiative: InitiativeId,
    after_sequence: u64,
    limit: u32,
) -> Result<Vec<StoredStatement>, StorageError> {
    // Sequences are SQLite rowids and never exceed i64::MAX: nothing comes after that.
    let Ok(after_sequence) = i64::try_from(after_sequence) else {
        return Ok(Vec::new());
    };
    let mut query = connection
        .prepare_cached(
            "SELECT sequence, statement_id, nationality, submitted_at_ms, envelope, test, dedup_tag,
                    paper
             FROM statements
             WHERE initiative_id = ?1 AND sequence > ?2
             ORDER BY sequence
             LIMIT ?3",
        )
        .map_err(database("reading statements"))?;
    let mut rows = query
        .query((
            i64::from(initiative.get()),
            after_sequence,
            i64::from(limit),
        ))
        .map_err(database("reading statements"))?;
    let mut statements = Vec::new();
    while let Some(row) = rows.next().map_err(database("reading statements"))? {
        statements.push(decode(row, initiative)?);
    }
    Ok(statements)
}

fn decode(row: &Row<'_>, initiative: InitiativeId) -> Result<StoredStatement, StorageError> {
    let sequence: i64 = row.get(0).map_err(database("reading statements"))?;
    let id: [u8; 16] = row.get(1).map_err(|_| corrupt("statements.statement_id"))?;
    let nationality: String = row.get(2).map_err(database("reading statements"))?;
    let submitted_at_ms: i64 = row.get(3).map_err(database("reading statements"))?;
    let envelope: Vec<u8> = row.get(4).map_err(database("reading statements"))?;
    let test: bool = row.get(5).map_err(database("reading statements"))?;
    let tag: [u8; 32] = row.get(6).map_err(|_| corrupt("statements.dedup_tag"))?;
    let paper: bool = row.get(7).map_err(database("reading statements"))?;
    Ok(StoredStatement {
        sequence: u64::try_from(sequence).map_err(|_| corrupt("statements.sequence"))?,
        id: StatementId::from_bytes(id),
        initiative,
        nationality: CountryCode::parse(&nationality)
            .map_err(|_| corrupt("statements.nationality"))?,
        submitted_at: Timestamp::from_millisecond(submitted_at_ms)
            .map_err(|_| corrupt("statements.submitted_at_ms"))?,
        tag: DedupTag::from_bytes(tag),
        envelope,
        test,
        paper,
    })
}

/// Paper statements of one initiative per nationality.
pub(crate) fn paper_counts(
    connection: &Connection,
    initiative: InitiativeId,
) -> Result<std::collections::BTreeMap<CountryCode, u64>, StorageError> {
    let mut query = connection
        .prepare_cached(
            "SELECT nationality, COUNT(*) FROM statements
             WHERE initiative_id = ?1 AND paper GROUP BY nationality",
        )
        .map_err(database("counting paper statements"))?;
    let mut rows = query
        .query([i64::from(initiative.get())])
        .map_err(database("counting paper statements"))?;
    let mut counts = std::collections::BTreeMap::new();
    while let Some(row) = rows.next().map_err(database("counting paper statements"))? {
        let nationality: String = row.get(0).map_err(database("counting paper statements"))?;
        let count: i64 = row.get(1).map_err(database("counting paper statements"))?;
        counts.insert(
            CountryCode::parse(&nationality).map_err(|_| corrupt("statements.nationality"))?,
            u64::try_from(count).map_err(|_| corrupt("statements"))?,
        );
    }
    Ok(counts)
}

/// A cheap query that touches the schema: fails if the file is gone or unreadable.
pub(crate) fn probe(connection: &Connection) -> Result<(), StorageError> {
    connection
        .query_row("SELECT COUNT(*) FROM schema_migrations", [], |row| {
            row.get::<_, i64>(0)
        })
        .map_err(database("health probe"))?;
    Ok(())
}

/// Statements of `initiative` since `since` per `bucket`, oldest bucket first.
pub(crate) fn counts_over_time(
    connection: &Connection,
    initiative: InitiativeId,
    since: Timestamp,
    bucket: jiff::SignedDuration,
) -> Result<Vec<(Timestamp, u64)>, StorageError> {
    let width = i64::try_from(bucket.as_millis()).unwrap_or(i64::MAX).max(1);
    let mut query = connection
        .prepare_cached(
            "SELECT (submitted_at_ms / ?3) * ?3 AS bucket, COUNT(*)
             FROM statements
             WHERE initiative_id = ?1 AND submitted_at_ms >= ?2
             GROUP BY bucket
             ORDER BY bucket",
        )
        .map_err(database("counting statements over time"))?;
    let rows = query
        .query_map(
            (i64::from(initiative.get()), since.as_millisecond(), width),
            |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)),
        )
        .map_err(database("counting statements over time"))?;
    let mut out = Vec::new();
    for row in rows {
        let (start, count) = row.map_err(database("counting statements over time"))?;
        out.push((
            Timestamp::from_millisecond(start)
                .map_err(|_| corrupt("statements.submitted_at_ms"))?,
            u64::try_from(count).unwrap_or(0),
        ));
    }
    Ok(out)
}
