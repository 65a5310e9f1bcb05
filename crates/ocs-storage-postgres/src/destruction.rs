//! [`DestructionLog`] on PostgreSQL: the `destructions` table (migration 0011).

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::destruction::SIGNER_TABLES;
use ocs_storage::{Destroyed, DestructionLog, PendingDestruction, StorageError};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

use crate::error::{corrupt, database};
use crate::store::PostgresStore;

const PENDING_COLUMNS: &str =
    "initiative_id, started_at_ms, statements, aliases, eid_subjects, mail_addresses";

fn count(row: &PgRow, index: usize) -> Result<u64, StorageError> {
    let value: i64 = row
        .try_get(index)
        .map_err(database("reading a destruction"))?;
    u64::try_from(value).map_err(|_| corrupt("destructions.counts"))
}

fn counts(row: &PgRow) -> Result<Destroyed, StorageError> {
    Ok(Destroyed {
        statements: count(row, 2)?,
        aliases: count(row, 3)?,
        eid_subjects: count(row, 4)?,
        mail_addresses: count(row, 5)?,
    })
}

fn pending(row: &PgRow) -> Result<PendingDestruction, StorageError> {
    let initiative: i64 = row.try_get(0).map_err(database("reading a destruction"))?;
    let started: i64 = row.try_get(1).map_err(database("reading a destruction"))?;
    Ok(PendingDestruction {
        initiative: u32::try_from(initiative)
            .map(InitiativeId::new)
            .map_err(|_| corrupt("destructions.initiative_id"))?,
        started_at: Timestamp::from_millisecond(started)
            .map_err(|_| corrupt("destructions.started_at_ms"))?,
        destroyed: counts(row)?,
    })
}

fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Adds `destroyed` to the pending destruction of `initiative`, inside the caller's delete
/// transaction; returns the sums, or `None` when no destruction is pending.
pub(crate) async fn add_to_pending(
    connection: &mut PgConnection,
    initiative: i64,
    destroyed: Destroyed,
) -> Result<Option<Destroyed>, StorageError> {
    let row = sqlx::query(&format!(
        "UPDATE destructions SET statements = statements + $2, aliases = aliases + $3,
             eid_subjects = eid_subjects + $4, mail_addresses = mail_addresses + $5
         WHERE initiative_id = $1 AND completed_at_ms IS NULL
         RETURNING {PENDING_COLUMNS}"
    ))
    .bind(initiative)
    .bind(to_i64(destroyed.statements))
    .bind(to_i64(destroyed.aliases))
    .bind(to_i64(destroyed.eid_subjects))
    .bind(to_i64(destroyed.mail_addresses))
    .fetch_optional(&mut *connection)
    .await
    .map_err(database("recording a destruction's counts"))?;
    row.as_ref().map(counts).transpose()
}

#[async_trait]
impl DestructionLog for PostgresStore {
    async fn begin_destruction(
        &self,
        initiative: InitiativeId,
        now: Timestamp,
    ) -> Result<PendingDestruction, StorageError> {
        let id = i64::from(initiative.get());
        sqlx::query(
            "INSERT INTO destructions (initiative_id, started_at_ms) VALUES ($1, $2)
             ON CONFLICT (initiative_id) DO UPDATE SET
                 started_at_ms = excluded.started_at_ms, statements = 0, aliases = 0,
                 eid_subjects = 0, mail_addresses = 0, completed_at_ms = NULL
             WHERE destructions.completed_at_ms IS NOT NULL",
        )
        .bind(id)
        .bind(now.as_millisecond())
        .execute(&self.pool)
        .await
        .map_err(database("recording a destruction"))?;
        let row = sqlx::query(&format!(
            "SELECT {PENDING_COLUMNS} FROM destructions WHERE initiative_id = $1"
        ))
        .bind(id)
        .fetch_one(&self.pool)
        .await
        .map_err(database("reading a destruction"))?;
        pending(&row)
    }

    async fn pending_destructions(&self) -> Result<Vec<PendingDestruction>, StorageError> {
        let rows = sqlx::query(&format!(
            "SELECT {PENDING_COLUMNS} FROM destructions
             WHERE completed_at_ms IS NULL ORDER BY initiative_id"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(database("reading pending destructions"))?;
        rows.iter().map(pending).collect()
    }

    async fn holds_initiative_data(&self, initiative: InitiativeId) -> Result<bool, StorageError> {
        let query = SIGNER_TABLES
            .iter()
            .map(|table| format!("EXISTS (SELECT 1 FROM {table} WHERE initiative_id = $1)"))
            .collect::<Vec<_>>()
            .join(" OR ");
        sqlx::query(&format!("SELECT {query}"))
            .bind(i64::from(initiative.get()))
            .fetch_one(&self.pool)
            .await
            .and_then(|row| row.try_get(0))
            .map_err(database("looking for an initiative's data"))
    }

    async fn finish_destruction(
        &self,
        initiative: InitiativeId,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let changed = sqlx::query(
            "UPDATE destructions SET completed_at_ms = $2
             WHERE initiative_id = $1 AND completed_at_ms IS NULL",
        )
        .bind(i64::from(initiative.get()))
        .bind(now.as_millisecond())
        .execute(&self.pool)
        .await
        .map_err(database("finishing a destruction"))?
        .rows_affected();
        if changed == 0 {
            return Err(StorageError::NotFound);
        }
        Ok(())
    }
}
