//! The writer task of one store (one app node): it takes everything queued (up to
//! `max_batch`), writes it in one transaction, commits, and only then answers each waiting
//! caller (group commit).
//!
//! The writers of all nodes take one transaction advisory lock before inserting. Identity
//! values are handed out when a writer asks, not when it commits; without the lock, node B
//! could commit sequence 101 while node A still holds 100 uncommitted, and an exporter paging
//! "after 101" would never see 100. Under the lock, batches commit in sequence order. Group
//! commit keeps the cost small: one lock wait per batch, not per statement.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use ocs_storage::{Recorded, SealedStatement, StorageError};
use sqlx::{PgConnection, PgPool, Row};
use tokio::sync::{mpsc, oneshot};

use crate::error::{PostgresError, database};
use crate::sql;

/// One queued call of `record_statement`.
pub(crate) struct Job {
    pub statement: SealedStatement,
    pub reply: oneshot::Sender<Result<Recorded, StorageError>>,
}

/// Counters shared between the writer and the store handle.
#[derive(Debug, Default)]
pub(crate) struct WriterStats {
    pub committed: AtomicU64,
    pub duplicates: AtomicU64,
    pub batches: AtomicU64,
    pub rejected_busy: AtomicU64,
}

/// What became of one statement in a committed batch.
#[derive(Debug)]
pub(crate) enum RowOutcome {
    Inserted(u64),
    Duplicate,
    Failed(StorageError),
}

/// Runs until every sender is dropped and the queue is empty.
pub(crate) async fn run(
    pool: PgPool,
    mut queue: mpsc::Receiver<Job>,
    stats: Arc<WriterStats>,
    max_batch: usize,
    slot: i16,
) {
    tracing::debug!(max_batch, slot, "postgres writer started");
    let mut jobs: Vec<Job> = Vec::with_capacity(max_batch);
    // Wait for the first job only; then take whatever else is already queued, without
    // waiting: the batch grows with the load, and a lone statement is not delayed.
    while let Some(first) = queue.recv().await {
        jobs.push(first);
        while jobs.len() < max_batch {
            match queue.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        commit_and_answer(&pool, &mut jobs, &stats, slot).await;
    }
    pool.close().await;
    tracing::debug!("postgres writer stopped: queue closed and drained");
}

/// Writes and commits one batch, then answers its callers; leaves `jobs` empty.
async fn commit_and_answer(pool: &PgPool, jobs: &mut Vec<Job>, stats: &WriterStats, slot: i16) {
    let size = jobs.len();
    match write_batch(pool, jobs.iter().map(|job| &job.statement), slot).await {
        Ok(outcomes) => {
            let inserted = outcomes
                .iter()
                .filter(|o| matches!(o, RowOutcome::Inserted(_)))
                .count() as u64;
            let duplicates = outcomes
                .iter()
                .filter(|o| matches!(o, RowOutcome::Duplicate))
                .count() as u64;
            stats.committed.fetch_add(inserted, Ordering::Relaxed);
            stats.duplicates.fetch_add(duplicates, Ordering::Relaxed);
            stats.batches.fetch_add(1, Ordering::Relaxed);
            tracing::debug!(size, inserted, duplicates, "batch committed");
            for (job, outcome) in jobs.drain(..).zip(outcomes) {
                let answer = match outcome {
                    RowOutcome::Inserted(sequence) => Ok(Recorded { sequence }),
                    RowOutcome::Duplicate => Err(StorageError::Conflict),
                    RowOutcome::Failed(error) => Err(error),
                };
                // The caller may have gone away; its statement stays committed.
                let _ = job.reply.send(answer);
            }
        }
        Err(error) => {
            // Not committed (or not known to be: a connection lost during COMMIT). Never
            // answer success without a commit; the submit token makes a retry safe.
            let cause = chain(&error);
            tracing::error!(size, error = %cause, "batch not committed");
            for job in jobs.drain(..) {
                let answer = StorageError::Unavailable(format!("commit failed: {cause}"));
                let _ = job.reply.send(Err(answer));
            }
        }
    }
}

/// An error and its sources on one line. Driver messages hold no bound values (see
/// `error::database`), so this is safe to log.
fn chain(error: &StorageError) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Inserts every statement in one transaction and returns one outcome per statement, in
/// order. Errors fail the whole batch: the transaction is rolled back when it is dropped.
pub(crate) async fn write_batch<'a>(
    pool: &PgPool,
    statements: impl Iterator<Item = &'a SealedStatement>,
    slot: i16,
) -> Result<Vec<RowOutcome>, StorageError> {
    let statements: Vec<&SealedStatement> = statements.collect();
    let mut transaction = pool.begin().await.map_err(database("starting a batch"))?;
    sqlx::query(sql::ADVISORY_LOCK)
        .bind(sql::WRITER_LOCK)
        .execute(&mut *transaction)
        .await
        .map_err(database("taking the writer lock"))?;
    let rows = sqlx::query(sql::INSERT_BATCH)
        .bind(column(&statements, |s| i64::from(s.initiative.get())))
        .bind(column(&statements, |s| &s.id.as_bytes()[..]))
        .bind(column(&statements, |s| s.nationality.as_str()))
        .bind(column(&statements, |s| s.submitted_at.as_millisecond()))
        .bind(column(&statements, |s| &s.tag.as_bytes()[..]))
        .bind(column(&statements, |s| s.envelope.as_slice()))
        .bind(column(&statements, |s| s.test))
        .bind(slot)
        .bind(column(&statements, |s| {
            s.receipt_verifier.as_ref().map(<[u8; 32]>::as_slice)
        }))
        .bind(column(&statements, |s| s.paper))
        .bind(column(&statements, |s| s.log_entry.as_deref()))
        .fetch_all(&mut *transaction)
        .await
        .map_err(database("inserting a batch"))?;
    // Inserted rows by (initiative, tag), which is unique among them.
    let mut inserted: HashMap<(i64, Vec<u8>), (Vec<u8>, u64)> = HashMap::with_capacity(rows.len());
    for row in rows {
        let initiative: i64 = row.try_get(0).map_err(database("reading the batch"))?;
        let tag: Vec<u8> = row.try_get(1).map_err(database("reading the batch"))?;
        let id: Vec<u8> = row.try_get(2).map_err(database("reading the batch"))?;
        let sequence: i64 = row.try_get(3).map_err(database("reading the batch"))?;
        let sequence = u64::try_from(sequence).map_err(|_| PostgresError::CorruptValue {
            column: "statements.sequence",
        })?;
        inserted.insert((initiative, tag), (id, sequence));
    }
    // A job was inserted if a returned row has its tag and its identifier. Removing hands
    // the row to the first such job only: rows are inserted in batch order, so an exact
    // later copy is the one skipped.
    let inserted: Vec<Option<u64>> = statements
        .iter()
        .map(|s| {
            let key = (i64::from(s.initiative.get()), s.tag.as_bytes().to_vec());
            match inserted.get(&key) {
                Some((id, sequence)) if id.as_slice() == s.id.as_bytes() => {
                    let sequence = *sequence;
                    inserted.remove(&key);
                    Some(sequence)
                }
                _ => None,
            }
        })
        .collect();
    let outcomes = classify(&mut transaction, &statements, inserted).await?;
    record_aliases(&mut transaction, &statements, &outcomes).await?;
    transaction
        .commit()
        .await
        .map_err(database("committing a batch"))?;
    Ok(outcomes)
}

/// Keeps the receipts of this batch's duplicates (same transaction, so a duplicate's answer
/// waits for the same commit as a first signature's).
async fn record_aliases(
    transaction: &mut PgConnection,
    statements: &[&SealedStatement],
    outcomes: &[RowOutcome],
) -> Result<(), StorageError> {
    let aliases: Vec<(&SealedStatement, &[u8; 32])> = statements
        .iter()
        .zip(outcomes)
        .filter(|(_, outcome)| matches!(outcome, RowOutcome::Duplicate))
        .filter_map(|(&s, _)| s.receipt_verifier.as_ref().map(|v| (s, v)))
        .collect();
    if aliases.is_empty() {
        return Ok(());
    }
    sqlx::query(sql::INSERT_ALIASES)
        .bind(
            aliases
                .iter()
                .map(|(s, _)| &s.id.as_bytes()[..])
                .collect::<Vec<_>>(),
        )
        .bind(
            aliases
                .iter()
                .map(|(s, _)| i64::from(s.initiative.get()))
                .collect::<Vec<_>>(),
        )
        .bind(
            aliases
                .iter()
                .map(|(s, _)| &s.tag.as_bytes()[..])
                .collect::<Vec<_>>(),
        )
        .bind(aliases.iter().map(|(_, v)| &v[..]).collect::<Vec<_>>())
        .execute(&mut *transaction)
        .await
        .map_err(database("recording receipt aliases"))?;
    Ok(())
}

/// One bound array: a column of the batch.
fn column<'a, T>(
    statements: &[&'a SealedStatement],
    field: impl Fn(&'a SealedStatement) -> T,
) -> Vec<T> {
    statements.iter().map(|&s| field(s)).collect()
}

/// Turns the insert's result into outcomes. A row not inserted either repeats a stored tag
/// (the usual duplicate, also when the first copy sits earlier in this batch) or, far more
/// rarely, reuses a stored statement identifier under a new tag; one query, inside the
/// transaction and only when some row was skipped, tells them apart.
async fn classify(
    transaction: &mut PgConnection,
    statements: &[&SealedStatement],
    inserted: Vec<Option<u64>>,
) -> Result<Vec<RowOutcome>, StorageError> {
    let skipped: Vec<&SealedStatement> = statements
        .iter()
        .zip(&inserted)
        .filter_map(|(&s, sequence)| sequence.is_none().then_some(s))
        .collect();
    let mut known: HashSet<(i64, Vec<u8>)> = HashSet::new();
    if !skipped.is_empty() {
        let existing = sqlx::query(sql::EXISTING_TAGS)
            .bind(column(&skipped, |s| i64::from(s.initiative.get())))
            .bind(column(&skipped, |s| &s.tag.as_bytes()[..]))
            .fetch_all(&mut *transaction)
            .await
            .map_err(database("checking duplicate tags"))?;
        for row in existing {
            let initiative: i64 = row.try_get(0).map_err(database("reading tags"))?;
            let tag: Vec<u8> = row.try_get(1).map_err(database("reading tags"))?;
            known.insert((initiative, tag));
        }
    }
    Ok(statements
        .iter()
        .zip(inserted)
        .map(|(s, sequence)| match sequence {
            Some(sequence) => RowOutcome::Inserted(sequence),
            None if known.contains(&(i64::from(s.initiative.get()), s.tag.as_bytes().to_vec())) => {
                RowOutcome::Duplicate
            }
            None => {
                tracing::warn!("statement refused: its identifier is already stored");
                RowOutcome::Failed(PostgresError::StatementIdTaken.into())
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};

    use super::*;
    use crate::test_db::UnitDb;

    fn sealed(id: u8, tag: u8) -> SealedStatement {
        SealedStatement {
            id: StatementId::from_bytes([id; 16]),
            initiative: InitiativeId::new(1),
            nationality: CountryCode::LU,
            submitted_at: Timestamp::from_millisecond(1_750_000_000_000).unwrap(),
            tag: DedupTag::from_bytes([tag; 32]),
            envelope: vec![id, 0, tag],
            test: false,
            receipt_verifier: None,
            paper: false,
            log_entry: None,
        }
    }

    #[tokio::test]
    async fn one_batch_catches_its_own_duplicates_and_a_reused_identifier() {
        let db = UnitDb::create("writer").await;
        let batch = [
            sealed(1, 1),
            sealed(2, 1), // same tag as the first, same batch
            sealed(1, 3), // same statement identifier as the first, new tag
            sealed(4, 4),
            sealed(4, 4), // an exact copy of the previous one
        ];
        let outcomes = write_batch(&db.pool, batch.iter(), 3).await.unwrap();
        assert!(
            matches!(
                outcomes.as_slice(),
                [
                    RowOutcome::Inserted(first),
                    RowOutcome::Duplicate,
                    RowOutcome::Failed(StorageError::Other(_)),
                    RowOutcome::Inserted(second),
                    RowOutcome::Duplicate,
                ] if first < second
            ),
            "{outcomes:?}"
        );
        // Committed, with one counter row in slot 3: a later batch sees the tags.
        let again = write_batch(&db.pool, [sealed(5, 4)].iter(), 3)
            .await
            .unwrap();
        assert!(matches!(again.as_slice(), [RowOutcome::Duplicate]));
        let counters: Vec<(i16, i64)> = sqlx::query_as("SELECT slot, n FROM statement_counts")
            .fetch_all(&db.pool)
            .await
            .unwrap();
        assert_eq!(counters, [(3, 2)]);
        db.drop_database().await;
    }
}
