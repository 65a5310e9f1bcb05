//! [`CosignatureStore`] on SQLite: the `log_cosignatures` table (migration 0014), written on
//! the console's read-write connection (a witness posts rarely; the statement writer is not
//! held up).

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::{Cosignature, CosignatureStore, StorageError};

use crate::error::{corrupt, database};
use crate::store::SqliteStore;

fn to_i64(value: u64, what: &'static str) -> Result<i64, StorageError> {
    i64::try_from(value).map_err(|_| StorageError::other(format!("{what} out of range")))
}

#[async_trait]
impl CosignatureStore for SqliteStore {
    async fn add_cosignature(
        &self,
        initiative: InitiativeId,
        cosignature: Cosignature,
    ) -> Result<bool, StorageError> {
        let id = i64::from(initiative.get());
        let size = to_i64(cosignature.tree_size, "tree size")?;
        let time = to_i64(cosignature.cosigned_at, "cosignature time")?;
        let received = cosignature.received_at.as_millisecond();
        let changed = self
            .write_console(move |connection| {
                connection
                    .execute(
                        "INSERT INTO log_cosignatures
                             (initiative_id, tree_size, witness, line, cosigned_at, received_at_ms)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                         ON CONFLICT (initiative_id, tree_size, witness) DO UPDATE
                         SET line = excluded.line, cosigned_at = excluded.cosigned_at,
                             received_at_ms = excluded.received_at_ms
                         WHERE excluded.cosigned_at > log_cosignatures.cosigned_at",
                        (
                            id,
                            size,
                            cosignature.witness,
                            cosignature.line,
                            time,
                            received,
                        ),
                    )
                    .map_err(database("storing a cosignature"))
            })
            .await?;
        Ok(changed > 0)
    }

    async fn cosignatures(
        &self,
        initiative: InitiativeId,
        tree_size: u64,
    ) -> Result<Vec<Cosignature>, StorageError> {
        let id = i64::from(initiative.get());
        let size = to_i64(tree_size, "tree size")?;
        let rows: Vec<(String, String, i64, i64)> = self
            .read(move |connection| {
                let mut statement = connection
                    .prepare_cached(
                        "SELECT witness, line, cosigned_at, received_at_ms FROM log_cosignatures
                         WHERE initiative_id = ?1 AND tree_size = ?2 ORDER BY witness",
                    )
                    .map_err(database("reading cosignatures"))?;
                let rows = statement
                    .query_map((id, size), |row| {
                        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                    })
                    .map_err(database("reading cosignatures"))?;
                rows.collect::<Result<_, _>>()
                    .map_err(database("reading cosignatures"))
            })
            .await?;
        rows.into_iter()
            .map(|(witness, line, time, received)| {
                Ok(Cosignature {
                    tree_size,
                    witness,
                    line,
                    cosigned_at: u64::try_from(time)
                        .map_err(|_| corrupt("log_cosignatures.cosigned_at"))?,
                    received_at: Timestamp::from_millisecond(received)
                        .map_err(|_| corrupt("log_cosignatures.received_at_ms"))?,
                })
            })
            .collect()
    }
}
