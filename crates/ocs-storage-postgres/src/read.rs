//! Queries on the pool: the public counts, export paging and the health probe.

use jiff::Timestamp;
use ocs_domain::{CountSnapshot, CountryCode, DedupTag, InitiativeId, StatementId};
use ocs_storage::{StorageError, StoredStatement};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row};

use crate::error::{corrupt, database};
use crate::sql;

/// The counts of one initiative: the sum over every node's counter slot, exact for
/// committed data (the counter rows commit with the statements they count).
pub(crate) async fn counts(
    pool: &PgPool,
    initiative: InitiativeId,
) -> Result<CountSnapshot, StorageError> {
    let rows = sqlx::query(sql::COUNTS)
        .bind(i64::from(initiative.get()))
        .fetch_all(pool)
        .await
        .map_err(database("reading counts"))?;
    let mut snapshot = CountSnapshot::default();
    for row in rows {
        let nationality: String = row.try_get(0).map_err(database("reading counts"))?;
        let count: i64 = row.try_get(1).map_err(database("reading counts"))?;
        let latest_ms: i64 = row.try_get(2).map_err(database("reading counts"))?;
        let nationality = CountryCode::parse(&nationality)
            .map_err(|_| corrupt("statement_counts.nationality"))?;
        let count = u64::try_from(count).map_err(|_| corrupt("statement_counts.n"))?;
        let latest = Timestamp::from_millisecond(latest_ms)
            .map_err(|_| corrupt("statement_counts.latest_ms"))?;
        snapshot.by_country.insert(nationality, count);
        snapshot.updated_at = snapshot.updated_at.max(Some(latest));
    }
    Ok(snapshot)
}

/// Up to `limit` statements of `initiative` after `after_sequence`, by sequence.
pub(crate) async fn statements(
    pool: &PgPool,
    initiative: InitiativeId,
    after_sequence: u64,
    limit: u32,
) -> Result<Vec<StoredStatement>, StorageError> {
    // Sequences are positive BIGINTs: nothing comes after i64::MAX.
    let Ok(after_sequence) = i64::try_from(after_sequence) else {
        return Ok(Vec::new());
    };
    let rows = sqlx::query(sql::STATEMENTS_PAGE)
        .bind(i64::from(initiative.get()))
        .bind(after_sequence)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(database("reading statements"))?;
    rows.iter().map(|row| decode(row, initiative)).collect()
}

fn decode(row: &PgRow, initiative: InitiativeId) -> Result<StoredStatement, StorageError> {
    let sequence: i64 = row.try_get(0).map_err(database("reading statements"))?;
    let id: Vec<u8> = row.try_get(1).map_err(database("reading statements"))?;
    let nationality: String = row.try_get(2).map_err(database("reading statements"))?;
    let submitted_at_ms: i64 = row.try_get(3).map_err(database("reading statements"))?;
    let envelope: Vec<u8> = row.try_get(4).map_err(database("reading statements"))?;
    let test: bool = row.try_get(5).map_err(database("reading statements"))?;
    let tag: Vec<u8> = row.try_get(6).map_err(database("reading statements"))?;
    let paper: bool = row.try_get(7).map_err(database("reading statements"))?;
    let id: [u8; 16] = id
        .try_into()
        .map_err(|_| corrupt("statements.statement_id"))?;
    let tag: [u8; 32] = tag
        .try_into()
        .map_err(|_| corrupt("statements.dedup_tag"))?;
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
pub(crate) async fn paper_counts(
    pool: &PgPool,
    initiative: InitiativeId,
) -> Result<std::collections::BTreeMap<CountryCode, u64>, StorageError> {
    let rows = sqlx::query(sql::PAPER_COUNTS)
        .bind(i64::from(initiative.get()))
        .fetch_all(pool)
        .await
        .map_err(database("counting paper statements"))?;
    let mut counts = std::collections::BTreeMap::new();
    for row in rows {
        let nationality: String = row
            .try_get(0)
            .map_err(database("counting paper statements"))?;
        let count: i64 = row
            .try_get(1)
            .map_err(database("counting paper statements"))?;
        counts.insert(
            CountryCode::parse(&nationality).map_err(|_| corrupt("statements.nationality"))?,
            u64::try_from(count).map_err(|_| corrupt("statements"))?,
        );
    }
    Ok(counts)
}

/// A round trip to the server on a pooled connection.
pub(crate) async fn probe(pool: &PgPool) -> Result<(), StorageError> {
    sqlx::query(sql::PROBE)
        .execute(pool)
        .await
        .map_err(database("health probe"))?;
    Ok(())
}

/// Statements of `initiative` since `since` per `bucket`, oldest bucket first.
pub(crate) async fn counts_over_time(
    pool: &PgPool,
    initiative: InitiativeId,
    since: Timestamp,
    bucket: jiff::SignedDuration,
) -> Result<Vec<(Timestamp, u64)>, StorageError> {
    let width = i64::try_from(bucket.as_millis()).unwrap_or(i64::MAX).max(1);
    let rows = sqlx::query(
        "SELECT (submitted_at_ms / $3) * $3 AS bucket, COUNT(*)
         FROM statements
         WHERE initiative_id = $1 AND submitted_at_ms >= $2
         GROUP BY bucket
         ORDER BY bucket",
    )
    .bind(i64::from(initiative.get()))
    .bind(since.as_millisecond())
    .bind(width)
    .fetch_all(pool)
    .await
    .map_err(database("counting statements over time"))?;
    rows.iter()
        .map(|row| {
            let start: i64 = row
                .try_get(0)
                .map_err(database("counting statements over time"))?;
            let count: i64 = row
                .try_get(1)
                .map_err(database("counting statements over time"))?;
            Ok((
                Timestamp::from_millisecond(start)
                    .map_err(|_| corrupt("statements.submitted_at_ms"))?,
                u64::try_from(count).unwrap_or(0),
            ))
        })
        .collect()
}
