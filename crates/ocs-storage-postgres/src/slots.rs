//! Replication slots that keep what a destruction removes (issue 20): a slot's `xmin` (a
//! standby with `hot_standby_feedback`) or `catalog_xmin` holds deleted rows back from
//! `VACUUM FULL` like an old snapshot, and a slot whose `restart_lsn` is older than the
//! deletes keeps the WAL that still holds the rows as they were inserted. While one does,
//! the destruction stays pending and no certificate says "complete"; the error names the
//! slots, so the operator can let the standby catch up or drop a slot nobody uses.

use std::time::Duration;

use ocs_storage::StorageError;
use sqlx::PgConnection;

use crate::error::database;

/// Slots of this database (or physical slots, which serve the whole cluster) that hold rows
/// back, or WAL from before `$1` (the WAL position right after the deletes).
const SLOTS_HOLDING_BACK: &str = "SELECT slot_name::TEXT,
        xmin IS NOT NULL OR catalog_xmin IS NOT NULL,
        restart_lsn IS NOT NULL AND restart_lsn < $1::TEXT::pg_lsn
    FROM pg_replication_slots
    WHERE (database IS NULL OR database = current_database())
      AND (xmin IS NOT NULL OR catalog_xmin IS NOT NULL
           OR (restart_lsn IS NOT NULL AND restart_lsn < $1::TEXT::pg_lsn))
    ORDER BY slot_name";

/// How often, and how long in all, a live standby is given to move past the deletes.
const POLL: Duration = Duration::from_millis(250);
const POLLS: u32 = 20;

/// Refuses while a replication slot holds back the rows or WAL of deletes committed before
/// this call: asks for the WAL position now, then gives slots a few seconds to pass it (a
/// streaming standby does), then names the ones that did not.
pub(crate) async fn refuse_while_held_back(
    connection: &mut PgConnection,
) -> Result<(), StorageError> {
    let after_deletes: String = sqlx::query_scalar("SELECT pg_current_wal_lsn()::TEXT")
        .fetch_one(&mut *connection)
        .await
        .map_err(database("reading the WAL position"))?;
    let mut holding = Vec::new();
    for poll in 0..POLLS {
        holding = sqlx::query_as::<_, (String, bool, bool)>(SLOTS_HOLDING_BACK)
            .bind(&after_deletes)
            .fetch_all(&mut *connection)
            .await
            .map_err(database("reading the replication slots"))?;
        if holding.is_empty() {
            return Ok(());
        }
        if poll + 1 < POLLS {
            tokio::time::sleep(POLL).await;
        }
    }
    let named: Vec<String> = holding
        .iter()
        .map(|(name, rows, wal)| {
            let why = match (rows, wal) {
                (true, true) => "xmin holds deleted rows back, restart_lsn keeps older WAL",
                (true, false) => "xmin holds deleted rows back",
                _ => "restart_lsn keeps WAL from before the deletes",
            };
            format!("{name} ({why})")
        })
        .collect();
    Err(StorageError::Unavailable(format!(
        "replication slot(s) {} keep data of the destroyed initiative; the destruction stays \
         pending and is retried: let the standby catch up, or drop a slot nobody uses \
         (SELECT pg_drop_replication_slot('NAME'))",
        named.join(", ")
    )))
}
