//! The public tally logs on PostgreSQL ([`LogStore`]) on the shared pool. A publication is
//! one transaction under a per-initiative advisory lock, so two nodes never both append at
//! the same size (the loser gets `Conflict`).

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::{InitiativeId, StatementId};
use ocs_storage::{
    LogAppend, LogHead, LogPending, LogPosition, LogStore, PendingAdd, StorageError,
};
use sqlx::Row;

use crate::error::{corrupt, database};
use crate::store::PostgresStore;

/// Advisory lock space of log publications ("OCSL" above the initiative id).
const LOG_LOCK: i64 = 0x4F43_534C_i64 << 32;

fn statement_id(bytes: &[u8]) -> Result<StatementId, StorageError> {
    <[u8; 16]>::try_from(bytes)
        .map(StatementId::from_bytes)
        .map_err(|_| corrupt("statement_id"))
}

fn to_u64(value: i64, column: &'static str) -> Result<u64, StorageError> {
    u64::try_from(value).map_err(|_| corrupt(column))
}

fn to_i64(value: u64) -> Result<i64, StorageError> {
    i64::try_from(value).map_err(|_| StorageError::Other("log index out of range".into()))
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(database) if database.code().as_deref() == Some("23505"))
}

fn head_of(row: &sqlx::postgres::PgRow) -> Result<LogHead, StorageError> {
    let get = || database("reading checkpoints");
    let size: i64 = row.try_get(0).map_err(get())?;
    let published: i64 = row.try_get(3).map_err(get())?;
    Ok(LogHead {
        size: to_u64(size, "log_checkpoints.tree_size")?,
        note: row.try_get(1).map_err(get())?,
        tally: row.try_get(2).map_err(get())?,
        published_at: Timestamp::from_millisecond(published)
            .map_err(|_| corrupt("log_checkpoints.published_at_ms"))?,
    })
}

#[async_trait]
impl LogStore for PostgresStore {
    async fn log_head(&self, initiative: InitiativeId) -> Result<Option<LogHead>, StorageError> {
        let row = sqlx::query(
            "SELECT tree_size, note, tally, published_at_ms FROM log_checkpoints
             WHERE initiative_id = $1 ORDER BY tree_size DESC LIMIT 1",
        )
        .bind(i64::from(initiative.get()))
        .fetch_optional(&self.pool)
        .await
        .map_err(database("reading the checkpoint"))?;
        row.as_ref().map(head_of).transpose()
    }

    async fn log_pending(
        &self,
        initiative: InitiativeId,
        limit: u32,
    ) -> Result<LogPending, StorageError> {
        let id = i64::from(initiative.get());
        let rows = sqlx::query(
            "SELECT statement_id, log_entry FROM statements
             WHERE initiative_id = $1 AND log_index IS NULL AND log_entry IS NOT NULL
             ORDER BY sequence LIMIT $2",
        )
        .bind(id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(database("reading unpublished statements"))?;
        let adds = rows
            .iter()
            .map(|row| {
                let get = || database("reading unpublished statements");
                let id: Vec<u8> = row.try_get(0).map_err(get())?;
                Ok(PendingAdd {
                    statement: statement_id(&id)?,
                    entry: row.try_get(1).map_err(get())?,
                })
            })
            .collect::<Result<Vec<_>, StorageError>>()?;
        let gone: Vec<i64> = sqlx::query_scalar(
            "SELECT e.log_index FROM log_entries e
             WHERE e.initiative_id = $1 AND e.statement_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.statement_id = e.statement_id)
             ORDER BY e.log_index",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(database("reading withdrawn statements"))?;
        let gone = gone
            .into_iter()
            .map(|index| to_u64(index, "log_entries.log_index"))
            .collect::<Result<_, _>>()?;
        Ok(LogPending { adds, gone })
    }

    async fn log_tile(
        &self,
        initiative: InitiativeId,
        path: &str,
    ) -> Result<Option<Vec<u8>>, StorageError> {
        sqlx::query_scalar("SELECT data FROM log_tiles WHERE initiative_id = $1 AND path = $2")
            .bind(i64::from(initiative.get()))
            .bind(path)
            .fetch_optional(&self.pool)
            .await
            .map_err(database("reading a log tile"))
    }

    async fn append_log(
        &self,
        initiative: InitiativeId,
        log: LogAppend,
    ) -> Result<(), StorageError> {
        let id = i64::from(initiative.get());
        let mut transaction = self
            .pool
            .begin()
            .await
            .map_err(database("starting a log publication"))?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(LOG_LOCK | id)
            .execute(&mut *transaction)
            .await
            .map_err(database("taking the log lock"))?;
        let size: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(tree_size), 0)::BIGINT FROM log_checkpoints WHERE initiative_id = $1",
        )
        .bind(id)
        .fetch_one(&mut *transaction)
        .await
        .map_err(database("reading the log size"))?;
        if to_u64(size, "log_checkpoints.tree_size")? != log.old_size {
            return Err(StorageError::Conflict);
        }
        for record in &log.records {
            let inserted = sqlx::query(
                "INSERT INTO log_entries (initiative_id, log_index, entry, statement_id)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(to_i64(record.index)?)
            .bind(&record.entry)
            .bind(record.statement.as_ref().map(|s| s.as_bytes().to_vec()))
            .execute(&mut *transaction)
            .await;
            match inserted {
                Err(error) if is_unique_violation(&error) => return Err(StorageError::Conflict),
                other => other.map_err(database("appending a log entry"))?,
            };
            if let Some(statement) = &record.statement {
                sqlx::query(
                    "UPDATE statements SET log_index = $1
                     WHERE initiative_id = $2 AND statement_id = $3",
                )
                .bind(to_i64(record.index)?)
                .bind(id)
                .bind(statement.as_bytes().as_slice())
                .execute(&mut *transaction)
                .await
                .map_err(database("marking a statement published"))?;
            }
            if let Some(target) = record.withdraws {
                sqlx::query(
                    "UPDATE log_entries SET statement_id = NULL
                     WHERE initiative_id = $1 AND log_index = $2",
                )
                .bind(id)
                .bind(to_i64(target)?)
                .execute(&mut *transaction)
                .await
                .map_err(database("closing a withdrawn entry"))?;
            }
        }
        for (path, data) in &log.tiles {
            sqlx::query(
                "INSERT INTO log_tiles (initiative_id, path, data) VALUES ($1, $2, $3)
                 ON CONFLICT (initiative_id, path) DO NOTHING",
            )
            .bind(id)
            .bind(path)
            .bind(data.as_slice())
            .execute(&mut *transaction)
            .await
            .map_err(database("storing a log tile"))?;
        }
        let head = &log.head;
        let inserted = sqlx::query(
            "INSERT INTO log_checkpoints (initiative_id, tree_size, note, tally, published_at_ms)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(to_i64(head.size)?)
        .bind(&head.note)
        .bind(&head.tally)
        .bind(head.published_at.as_millisecond())
        .execute(&mut *transaction)
        .await;
        match inserted {
            Err(error) if is_unique_violation(&error) => return Err(StorageError::Conflict),
            other => other.map_err(database("storing a checkpoint"))?,
        };
        transaction
            .commit()
            .await
            .map_err(database("committing a log publication"))
    }

    async fn log_position(
        &self,
        initiative: InitiativeId,
        statement: StatementId,
    ) -> Result<Option<LogPosition>, StorageError> {
        let row = sqlx::query(
            "SELECT s.log_index, s.log_entry, e.entry, s.envelope FROM statements s
             LEFT JOIN log_entries e
               ON e.initiative_id = s.initiative_id AND e.log_index = s.log_index
             WHERE s.initiative_id = $1 AND s.statement_id = $2",
        )
        .bind(i64::from(initiative.get()))
        .bind(statement.as_bytes().as_slice())
        .fetch_optional(&self.pool)
        .await
        .map_err(database("reading a statement's log position"))?;
        let Some(row) = row else { return Ok(None) };
        let get = || database("reading a statement's log position");
        let index: Option<i64> = row.try_get(0).map_err(get())?;
        let pending: Option<String> = row.try_get(1).map_err(get())?;
        let entry: Option<String> = row.try_get(2).map_err(get())?;
        let envelope: Vec<u8> = row.try_get(3).map_err(get())?;
        Ok(match (index, pending, entry) {
            (Some(index), _, Some(entry)) => Some(LogPosition::Published {
                index: to_u64(index, "statements.log_index")?,
                entry,
                envelope,
            }),
            (None, Some(_), _) => Some(LogPosition::Pending),
            _ => None,
        })
    }

    async fn log_checkpoints(
        &self,
        initiative: InitiativeId,
    ) -> Result<Vec<LogHead>, StorageError> {
        let rows = sqlx::query(
            "SELECT tree_size, note, tally, published_at_ms FROM log_checkpoints
             WHERE initiative_id = $1 ORDER BY tree_size",
        )
        .bind(i64::from(initiative.get()))
        .fetch_all(&self.pool)
        .await
        .map_err(database("reading checkpoints"))?;
        rows.iter().map(head_of).collect()
    }
}
