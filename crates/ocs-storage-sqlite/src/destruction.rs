//! [`DestructionLog`] on SQLite: the `destructions` table (migration 0011).

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::destruction::SIGNER_TABLES;
use ocs_storage::{Destroyed, DestructionLog, PendingDestruction, StorageError};
use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::{corrupt, database};
use crate::store::SqliteStore;

const PENDING_COLUMNS: &str =
    "initiative_id, started_at_ms, statements, aliases, eid_subjects, mail_addresses";

fn count(row: &Row<'_>, index: usize) -> rusqlite::Result<u64> {
    // Counts are written from u64 sums of deleted rows; a negative one is a planted value.
    let value: i64 = row.get(index)?;
    Ok(u64::try_from(value).unwrap_or(0))
}

fn pending_from(row: &Row<'_>) -> rusqlite::Result<(i64, i64, Destroyed)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        Destroyed {
            statements: count(row, 2)?,
            aliases: count(row, 3)?,
            eid_subjects: count(row, 4)?,
            mail_addresses: count(row, 5)?,
        },
    ))
}

fn pending(raw: (i64, i64, Destroyed)) -> Result<PendingDestruction, StorageError> {
    let (initiative, started, destroyed) = raw;
    let initiative = u32::try_from(initiative)
        .map(InitiativeId::new)
        .map_err(|_| corrupt("destructions.initiative_id"))?;
    let started_at =
        Timestamp::from_millisecond(started).map_err(|_| corrupt("destructions.started_at_ms"))?;
    Ok(PendingDestruction {
        initiative,
        started_at,
        destroyed,
    })
}

fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Adds `destroyed` to the pending destruction of `initiative`, inside the caller's delete
/// transaction; returns the sums, or `None` when no destruction is pending.
pub(crate) fn add_to_pending(
    connection: &Connection,
    initiative: i64,
    destroyed: Destroyed,
) -> Result<Option<Destroyed>, StorageError> {
    connection
        .query_row(
            &format!(
                "UPDATE destructions SET statements = statements + ?2, aliases = aliases + ?3,
                     eid_subjects = eid_subjects + ?4, mail_addresses = mail_addresses + ?5
                 WHERE initiative_id = ?1 AND completed_at_ms IS NULL
                 RETURNING {PENDING_COLUMNS}"
            ),
            (
                initiative,
                to_i64(destroyed.statements),
                to_i64(destroyed.aliases),
                to_i64(destroyed.eid_subjects),
                to_i64(destroyed.mail_addresses),
            ),
            pending_from,
        )
        .optional()
        .map_err(database("recording a destruction's counts"))
        .map(|row| row.map(|(_, _, sums)| sums))
}

#[async_trait]
impl DestructionLog for SqliteStore {
    async fn begin_destruction(
        &self,
        initiative: InitiativeId,
        now: Timestamp,
    ) -> Result<PendingDestruction, StorageError> {
        let id = i64::from(initiative.get());
        let raw = self
            .delete(move |connection| {
                connection
                    .execute(
                        "INSERT INTO destructions (initiative_id, started_at_ms)
                         VALUES (?1, ?2)
                         ON CONFLICT (initiative_id) DO UPDATE SET
                             started_at_ms = excluded.started_at_ms, statements = 0,
                             aliases = 0, eid_subjects = 0, mail_addresses = 0,
                             completed_at_ms = NULL
                         WHERE destructions.completed_at_ms IS NOT NULL",
                        (id, now.as_millisecond()),
                    )
                    .map_err(database("recording a destruction"))?;
                connection
                    .query_row(
                        &format!(
                            "SELECT {PENDING_COLUMNS} FROM destructions WHERE initiative_id = ?1"
                        ),
                        [id],
                        pending_from,
                    )
                    .map_err(database("reading a destruction"))
            })
            .await?;
        pending(raw)
    }

    async fn pending_destructions(&self) -> Result<Vec<PendingDestruction>, StorageError> {
        let rows = self
            .delete(|connection| {
                let mut statement = connection
                    .prepare(&format!(
                        "SELECT {PENDING_COLUMNS} FROM destructions
                         WHERE completed_at_ms IS NULL ORDER BY initiative_id"
                    ))
                    .map_err(database("reading pending destructions"))?;
                statement
                    .query_map([], pending_from)
                    .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                    .map_err(database("reading pending destructions"))
            })
            .await?;
        rows.into_iter().map(pending).collect()
    }

    async fn holds_initiative_data(&self, initiative: InitiativeId) -> Result<bool, StorageError> {
        let id = i64::from(initiative.get());
        let query = SIGNER_TABLES
            .iter()
            .map(|table| format!("EXISTS (SELECT 1 FROM {table} WHERE initiative_id = ?1)"))
            .collect::<Vec<_>>()
            .join(" OR ");
        self.delete(move |connection| {
            connection
                .query_row(&format!("SELECT {query}"), [id], |row| row.get(0))
                .map_err(database("looking for an initiative's data"))
        })
        .await
    }

    async fn finish_destruction(
        &self,
        initiative: InitiativeId,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let id = i64::from(initiative.get());
        let changed = self
            .delete(move |connection| {
                connection
                    .execute(
                        "UPDATE destructions SET completed_at_ms = ?2
                         WHERE initiative_id = ?1 AND completed_at_ms IS NULL",
                        (id, now.as_millisecond()),
                    )
                    .map_err(database("finishing a destruction"))
            })
            .await?;
        if changed == 0 {
            return Err(StorageError::NotFound);
        }
        Ok(())
    }
}
