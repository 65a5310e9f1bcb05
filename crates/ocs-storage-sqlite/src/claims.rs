//! Single-use claims on SQLite without a write per claim: the claim is decided in memory
//! (`LocalCoordination`, loaded from `used_claims` at open) and its row is stored by the
//! statement writer in its next group commit, in the same transaction as the statements,
//! or by the claim pruning job, or when the writer stops.
//!
//! Before, every claim was its own write transaction on a second connection, which waited
//! for the statement writer's lock (and its fsync) on every signature. A claim whose
//! statement is stored is now on disk exactly when the statement is; a claim whose statement
//! was not stored (refused later, or lost in a crash) may be forgotten by a crash, which at
//! worst lets that proof be used once more within its lifetime, as with PostgreSQL's
//! unlogged claims table.

use std::sync::Arc;

use jiff::Timestamp;
use ocs_storage::{ClaimKey, LocalCoordination, StorageError};
use parking_lot::Mutex;
use rusqlite::Connection;

use crate::error::database;

/// Claims granted in memory and not yet in `used_claims`: key and expiry (ms).
pub(crate) type PendingClaims = Arc<Mutex<Vec<(ClaimKey, i64)>>>;

/// Stores one claim (a key claimed again after it expired gets its new expiry).
const UPSERT: &str = "INSERT INTO used_claims (key, expires_at_ms) VALUES (?1, ?2)
    ON CONFLICT (key) DO UPDATE SET expires_at_ms = excluded.expires_at_ms";

/// Writes `claims` with `connection` (inside the caller's transaction, if any).
pub(crate) fn write(connection: &Connection, claims: &[(ClaimKey, i64)]) -> rusqlite::Result<()> {
    if claims.is_empty() {
        return Ok(());
    }
    let mut upsert = connection.prepare_cached(UPSERT)?;
    for (key, expires_ms) in claims {
        upsert.execute(rusqlite::params![&key.as_bytes()[..], expires_ms])?;
    }
    Ok(())
}

/// Takes every pending claim; the caller writes them or puts them back.
pub(crate) fn take(pending: &PendingClaims) -> Vec<(ClaimKey, i64)> {
    std::mem::take(&mut *pending.lock())
}

/// Puts claims back after a failed write, so the next one stores them.
pub(crate) fn put_back(pending: &PendingClaims, claims: Vec<(ClaimKey, i64)>) {
    pending.lock().extend(claims);
}

/// Forgets a pending claim; `true` when it was still pending (so it is not in the file).
pub(crate) fn forget(pending: &PendingClaims, key: &ClaimKey) -> bool {
    let mut pending = pending.lock();
    let before = pending.len();
    pending.retain(|(pending_key, _)| pending_key != key);
    pending.len() != before
}

/// Loads every stored claim into `local` (expired ones are harmless there: they are
/// refused by their expiry and pruned with the rest). Returns how many.
pub(crate) fn load(
    connection: &Connection,
    local: &LocalCoordination,
) -> Result<u64, StorageError> {
    let mut query = connection
        .prepare("SELECT key, expires_at_ms FROM used_claims")
        .map_err(database("reading used_claims"))?;
    let rows = query
        .query_map([], |row| {
            Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, i64>(1)?))
        })
        .map_err(database("reading used_claims"))?;
    let mut loaded = 0_u64;
    for row in rows {
        let (key, expires_ms) = row.map_err(database("reading used_claims"))?;
        let (Ok(key), Ok(expires)) = (
            <[u8; 32]>::try_from(key.as_slice()),
            Timestamp::from_millisecond(expires_ms),
        ) else {
            continue;
        };
        local.claim(ClaimKey::from_bytes(key), expires, Timestamp::MIN);
        loaded += 1;
    }
    Ok(loaded)
}
