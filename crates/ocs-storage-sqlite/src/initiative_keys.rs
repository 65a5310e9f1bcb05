//! [`InitiativeKeyLog`] on SQLite: the `initiative_keys` table (migration 0013), written on
//! the console's read-write connection.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::{InitiativeKeyLog, InitiativeKeyRecord, StorageError};
use rusqlite::{Connection, OptionalExtension};

use crate::error::{corrupt, database};
use crate::store::SqliteStore;

type KeyRow = (Option<String>, i64, Option<i64>);

fn read(connection: &Connection, id: i64) -> Result<Option<KeyRow>, StorageError> {
    connection
        .query_row(
            "SELECT key_id, created_at_ms, destroyed_at_ms FROM initiative_keys
             WHERE initiative_id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()
        .map_err(database("reading an initiative key record"))
}

fn record(
    initiative: InitiativeId,
    (key_id, created, destroyed): KeyRow,
) -> Result<InitiativeKeyRecord, StorageError> {
    let time = |ms: i64, column| Timestamp::from_millisecond(ms).map_err(|_| corrupt(column));
    Ok(InitiativeKeyRecord {
        initiative,
        key_id,
        created_at: time(created, "initiative_keys.created_at_ms")?,
        destroyed_at: destroyed
            .map(|ms| time(ms, "initiative_keys.destroyed_at_ms"))
            .transpose()?,
    })
}

#[async_trait]
impl InitiativeKeyLog for SqliteStore {
    async fn initiative_key(
        &self,
        initiative: InitiativeId,
    ) -> Result<Option<InitiativeKeyRecord>, StorageError> {
        let id = i64::from(initiative.get());
        self.read(move |connection| read(connection, id))
            .await?
            .map(|row| record(initiative, row))
            .transpose()
    }

    async fn register_initiative_key(
        &self,
        new: InitiativeKeyRecord,
    ) -> Result<InitiativeKeyRecord, StorageError> {
        let initiative = new.initiative;
        let id = i64::from(initiative.get());
        let row = self
            .write_console(move |connection| {
                connection
                    .execute(
                        "INSERT INTO initiative_keys (initiative_id, key_id, created_at_ms)
                         VALUES (?1, ?2, ?3) ON CONFLICT (initiative_id) DO NOTHING",
                        (id, new.key_id, new.created_at.as_millisecond()),
                    )
                    .map_err(database("recording an initiative key"))?;
                read(connection, id)
            })
            .await?
            .ok_or(StorageError::NotFound)?;
        record(initiative, row)
    }

    async fn initiative_key_destroyed(
        &self,
        initiative: InitiativeId,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let id = i64::from(initiative.get());
        let changed = self
            .write_console(move |connection| {
                connection
                    .execute(
                        "UPDATE initiative_keys
                         SET destroyed_at_ms = COALESCE(destroyed_at_ms, ?2)
                         WHERE initiative_id = ?1",
                        (id, now.as_millisecond()),
                    )
                    .map_err(database("recording a destroyed initiative key"))
            })
            .await?;
        if changed == 0 {
            return Err(StorageError::NotFound);
        }
        Ok(())
    }
}
