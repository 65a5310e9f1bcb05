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

/// Appends a publication's entries and tiles and marks what they publish and withdraw, in
/// `transaction`. One statement per kind of row, whatever the batch size: a publication after
/// a surge carries thousands of entries, and a round trip per row made it lag behind the
/// signing rate.
async fn append_rows(
    transaction: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    id: i64,
    log: &LogAppend,
) -> Result<(), StorageError> {
    let mut indexes = Vec::with_capacity(log.records.len());
    let mut entries = Vec::with_capacity(log.records.len());
    let mut statements = Vec::with_capacity(log.records.len());
    let mut published_ids = Vec::new();
    let mut published_indexes = Vec::new();
    let mut withdrawn = Vec::new();
    for record in &log.records {
        let index = to_i64(record.index)?;
        indexes.push(index);
        entries.push(record.entry.as_str());
        let statement = record.statement.as_ref().map(|s| s.as_bytes().to_vec());
        if let Some(statement) = &statement {
            published_ids.push(statement.clone());
            published_indexes.push(index);
        }
        statements.push(statement);
        if let Some(target) = record.withdraws {
            withdrawn.push(to_i64(target)?);
        }
    }
    let inserted = sqlx::query(
        "INSERT INTO log_entries (initiative_id, log_index, entry, statement_id)
         SELECT $1, t.log_index, t.entry, t.statement_id
         FROM UNNEST($2::BIGINT[], $3::TEXT[], $4::BYTEA[]) AS t(log_index, entry, statement_id)",
    )
    .bind(id)
    .bind(&indexes)
    .bind(&entries)
    .bind(&statements)
    .execute(&mut **transaction)
    .await;
    match inserted {
        Err(error) if is_unique_violation(&error) => return Err(StorageError::Conflict),
        other => other.map_err(database("appending log entries"))?,
    };
    if !published_ids.is_empty() {
        sqlx::query(
            "UPDATE statements s SET log_index = t.log_index
             FROM UNNEST($2::BYTEA[], $3::BIGINT[]) AS t(statement_id, log_index)
             WHERE s.initiative_id = $1 AND s.statement_id = t.statement_id",
        )
        .bind(id)
        .bind(&published_ids)
        .bind(&published_indexes)
        .execute(&mut **transaction)
        .await
        .map_err(database("marking statements published"))?;
    }
    if !withdrawn.is_empty() {
        sqlx::query(
            "UPDATE log_entries SET statement_id = NULL
             WHERE initiative_id = $1 AND log_index = ANY($2::BIGINT[])",
        )
        .bind(id)
        .bind(&withdrawn)
        .execute(&mut **transaction)
        .await
        .map_err(database("closing withdrawn entries"))?;
    }
    if !log.tiles.is_empty() {
        let (paths, data): (Vec<&str>, Vec<&[u8]>) = log
            .tiles
            .iter()
            .map(|(path, data)| (path.as_str(), data.as_slice()))
            .unzip();
        sqlx::query(
            "INSERT INTO log_tiles (initiative_id, path, data)
             SELECT $1, t.path, t.data FROM UNNEST($2::TEXT[], $3::BYTEA[]) AS t(path, data)
             ON CONFLICT (initiative_id, path) DO NOTHING",
        )
        .bind(id)
        .bind(&paths)
        .bind(&data)
        .execute(&mut **transaction)
        .await
        .map_err(database("storing log tiles"))?;
    }
    Ok(())
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
        append_rows(&mut transaction, id, &log).await?;
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

    async fn log_statements(
        &self,
        initiative: InitiativeId,
        from: u64,
        limit: u32,
    ) -> Result<Vec<(u64, StatementId)>, StorageError> {
        let rows = sqlx::query(
            "SELECT log_index, statement_id FROM log_entries
             WHERE initiative_id = $1 AND statement_id IS NOT NULL AND log_index >= $2
             ORDER BY log_index LIMIT $3",
        )
        .bind(i64::from(initiative.get()))
        .bind(to_i64(from)?)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(database("reading the log's statements"))?;
        rows.iter()
            .map(|row| {
                let get = || database("reading the log's statements");
                let index: i64 = row.try_get(0).map_err(get())?;
                let id: Vec<u8> = row.try_get(1).map_err(get())?;
                Ok((to_u64(index, "log_entries.log_index")?, statement_id(&id)?))
            })
            .collect()
    }
}
