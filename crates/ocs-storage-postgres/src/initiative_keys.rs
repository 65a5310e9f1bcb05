//! [`InitiativeKeyLog`] on PostgreSQL: the `initiative_keys` table (migration 0013); the
//! first node to register an initiative's key wins (`ON CONFLICT DO NOTHING`).

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::{InitiativeKeyLog, InitiativeKeyRecord, StorageError};
use sqlx::Row as _;
use sqlx::postgres::PgRow;

use crate::error::{corrupt, database};
use crate::store::PostgresStore;

const SELECT: &str = "SELECT key_id, created_at_ms, destroyed_at_ms FROM initiative_keys
                      WHERE initiative_id = $1";

fn record(initiative: InitiativeId, row: &PgRow) -> Result<InitiativeKeyRecord, StorageError> {
    let failed = || database("reading an initiative key record");
    let time = |ms: i64, column| Timestamp::from_millisecond(ms).map_err(|_| corrupt(column));
    let created: i64 = row.try_get(1).map_err(failed())?;
    let destroyed: Option<i64> = row.try_get(2).map_err(failed())?;
    Ok(InitiativeKeyRecord {
        initiative,
        key_id: row.try_get(0).map_err(failed())?,
        created_at: time(created, "initiative_keys.created_at_ms")?,
        destroyed_at: destroyed
            .map(|ms| time(ms, "initiative_keys.destroyed_at_ms"))
            .transpose()?,
    })
}

#[async_trait]
impl InitiativeKeyLog for PostgresStore {
    async fn initiative_key(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<InitiativeKeyRecord>, StorageError> {
        sqlx::query(SELECT)
            .bind(i64::from(initiative.get()))
            .fetch_optional(&self.pool)
            .await
            .map_err(database("reading an initiative key record"))?
            .map(|row| record(initiative, &row))
            .transpose()
    }

    async fn register_initiative_key(
        &self,
        new: InitiativeKeyRecord,
    ) -> Result<InitiativeKeyRecord, StorageError> {
        let initiative = new.initiative;
        let id = i64::from(initiative.get());
        sqlx::query(
            "INSERT INTO initiative_keys (initiative_id, key_id, created_at_ms)
             VALUES ($1, $2, $3) ON CONFLICT (initiative_id) DO NOTHING",
        )
        .bind(id)
        .bind(new.key_id)
        .bind(new.created_at.as_millisecond())
        .execute(&self.pool)
        .await
        .map_err(database("recording an initiative key"))?;
        let row = sqlx::query(SELECT)
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(database("reading an initiative key record"))?;
        record(initiative, &row)
    }

    async fn initiative_key_destroyed(
        &self,
        initiative: InitiativeId,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let done = sqlx::query(
            "UPDATE initiative_keys SET destroyed_at_ms = COALESCE(destroyed_at_ms, $2)
             WHERE initiative_id = $1",
        )
        .bind(i64::from(initiative.get()))
        .bind(now.as_millisecond())
        .execute(&self.pool)
        .await
        .map_err(database("recording a destroyed initiative key"))?;
        if done.rows_affected() == 0 {
            return Err(StorageError::NotFound);
        }
        Ok(())
    }
}
