//! The public tally logs on SQLite ([`LogStore`]): reads on the read-only connection, each
//! publication one `BEGIN IMMEDIATE` transaction run by the statement writer thread between
//! two group commits. On a connection of its own it would hold the write lock while the
//! writer slept in SQLite's busy handler (steps up to 100 ms): under load that stall showed
//! as a p99.9 of about a second and a wave of 503s. The service publishes in slices
//! (`ocs_service::tally_log`), so statements never wait long behind one.

use std::sync::atomic::Ordering;

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::{InitiativeId, StatementId};
use ocs_storage::{
    LogAppend, LogHead, LogPending, LogPosition, LogStore, PendingAdd, StorageError,
};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{corrupt, database, is_constraint};
use crate::store::SqliteStore;

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

fn heads(
    connection: &Connection,
    initiative: InitiativeId,
    latest_only: bool,
) -> Result<Vec<LogHead>, StorageError> {
    let sql = if latest_only {
        "SELECT tree_size, note, tally, published_at_ms FROM log_checkpoints
         WHERE initiative_id = ?1 ORDER BY tree_size DESC LIMIT 1"
    } else {
        "SELECT tree_size, note, tally, published_at_ms FROM log_checkpoints
         WHERE initiative_id = ?1 ORDER BY tree_size"
    };
    let mut query = connection
        .prepare_cached(sql)
        .map_err(database("reading checkpoints"))?;
    let mut rows = query
        .query([initiative.get()])
        .map_err(database("reading checkpoints"))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(database("reading checkpoints"))? {
        let get = || database("reading checkpoints");
        let size: i64 = row.get(0).map_err(get())?;
        let published: i64 = row.get(3).map_err(get())?;
        out.push(LogHead {
            size: to_u64(size, "log_checkpoints.tree_size")?,
            note: row.get(1).map_err(get())?,
            tally: row.get(2).map_err(get())?,
            published_at: Timestamp::from_millisecond(published)
                .map_err(|_| corrupt("log_checkpoints.published_at_ms"))?,
        });
    }
    Ok(out)
}

/// The unpublished statements (at most `limit`) and, when `scan_gone`, the published adds
/// whose statement is gone. That scan reads every published entry (over a second at
/// 100,000), so the store runs it only when a statement may have been deleted since the
/// last scan that found none.
fn pending(
    connection: &Connection,
    initiative: InitiativeId,
    limit: u32,
    scan_gone: bool,
) -> Result<LogPending, StorageError> {
    let mut adds = Vec::new();
    let mut query = connection
        .prepare_cached(
            "SELECT statement_id, log_entry FROM statements
             WHERE initiative_id = ?1 AND log_index IS NULL AND log_entry IS NOT NULL
             ORDER BY sequence LIMIT ?2",
        )
        .map_err(database("reading unpublished statements"))?;
    let mut rows = query
        .query((initiative.get(), limit))
        .map_err(database("reading unpublished statements"))?;
    while let Some(row) = rows
        .next()
        .map_err(database("reading unpublished statements"))?
    {
        let id: Vec<u8> = row
            .get(0)
            .map_err(database("reading unpublished statements"))?;
        adds.push(PendingAdd {
            statement: statement_id(&id)?,
            entry: row
                .get(1)
                .map_err(database("reading unpublished statements"))?,
        });
    }
    if !scan_gone {
        return Ok(LogPending {
            adds,
            gone: Vec::new(),
        });
    }
    // Published adds whose statement was deleted (withdrawn, or cleared test data).
    let mut query = connection
        .prepare_cached(
            "SELECT e.log_index FROM log_entries e
             WHERE e.initiative_id = ?1 AND e.statement_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.statement_id = e.statement_id)
             ORDER BY e.log_index",
        )
        .map_err(database("reading withdrawn statements"))?;
    let gone = query
        .query_map([initiative.get()], |row| row.get::<_, i64>(0))
        .map_err(database("reading withdrawn statements"))?
        .map(|index| {
            index
                .map_err(database("reading withdrawn statements"))
                .and_then(|index| to_u64(index, "log_entries.log_index"))
        })
        .collect::<Result<Vec<u64>, StorageError>>()?;
    Ok(LogPending { adds, gone })
}

fn append(
    connection: &mut Connection,
    initiative: InitiativeId,
    append: &LogAppend,
) -> Result<(), StorageError> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting a log publication"))?;
    let size: i64 = transaction
        .query_row(
            "SELECT COALESCE(MAX(tree_size), 0) FROM log_checkpoints WHERE initiative_id = ?1",
            [initiative.get()],
            |row| row.get(0),
        )
        .map_err(database("reading the log size"))?;
    if to_u64(size, "log_checkpoints.tree_size")? != append.old_size {
        return Err(StorageError::Conflict);
    }
    let id = initiative.get();
    {
        let cached = |sql| {
            transaction
                .prepare_cached(sql)
                .map_err(database("preparing a log publication"))
        };
        let mut insert = cached(
            "INSERT INTO log_entries (initiative_id, log_index, entry, statement_id)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut mark = cached(
            "UPDATE statements SET log_index = ?1
             WHERE initiative_id = ?2 AND statement_id = ?3",
        )?;
        let mut close = cached(
            "UPDATE log_entries SET statement_id = NULL
             WHERE initiative_id = ?1 AND log_index = ?2",
        )?;
        let mut tile = cached(
            "INSERT INTO log_tiles (initiative_id, path, data) VALUES (?1, ?2, ?3)
             ON CONFLICT (initiative_id, path) DO NOTHING",
        )?;
        for record in &append.records {
            let index = to_i64(record.index)?;
            let statement = record.statement.as_ref().map(StatementId::as_bytes);
            match insert.execute((
                id,
                index,
                &record.entry,
                statement.map(<[u8; 16]>::as_slice),
            )) {
                Err(error) if is_constraint(&error) => return Err(StorageError::Conflict),
                other => other.map_err(database("appending a log entry"))?,
            };
            if let Some(statement) = statement {
                mark.execute((index, id, statement.as_slice()))
                    .map_err(database("marking a statement published"))?;
            }
            if let Some(target) = record.withdraws {
                close
                    .execute((id, to_i64(target)?))
                    .map_err(database("closing a withdrawn entry"))?;
            }
        }
        for (path, data) in &append.tiles {
            tile.execute((id, path, data))
                .map_err(database("storing a log tile"))?;
        }
    }
    let head = &append.head;
    let inserted = transaction.execute(
        "INSERT INTO log_checkpoints (initiative_id, tree_size, note, tally, published_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        (
            id,
            to_i64(head.size)?,
            &head.note,
            &head.tally,
            head.published_at.as_millisecond(),
        ),
    );
    match inserted {
        Err(error) if is_constraint(&error) => return Err(StorageError::Conflict),
        other => other.map_err(database("storing a checkpoint"))?,
    };
    transaction
        .commit()
        .map_err(database("committing a log publication"))
}

fn position(
    connection: &Connection,
    initiative: InitiativeId,
    statement: StatementId,
) -> Result<Option<LogPosition>, StorageError> {
    type Row = (Option<i64>, Option<String>, Vec<u8>);
    let row: Option<Row> = connection
        .query_row(
            "SELECT log_index, log_entry, envelope FROM statements
             WHERE initiative_id = ?1 AND statement_id = ?2",
            (initiative.get(), statement.as_bytes().as_slice()),
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()
        .map_err(database("reading a statement's log position"))?;
    match row {
        None | Some((None, None, _)) => Ok(None),
        Some((None, Some(_), _)) => Ok(Some(LogPosition::Pending)),
        Some((Some(index), _, envelope)) => {
            let entry: String = connection
                .query_row(
                    "SELECT entry FROM log_entries WHERE initiative_id = ?1 AND log_index = ?2",
                    (initiative.get(), index),
                    |row| row.get(0),
                )
                .map_err(database("reading a log entry"))?;
            Ok(Some(LogPosition::Published {
                index: to_u64(index, "statements.log_index")?,
                entry,
                envelope,
            }))
        }
    }
}

#[async_trait]
impl LogStore for SqliteStore {
    async fn log_head(&self, initiative: InitiativeId) -> Result<Option<LogHead>, StorageError> {
        self.read(move |connection| Ok(heads(connection, initiative, true)?.pop()))
            .await
    }

    async fn log_pending(
        &self,
        initiative: InitiativeId,
        limit: u32,
    ) -> Result<LogPending, StorageError> {
        // Read before the scan: a deletion committed during it moves the count on, so the
        // next publication scans again.
        let deletions = self.deletions.load(Ordering::SeqCst);
        let scan_gone = self.gone_checked.lock().get(&initiative) != Some(&deletions);
        let found = self
            .read(move |connection| pending(connection, initiative, limit, scan_gone))
            .await?;
        if scan_gone && found.gone.is_empty() {
            self.gone_checked.lock().insert(initiative, deletions);
        }
        Ok(found)
    }

    async fn log_tile(
        &self,
        initiative: InitiativeId,
        path: &str,
    ) -> Result<Option<Vec<u8>>, StorageError> {
        let path = path.to_owned();
        self.read(move |connection| {
            connection
                .query_row(
                    "SELECT data FROM log_tiles WHERE initiative_id = ?1 AND path = ?2",
                    (initiative.get(), &path),
                    |row| row.get(0),
                )
                .optional()
                .map_err(database("reading a log tile"))
        })
        .await
    }

    async fn append_log(
        &self,
        initiative: InitiativeId,
        log: LogAppend,
    ) -> Result<(), StorageError> {
        self.write_on_writer(move |connection| append(connection, initiative, &log))
            .await
    }

    async fn log_position(
        &self,
        initiative: InitiativeId,
        statement: StatementId,
    ) -> Result<Option<LogPosition>, StorageError> {
        self.read(move |connection| position(connection, initiative, statement))
            .await
    }

    async fn log_checkpoints(
        &self,
        initiative: InitiativeId,
    ) -> Result<Vec<LogHead>, StorageError> {
        self.read(move |connection| heads(connection, initiative, false))
            .await
    }

    async fn log_statements(
        &self,
        initiative: InitiativeId,
        from: u64,
        limit: u32,
    ) -> Result<Vec<(u64, StatementId)>, StorageError> {
        let from = to_i64(from)?;
        self.read(move |connection| linked_statements(connection, initiative, from, limit))
            .await
    }
}

fn linked_statements(
    connection: &Connection,
    initiative: InitiativeId,
    from: i64,
    limit: u32,
) -> Result<Vec<(u64, StatementId)>, StorageError> {
    let failed = || database("reading the log's statements");
    let mut query = connection
        .prepare_cached(
            "SELECT log_index, statement_id FROM log_entries
             WHERE initiative_id = ?1 AND statement_id IS NOT NULL AND log_index >= ?2
             ORDER BY log_index LIMIT ?3",
        )
        .map_err(failed())?;
    let mut rows = query
        .query((initiative.get(), from, limit))
        .map_err(failed())?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(failed())? {
        let index: i64 = row.get(0).map_err(failed())?;
        let id: Vec<u8> = row.get(1).map_err(failed())?;
        out.push((to_u64(index, "log_entries.log_index")?, statement_id(&id)?));
    }
    Ok(out)
}
