//! Every SQL statement the backend sends, in one place, so one test can prepare them all
//! against a real server (the queries are checked at run time, not at compile time).

/// Advisory-lock key under which migrations run (an arbitrary constant: "OCSMIGR").
pub(crate) const MIGRATION_LOCK: i64 = 0x004F_4353_4D49_4752;
/// Advisory-lock key the writers of all nodes take around each batch ("OCSWRIT").
pub(crate) const WRITER_LOCK: i64 = 0x004F_4353_5752_4954;

/// Holds an advisory lock until the end of the transaction.
pub(crate) const ADVISORY_LOCK: &str = "SELECT pg_advisory_xact_lock($1)";

pub(crate) const CREATE_SCHEMA_MIGRATIONS: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version       BIGINT PRIMARY KEY,
    name          TEXT   NOT NULL,
    applied_at_ms BIGINT NOT NULL
)";

pub(crate) const MIGRATION_NAME: &str = "SELECT name FROM schema_migrations WHERE version = $1";

/// The server's clock, not ours: this is bookkeeping, not a time any rule depends on.
pub(crate) const RECORD_MIGRATION: &str =
    "INSERT INTO schema_migrations (version, name, applied_at_ms)
     VALUES ($1, $2, (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT)";

pub(crate) const NEWEST_MIGRATION: &str = "SELECT MAX(version) FROM schema_migrations";

/// Whether `schema_migrations` exists (in the connection's search path).
pub(crate) const HAS_SCHEMA_MIGRATIONS: &str =
    "SELECT to_regclass('schema_migrations') IS NOT NULL";

/// Every recorded migration, for the check before serving.
pub(crate) const RECORDED_MIGRATIONS: &str = "SELECT version, name FROM schema_migrations";

/// One batch in one round trip: insert every row whose tag and identifier are new, add the
/// inserted rows to this node's counter slot, return what was inserted.
///
/// `ON CONFLICT DO NOTHING` (no target) skips a row that collides with a committed row or
/// with an earlier row of the same batch, on either unique key: exactly one copy of a tag
/// wins. The caller tells a duplicate tag from a reused identifier with [`EXISTING_TAGS`].
/// The counter upsert reads the inserted rows only, so a skipped row counts nothing.
pub(crate) const INSERT_BATCH: &str = "WITH input AS (
    SELECT *
    FROM UNNEST($1::BIGINT[], $2::BYTEA[], $3::TEXT[], $4::BIGINT[], $5::BYTEA[], $6::BYTEA[],
                $7::BOOLEAN[], $9::BYTEA[], $10::BOOLEAN[], $11::TEXT[])
        WITH ORDINALITY
        AS t(initiative_id, statement_id, nationality, submitted_at_ms, dedup_tag, envelope,
             test, receipt_verifier, paper, log_entry, position)
), inserted AS (
    INSERT INTO statements
        (initiative_id, statement_id, nationality, submitted_at_ms, dedup_tag, envelope, test,
         receipt_verifier, paper, log_entry)
    SELECT initiative_id, statement_id, nationality, submitted_at_ms, dedup_tag, envelope, test,
        receipt_verifier, paper, log_entry
    FROM input
    ORDER BY position
    ON CONFLICT DO NOTHING
    RETURNING sequence, statement_id, initiative_id, nationality, submitted_at_ms, dedup_tag
), counted AS (
    INSERT INTO statement_counts AS c (initiative_id, nationality, slot, n, latest_ms)
    SELECT initiative_id, nationality, $8::SMALLINT, COUNT(*), MAX(submitted_at_ms)
    FROM inserted
    GROUP BY initiative_id, nationality
    ON CONFLICT (initiative_id, nationality, slot) DO UPDATE
        SET n = c.n + EXCLUDED.n,
            latest_ms = GREATEST(c.latest_ms, EXCLUDED.latest_ms)
)
SELECT initiative_id, dedup_tag, statement_id, sequence FROM inserted";

/// Which of the given (initiative, tag) pairs are stored, this transaction's rows included.
pub(crate) const EXISTING_TAGS: &str = "SELECT t.initiative_id, t.dedup_tag
    FROM UNNEST($1::BIGINT[], $2::BYTEA[]) AS t(initiative_id, dedup_tag)
    WHERE EXISTS (
        SELECT 1 FROM statements s
        WHERE s.initiative_id = t.initiative_id AND s.dedup_tag = t.dedup_tag
    )";

/// Paper statements of one initiative per nationality (console figures, not per request).
pub(crate) const PAPER_COUNTS: &str = "SELECT nationality, COUNT(*)::BIGINT FROM statements
    WHERE initiative_id = $1 AND paper GROUP BY nationality";

/// Duplicates' receipts (see `migrations/postgres/0004_selfservice.sql`).
pub(crate) const INSERT_ALIASES: &str = "INSERT INTO receipt_aliases
        (statement_id, initiative_id, dedup_tag, receipt_verifier)
    SELECT * FROM UNNEST($1::BYTEA[], $2::BIGINT[], $3::BYTEA[], $4::BYTEA[])
    ON CONFLICT DO NOTHING";

/// A statement's receipt verifier.
pub(crate) const FIND_STATEMENT_RECEIPT: &str = "SELECT receipt_verifier FROM statements
    WHERE statement_id = $1 AND initiative_id = $2";

/// A duplicate's receipt, and whether the statement it repeated is stored.
pub(crate) const FIND_ALIAS_RECEIPT: &str = "SELECT a.receipt_verifier, EXISTS (
        SELECT 1 FROM statements s
        WHERE s.initiative_id = a.initiative_id AND s.dedup_tag = a.dedup_tag)
    FROM receipt_aliases a
    WHERE a.statement_id = $1 AND a.initiative_id = $2";

/// Deletes one statement and takes it out of this node's counter slot, in one statement.
/// The slot may go below zero; the public count is the sum over slots.
pub(crate) const WITHDRAW_STATEMENT: &str = "WITH gone AS (
    DELETE FROM statements WHERE statement_id = $1 AND initiative_id = $2
    RETURNING initiative_id, nationality
), counted AS (
    INSERT INTO statement_counts AS c (initiative_id, nationality, slot, n, latest_ms)
    SELECT initiative_id, nationality, $3::SMALLINT, -1, 0 FROM gone
    ON CONFLICT (initiative_id, nationality, slot) DO UPDATE SET n = c.n - 1
)
SELECT COUNT(*)::BIGINT FROM gone";

pub(crate) const WITHDRAW_ALIAS: &str =
    "DELETE FROM receipt_aliases WHERE statement_id = $1 AND initiative_id = $2";

/// How long one `VACUUM FULL` waits for its exclusive lock. While it waits, every later
/// query on the table queues behind it (signing would stall), so it gives up instead and the
/// pending destruction compacts again at the next run.
pub(crate) const COMPACT_LOCK_TIMEOUT: &str = "SET lock_timeout = '5s'";

/// Sessions of this database (or standbys sending feedback, or prepared transactions) whose
/// snapshot began before this moment: asked after the deletes committed, so any snapshot
/// that may still see the deleted rows is counted (a younger one is too, which only delays
/// the compaction). `VACUUM FULL` cannot drop rows such a snapshot sees.
pub(crate) const SNAPSHOTS_BEFORE_NOW: &str = "SELECT
    (SELECT COUNT(*) FROM pg_stat_activity
      WHERE pid <> pg_backend_pid() AND backend_xmin IS NOT NULL
        AND (datname = current_database() OR backend_type = 'walsender')
        AND COALESCE(xact_start, query_start, backend_start) < clock_timestamp())
  + (SELECT COUNT(*) FROM pg_prepared_xacts WHERE database = current_database())";

/// The public counts: the sum over every node's slot, one index range.
pub(crate) const COUNTS: &str = "SELECT nationality, SUM(n)::BIGINT, MAX(latest_ms)
    FROM statement_counts
    WHERE initiative_id = $1
    GROUP BY nationality";

/// Export paging, served by the `(initiative_id, sequence)` index.
pub(crate) const STATEMENTS_PAGE: &str =
    "SELECT sequence, statement_id, nationality, submitted_at_ms, envelope, test, dedup_tag, paper
    FROM statements
    WHERE initiative_id = $1 AND sequence > $2
    ORDER BY sequence
    LIMIT $3";

pub(crate) const PROBE: &str = "SELECT 1::BIGINT";

/// Takes a claim if the key is new or its earlier claim has expired at `$3`.
pub(crate) const CLAIM_ONCE: &str = "INSERT INTO used_claims AS u (key, expires_at_ms)
    VALUES ($1, $2)
    ON CONFLICT (key) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms
        WHERE u.expires_at_ms <= $3
    RETURNING key";

pub(crate) const PRUNE_CLAIMS: &str = "DELETE FROM used_claims WHERE expires_at_ms <= $1";

pub(crate) const RELEASE_CLAIM: &str = "DELETE FROM used_claims WHERE key = $1";

/// Takes the lease if it is free, expired at `$4`, or already held by the same holder.
pub(crate) const TRY_LEASE: &str = "INSERT INTO job_leases AS l (job, holder, until_ms)
    VALUES ($1, $2, $3)
    ON CONFLICT (job) DO UPDATE SET holder = EXCLUDED.holder, until_ms = EXCLUDED.until_ms
        WHERE l.holder = EXCLUDED.holder OR l.until_ms <= $4
    RETURNING job";

/// Per initiative and nationality: the counter sum and the rows actually stored.
pub(crate) const COUNTS_AGAINST_ROWS: &str = "SELECT
        COALESCE(c.initiative_id, s.initiative_id),
        COALESCE(c.nationality, s.nationality),
        COALESCE(c.n, 0)::BIGINT,
        COALESCE(s.n, 0)::BIGINT
    FROM (SELECT initiative_id, nationality, SUM(n) AS n
          FROM statement_counts GROUP BY initiative_id, nationality) AS c
    FULL JOIN (SELECT initiative_id, nationality, COUNT(*) AS n
               FROM statements GROUP BY initiative_id, nationality) AS s
        ON c.initiative_id = s.initiative_id AND c.nationality = s.nationality
    ORDER BY 1, 2";

pub(crate) const DUPLICATE_TAGS: &str = "SELECT COUNT(*) FROM (
        SELECT 1 FROM statements GROUP BY initiative_id, dedup_tag HAVING COUNT(*) > 1
    ) AS d";

pub(crate) const DUPLICATE_STATEMENT_IDS: &str = "SELECT COUNT(*) FROM (
        SELECT 1 FROM statements GROUP BY statement_id HAVING COUNT(*) > 1
    ) AS d";

/// Integrity reads see one snapshot.
pub(crate) const READ_ONLY_SNAPSHOT: &str =
    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

/// Every statement above that takes parameters or runs after the migrations, for the test
/// that prepares each one against a migrated database.
#[cfg(test)]
pub(crate) const ALL: &[&str] = &[
    ADVISORY_LOCK,
    SNAPSHOTS_BEFORE_NOW,
    CREATE_SCHEMA_MIGRATIONS,
    MIGRATION_NAME,
    RECORD_MIGRATION,
    NEWEST_MIGRATION,
    HAS_SCHEMA_MIGRATIONS,
    RECORDED_MIGRATIONS,
    INSERT_BATCH,
    EXISTING_TAGS,
    COUNTS,
    INSERT_ALIASES,
    PAPER_COUNTS,
    FIND_STATEMENT_RECEIPT,
    FIND_ALIAS_RECEIPT,
    WITHDRAW_STATEMENT,
    WITHDRAW_ALIAS,
    STATEMENTS_PAGE,
    PROBE,
    CLAIM_ONCE,
    PRUNE_CLAIMS,
    RELEASE_CLAIM,
    TRY_LEASE,
    COUNTS_AGAINST_ROWS,
    DUPLICATE_TAGS,
    DUPLICATE_STATEMENT_IDS,
    READ_ONLY_SNAPSHOT,
];

#[cfg(test)]
mod tests {
    use sqlx::Executor;

    use super::ALL;
    use crate::test_db::UnitDb;

    /// Prepares (parses, resolves and plans, without running) every statement of the crate
    /// on a migrated database, so a typo or a wrong column fails here. The integration tests
    /// then run each of them for real.
    #[tokio::test]
    async fn every_statement_prepares_on_the_real_schema() {
        let db = UnitDb::create("sql").await;
        let mut connection = db.pool.acquire().await.unwrap();
        let mut failures = Vec::new();
        for statement in ALL {
            if let Err(error) = connection.prepare(statement).await {
                failures.push(format!("{error}\n{statement}"));
            }
        }
        drop(connection);
        db.drop_database().await;
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }
}
