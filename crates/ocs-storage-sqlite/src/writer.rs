//! The writer thread: the one owner of the read-write connection. It takes everything queued
//! (up to `max_batch`), writes it in one transaction, commits (fsync), advances the counters,
//! and only then answers each waiting caller (group commit). Between two batches it also
//! runs the rare other writes queued to it ([`Chore`], the tally-log publication), so those
//! never hold the write lock against it from another connection.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;

use ocs_storage::{Recorded, SealedStatement, StorageError};
use rusqlite::{Connection, TransactionBehavior};
use tokio::sync::{mpsc, oneshot};

use crate::claims::{self, PendingClaims};
use crate::counters::{Counted, Counters};
use crate::error::{database, is_constraint};

/// The insert of one statement. A known (initiative, tag) pair changes no row; any other
/// constraint (a repeated statement identifier) fails that row alone.
const INSERT: &str = "INSERT INTO statements
    (initiative_id, statement_id, nationality, submitted_at_ms, dedup_tag, envelope, test,
     receipt_verifier, paper, log_entry)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
    ON CONFLICT (initiative_id, dedup_tag) DO NOTHING";

/// A duplicate's receipt, kept so that checking or withdrawing it answers like a first
/// signature's (`migrations/sqlite/0004_selfservice.sql`).
const INSERT_ALIAS: &str = "INSERT OR IGNORE INTO receipt_aliases
    (statement_id, initiative_id, dedup_tag, receipt_verifier)
    VALUES (?1, ?2, ?3, ?4)";

/// One queued call of `record_statement`.
pub(crate) struct Job {
    pub statement: SealedStatement,
    pub reply: oneshot::Sender<Result<Recorded, StorageError>>,
}

/// Other work for the writer's connection, run between two statement batches. It answers
/// its caller itself (through a channel it captured).
pub(crate) type Chore = Box<dyn FnOnce(&mut Connection) + Send>;

/// What the writer's queue carries.
pub(crate) enum Work {
    /// A statement to record in the next group commit.
    Statement(Job),
    /// Work run on its own, after the statements queued before it are committed.
    Chore(Chore),
}

/// Counters shared between the writer and the store handle.
#[derive(Debug, Default)]
pub(crate) struct WriterStats {
    pub committed: AtomicU64,
    pub duplicates: AtomicU64,
    pub batches: AtomicU64,
    pub rejected_busy: AtomicU64,
}

/// What became of one statement in a batch.
#[derive(Debug)]
pub(crate) enum RowOutcome {
    Inserted(u64),
    Duplicate,
    Failed(StorageError),
}

/// Starts the writer thread. It runs until every sender is dropped and the queue is empty.
pub(crate) fn spawn(
    connection: Connection,
    queue: mpsc::Receiver<Work>,
    counters: Arc<Counters>,
    stats: Arc<WriterStats>,
    max_batch: usize,
    pending: PendingClaims,
) -> std::io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("ocs-sqlite-writer".to_owned())
        .spawn(move || run(connection, queue, &counters, &stats, max_batch, &pending))
}

fn run(
    mut connection: Connection,
    mut queue: mpsc::Receiver<Work>,
    counters: &Counters,
    stats: &WriterStats,
    max_batch: usize,
    pending: &PendingClaims,
) {
    tracing::debug!(max_batch, "sqlite writer started");
    let mut jobs: Vec<Job> = Vec::with_capacity(max_batch);
    // Block for the first job only; then take whatever else is already queued, without
    // waiting: the batch grows with the load, and a lone statement is not delayed. A chore
    // ends the batch: the statements before it are committed first, in queue order.
    while let Some(first) = queue.blocking_recv() {
        let mut chore = None;
        match first {
            Work::Statement(job) => jobs.push(job),
            Work::Chore(work) => chore = Some(work),
        }
        while chore.is_none() && jobs.len() < max_batch {
            match queue.try_recv() {
                Ok(Work::Statement(job)) => jobs.push(job),
                Ok(Work::Chore(work)) => chore = Some(work),
                Err(_) => break,
            }
        }
        if !jobs.is_empty() {
            commit_and_answer(&mut connection, &mut jobs, counters, stats, pending);
        }
        if let Some(work) = chore {
            run_chore(&mut connection, work);
        }
    }
    // Claims granted since the last batch (their statements were not stored).
    let left = claims::take(pending);
    if let Err(error) = claims::write(&connection, &left) {
        tracing::warn!(%error, claims = left.len(), "storing the last claims failed");
    }
    tracing::debug!("sqlite writer stopped: queue closed and drained");
}

/// Runs one chore. A panic in it is caught, so the statement writer lives on; its open
/// transaction was rolled back by the unwinding, and its caller hears that the answer
/// channel closed.
fn run_chore(connection: &mut Connection, work: Chore) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || work(connection)));
    if outcome.is_err() {
        tracing::error!("a chore on the writer connection panicked");
    }
}

/// Writes and commits one batch, then answers its callers; leaves `jobs` empty.
fn commit_and_answer(
    connection: &mut Connection,
    jobs: &mut Vec<Job>,
    counters: &Counters,
    stats: &WriterStats,
    pending: &PendingClaims,
) {
    let size = jobs.len();
    // The single-use claims granted since the last batch ride along (`claims`).
    let claimed = claims::take(pending);
    let written =
        write_batch_with_claims(connection, &claimed, jobs.iter().map(|job| &job.statement));
    if written.is_err() {
        claims::put_back(pending, claimed);
    }
    match written {
        Ok(outcomes) => {
            // The commit is durable: count first, so a caller that reads the counts right
            // after its answer sees its own statement.
            counters.add(jobs.iter().zip(&outcomes).filter_map(|(job, outcome)| {
                matches!(outcome, RowOutcome::Inserted(_)).then_some(Counted {
                    initiative: job.statement.initiative,
                    nationality: job.statement.nationality,
                    submitted_at: job.statement.submitted_at,
                })
            }));
            let inserted = outcomes
                .iter()
                .filter(|o| matches!(o, RowOutcome::Inserted(_)));
            let duplicates = outcomes
                .iter()
                .filter(|o| matches!(o, RowOutcome::Duplicate));
            let (inserted, duplicates) = (inserted.count() as u64, duplicates.count() as u64);
            stats.committed.fetch_add(inserted, Ordering::Relaxed);
            stats.duplicates.fetch_add(duplicates, Ordering::Relaxed);
            stats.batches.fetch_add(1, Ordering::Relaxed);
            let mut sequences = outcomes.iter().filter_map(|outcome| match outcome {
                RowOutcome::Inserted(sequence) => Some(*sequence),
                _ => None,
            });
            let first_sequence = sequences.next();
            let last_sequence = sequences.next_back().or(first_sequence);
            tracing::debug!(
                size,
                inserted,
                duplicates,
                first_sequence,
                last_sequence,
                "batch committed"
            );
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
            // Rolled back: nothing of this batch is stored and the counters are untouched.
            tracing::error!(size, %error, "batch rolled back");
            for job in jobs.drain(..) {
                let answer = StorageError::Unavailable(format!("commit failed: {error}"));
                let _ = job.reply.send(Err(answer));
            }
        }
    }
}

/// [`write_batch_with_claims`] without claims (the unit tests' entry point).
#[cfg(test)]
pub(crate) fn write_batch<'a>(
    connection: &mut Connection,
    statements: impl Iterator<Item = &'a SealedStatement>,
) -> Result<Vec<RowOutcome>, rusqlite::Error> {
    write_batch_with_claims(connection, &[], statements)
}

/// Inserts every statement in one `BEGIN IMMEDIATE … COMMIT` and returns one outcome per
/// statement, in order. The unique key catches a duplicate tag whether the first copy was
/// committed earlier or sits earlier in this very batch. The single-use claims `claimed`
/// are stored in the same transaction (`crate::claims`).
///
/// An error of a single row other than a constraint (disk full, I/O) may have rolled the
/// transaction back, so it fails the whole batch, as does a failed `COMMIT`.
pub(crate) fn write_batch_with_claims<'a>(
    connection: &mut Connection,
    claimed: &[(ocs_storage::ClaimKey, i64)],
    statements: impl Iterator<Item = &'a SealedStatement>,
) -> Result<Vec<RowOutcome>, rusqlite::Error> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    claims::write(&transaction, claimed)?;
    let mut outcomes = Vec::new();
    {
        let mut insert = transaction.prepare_cached(INSERT)?;
        let mut alias = transaction.prepare_cached(INSERT_ALIAS)?;
        for statement in statements {
            let changed = insert.execute((
                i64::from(statement.initiative.get()),
                statement.id.as_bytes(),
                statement.nationality.as_str(),
                statement.submitted_at.as_millisecond(),
                statement.tag.as_bytes(),
                &statement.envelope,
                statement.test,
                statement
                    .receipt_verifier
                    .as_ref()
                    .map(<[u8; 32]>::as_slice),
                statement.paper,
                statement.log_entry.as_deref(),
            ));
            let outcome = match changed {
                Ok(0) => {
                    if let Some(verifier) = &statement.receipt_verifier {
                        alias.execute((
                            statement.id.as_bytes(),
                            i64::from(statement.initiative.get()),
                            statement.tag.as_bytes(),
                            verifier.as_slice(),
                        ))?;
                    }
                    RowOutcome::Duplicate
                }
                Ok(_) => {
                    // Never negative: sequences are assigned by SQLite, from 1 upwards.
                    let rowid = transaction.last_insert_rowid();
                    let sequence = u64::try_from(rowid)
                        .map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, rowid))?;
                    RowOutcome::Inserted(sequence)
                }
                // SQLite undid this one statement; the transaction goes on.
                Err(error) if is_constraint(&error) => {
                    tracing::warn!(%error, "statement refused by a constraint");
                    RowOutcome::Failed(database("inserting a statement")(error))
                }
                Err(error) => return Err(error),
            };
            outcomes.push(outcome);
        }
    }
    // Dropping an uncommitted transaction rolls it back, also after a failed COMMIT.
    transaction.commit()?;
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};

    use super::*;
    use crate::connection::open_writer;
    use crate::migrate::run_pending;

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

    fn fresh() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let (mut connection, _) = open_writer(&dir.path().join("ocs.db")).unwrap();
        run_pending(&mut connection).unwrap();
        (dir, connection)
    }

    fn rows(connection: &Connection) -> i64 {
        connection
            .query_row("SELECT COUNT(*) FROM statements", [], |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn one_batch_catches_its_own_duplicates_and_survives_a_failed_row() {
        let (_dir, mut connection) = fresh();
        let batch = [
            sealed(1, 1),
            sealed(2, 1), // same tag as the first, same batch
            sealed(1, 3), // same statement identifier as the first: a constraint error
            sealed(4, 4),
        ];
        let outcomes = write_batch(&mut connection, batch.iter()).unwrap();
        assert!(
            matches!(
                outcomes.as_slice(),
                [
                    RowOutcome::Inserted(1),
                    RowOutcome::Duplicate,
                    RowOutcome::Failed(StorageError::Other(_)),
                    RowOutcome::Inserted(2)
                ]
            ),
            "{outcomes:?}"
        );
        assert_eq!(rows(&connection), 2);
        // Committed: a later batch sees the tags.
        let again = write_batch(&mut connection, [sealed(5, 4)].iter()).unwrap();
        assert!(matches!(again.as_slice(), [RowOutcome::Duplicate]));
    }

    #[test]
    fn a_failed_batch_answers_unavailable_and_counts_nothing() {
        let (_dir, mut connection) = fresh();
        // Make every write fail the way a broken disk would: not a constraint error.
        connection.pragma_update(None, "query_only", true).unwrap();
        let counters = Counters::default();
        let stats = WriterStats::default();
        let mut jobs = Vec::new();
        let mut answers = Vec::new();
        for id in 1..=3 {
            let (reply, answer) = oneshot::channel();
            jobs.push(Job {
                statement: sealed(id, id),
                reply,
            });
            answers.push(answer);
        }
        commit_and_answer(
            &mut connection,
            &mut jobs,
            &counters,
            &stats,
            &PendingClaims::default(),
        );
        assert!(jobs.is_empty());
        for mut answer in answers {
            assert!(matches!(
                answer.try_recv(),
                Ok(Err(StorageError::Unavailable(_)))
            ));
        }
        assert_eq!(counters.totals(), (0, 0));
        assert_eq!(stats.batches.load(Ordering::Relaxed), 0);
        connection.pragma_update(None, "query_only", false).unwrap();
        assert_eq!(rows(&connection), 0);
    }

    fn claims(connection: &Connection) -> i64 {
        connection
            .query_row("SELECT COUNT(*) FROM used_claims", [], |row| row.get(0))
            .unwrap()
    }

    /// Claims granted since the last batch are stored in the batch's transaction; a batch
    /// that fails keeps them pending for the next one.
    #[test]
    fn pending_claims_ride_along_with_the_next_batch() {
        let (_dir, mut connection) = fresh();
        let counters = Counters::default();
        let stats = WriterStats::default();
        let pending = PendingClaims::default();
        pending.lock().push((
            ocs_storage::ClaimKey::from_bytes([7; 32]),
            1_750_000_600_000,
        ));
        pending.lock().push((
            ocs_storage::ClaimKey::from_bytes([8; 32]),
            1_750_000_600_000,
        ));
        connection.pragma_update(None, "query_only", true).unwrap();
        let (reply, _answer) = oneshot::channel();
        let mut jobs = vec![Job {
            statement: sealed(1, 1),
            reply,
        }];
        commit_and_answer(&mut connection, &mut jobs, &counters, &stats, &pending);
        connection.pragma_update(None, "query_only", false).unwrap();
        assert_eq!(claims(&connection), 0);
        assert_eq!(
            pending.lock().len(),
            2,
            "a failed batch keeps its claims pending"
        );
        let (reply, _answer) = oneshot::channel();
        let mut jobs = vec![Job {
            statement: sealed(2, 2),
            reply,
        }];
        commit_and_answer(&mut connection, &mut jobs, &counters, &stats, &pending);
        assert_eq!((rows(&connection), claims(&connection)), (1, 2));
        assert!(pending.lock().is_empty());
    }

    /// A chore runs after the statements queued before it are committed, on the writer's
    /// connection; one that panics rolls back its own writes and the writer goes on.
    #[test]
    fn chores_run_in_queue_order_and_a_panicking_one_leaves_the_writer_running() {
        let (dir, connection) = fresh();
        let (queue, receiver) = mpsc::channel(16);
        let writer = spawn(
            connection,
            receiver,
            Arc::new(Counters::default()),
            Arc::new(WriterStats::default()),
            8,
            PendingClaims::default(),
        )
        .unwrap();
        let statement = |id: u8| {
            let (reply, answer) = oneshot::channel();
            let job = Job {
                statement: sealed(id, id),
                reply,
            };
            queue.try_send(Work::Statement(job)).unwrap();
            answer
        };
        let first = statement(1);
        let second = statement(2);
        let (seen, rows_seen) = oneshot::channel();
        let count: Chore = Box::new(move |connection| {
            let _ = seen.send(rows(connection));
        });
        queue.try_send(Work::Chore(count)).unwrap();
        let panicking: Chore = Box::new(|connection| {
            let transaction = connection.transaction().unwrap();
            transaction.execute("DELETE FROM statements", []).unwrap();
            panic!("a chore failed half-way");
        });
        queue.try_send(Work::Chore(panicking)).unwrap();
        let third = statement(3);
        drop(queue);
        writer.join().expect("the writer thread survived the chore");
        assert_eq!(rows_seen.blocking_recv().unwrap(), 2);
        for answer in [first, second, third] {
            assert!(matches!(answer.blocking_recv(), Ok(Ok(_))));
        }
        let reopened = Connection::open(dir.path().join("ocs.db")).unwrap();
        assert_eq!(
            rows(&reopened),
            3,
            "the panicking chore's delete was rolled back"
        );
    }

    #[test]
    fn answers_come_after_the_counts_moved() {
        let (_dir, mut connection) = fresh();
        let counters = Counters::default();
        let stats = WriterStats::default();
        let (reply, mut answer) = oneshot::channel();
        let mut jobs = vec![Job {
            statement: sealed(9, 9),
            reply,
        }];
        commit_and_answer(
            &mut connection,
            &mut jobs,
            &counters,
            &stats,
            &PendingClaims::default(),
        );
        assert!(matches!(
            answer.try_recv(),
            Ok(Ok(Recorded { sequence: 1 }))
        ));
        assert_eq!(
            counters
                .snapshot(InitiativeId::new(1))
                .count(CountryCode::LU),
            1
        );
        assert_eq!(stats.committed.load(Ordering::Relaxed), 1);
    }
}
