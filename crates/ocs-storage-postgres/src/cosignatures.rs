//! [`CosignatureStore`] on PostgreSQL: the `log_cosignatures` table (migration 0014); a
//! later cosignature of the same checkpoint by the same witness replaces an earlier one.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::{Cosignature, CosignatureStore, StorageError};
use sqlx::Row as _;

use crate::error::{corrupt, database};
use crate::store::PostgresStore;

fn to_i64(value: u64, what: &'static str) -> Result<i64, StorageError> {
    i64::try_from(value).map_err(|_| StorageError::other(format!("{what} out of range")))
}

#[async_trait]
impl CosignatureStore for PostgresStore {
    async fn add_cosignature(
        &self,
        initiative: InitiativeId,
        cosignature: Cosignature,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "INSERT INTO log_cosignatures
                 (initiative_id, tree_size, witness, line, cosigned_at, received_at_ms)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (initiative_id, tree_size, witness) DO UPDATE
             SET line = excluded.line, cosigned_at = excluded.cosigned_at,
                 received_at_ms = excluded.received_at_ms
             WHERE excluded.cosigned_at > log_cosignatures.cosigned_at",
        )
        .bind(i64::from(initiative.get()))
        .bind(to_i64(cosignature.tree_size, "tree size")?)
        .bind(cosignature.witness)
        .bind(cosignature.line)
        .bind(to_i64(cosignature.cosigned_at, "cosignature time")?)
        .bind(cosignature.received_at.as_millisecond())
        .execute(&self.pool)
        .await
        .map_err(database("storing a cosignature"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn cosignatures(
        &self,
        initiative: InitiativeId,
        tree_size: u64,
    ) -> Result<Vec<Cosignature>, StorageError> {
        let rows = sqlx::query(
            "SELECT witness, line, cosigned_at, received_at_ms FROM log_cosignatures
             WHERE initiative_id = $1 AND tree_size = $2 ORDER BY witness",
        )
        .bind(i64::from(initiative.get()))
        .bind(to_i64(tree_size, "tree size")?)
        .fetch_all(&self.pool)
        .await
        .map_err(database("reading cosignatures"))?;
        let failed = || database("reading cosignatures");
        rows.iter()
            .map(|row| {
                let time: i64 = row.try_get(2).map_err(failed())?;
                let received: i64 = row.try_get(3).map_err(failed())?;
                Ok(Cosignature {
                    tree_size,
                    witness: row.try_get(0).map_err(failed())?,
                    line: row.try_get(1).map_err(failed())?,
                    cosigned_at: u64::try_from(time)
                        .map_err(|_| corrupt("log_cosignatures.cosigned_at"))?,
                    received_at: Timestamp::from_millisecond(received)
                        .map_err(|_| corrupt("log_cosignatures.received_at_ms"))?,
                })
            })
            .collect()
    }
}
