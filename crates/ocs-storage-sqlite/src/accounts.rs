//! Console accounts on SQLite, written on the console's connection with their audit row.

use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_domain::access::{AccountId, AccountName, Role};
use ocs_storage::audit::{AuditEntry, NewAuditEntry};
use ocs_storage::{Account, AccountChange, NewAccount, SessionRecord, StorageError};
use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, TransactionBehavior};

use crate::console::append_in;
use crate::error::{corrupt, database};

const COLUMNS: &str = "user_id, name, role, initiative_id, password_hash, totp_secret, \
                       totp_enrolled, disabled, created_at_ms";

fn decode(row: &Row<'_>) -> Result<Account, StorageError> {
    let get = |e| database("reading accounts")(e);
    let id: i64 = row.get(0).map_err(get)?;
    let name: String = row.get(1).map_err(get)?;
    let role: String = row.get(2).map_err(get)?;
    let initiative: Option<i64> = row.get(3).map_err(get)?;
    let created: i64 = row.get(8).map_err(get)?;
    Ok(Account {
        id: AccountId::new(u64::try_from(id).map_err(|_| corrupt("console_users.user_id"))?),
        name: AccountName::parse(&name).map_err(|_| corrupt("console_users.name"))?,
        role: Role::parse(&role).ok_or_else(|| corrupt("console_users.role"))?,
        initiative: initiative
            .map(|id| u32::try_from(id).map(InitiativeId::new))
            .transpose()
            .map_err(|_| corrupt("console_users.initiative_id"))?,
        password_hash: row.get(4).map_err(get)?,
        totp_secret: row.get(5).map_err(get)?,
        totp_enrolled: row.get(6).map_err(get)?,
        disabled: row.get(7).map_err(get)?,
        created_at: Timestamp::from_millisecond(created)
            .map_err(|_| corrupt("console_users.created_at_ms"))?,
    })
}

/// See [`ocs_storage::AccountStore::create_account`].
pub(crate) fn create(
    connection: &mut Connection,
    account: &NewAccount,
    audit: NewAuditEntry,
) -> Result<Account, StorageError> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting an account change"))?;
    let inserted = transaction.execute(
        "INSERT INTO console_users (name, role, initiative_id, password_hash, created_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        (
            account.name.as_str(),
            account.role.as_str(),
            account.initiative.map(|id| i64::from(id.get())),
            &account.password_hash,
            account.created_at.as_millisecond(),
        ),
    );
    match inserted {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(error, _))
            if error.code == ErrorCode::ConstraintViolation =>
        {
            return Err(StorageError::Conflict);
        }
        Err(other) => return Err(database("creating an account")(other)),
    }
    let id = transaction.last_insert_rowid();
    append_in(&transaction, audit)?;
    let stored = transaction
        .query_row(
            &format!("SELECT {COLUMNS} FROM console_users WHERE user_id = ?1"),
            [id],
            |row| Ok(decode(row)),
        )
        .map_err(database("reading accounts"))??;
    transaction
        .commit()
        .map_err(database("committing an account change"))?;
    Ok(stored)
}

/// See [`ocs_storage::AccountStore::account_by_name`] (`None`) and `accounts` (all).
pub(crate) fn read(
    connection: &Connection,
    name: Option<&AccountName>,
) -> Result<Vec<Account>, StorageError> {
    let mut query = connection
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM console_users WHERE ?1 IS NULL OR name = ?1 ORDER BY name"
        ))
        .map_err(database("reading accounts"))?;
    let mut rows = query
        .query([name.map(AccountName::as_str)])
        .map_err(database("reading accounts"))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(database("reading accounts"))? {
        out.push(decode(row)?);
    }
    Ok(out)
}

/// See [`ocs_storage::AccountStore::change_account`].
pub(crate) fn change(
    connection: &mut Connection,
    id: AccountId,
    change: AccountChange,
    audit: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let id = i64::try_from(id.get()).map_err(|_| StorageError::NotFound)?;
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting an account change"))?;
    let exists: Option<i64> = transaction
        .query_row(
            "SELECT user_id FROM console_users WHERE user_id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()
        .map_err(database("reading accounts"))?;
    if exists.is_none() {
        return Err(StorageError::NotFound);
    }
    let write = database("changing an account");
    if ocs_storage::accounts::change_ends_sessions(&change) {
        transaction
            .execute("DELETE FROM console_sessions WHERE user_id = ?1", [id])
            .map_err(database("ending an account's sessions"))?;
    }
    match change {
        AccountChange::Disabled(disabled) => transaction.execute(
            "UPDATE console_users SET disabled = ?2 WHERE user_id = ?1",
            (id, disabled),
        ),
        AccountChange::Password(hash) => transaction.execute(
            "UPDATE console_users SET password_hash = ?2, totp_secret = NULL,
                 totp_enrolled = 0 WHERE user_id = ?1",
            (id, hash),
        ),
        AccountChange::Rehash(hash) => transaction.execute(
            "UPDATE console_users SET password_hash = ?2 WHERE user_id = ?1",
            (id, hash),
        ),
        AccountChange::Totp { secret, enrolled } => transaction.execute(
            "UPDATE console_users SET totp_secret = ?2, totp_enrolled = ?3 WHERE user_id = ?1",
            (id, secret, enrolled),
        ),
    }
    .map_err(write)?;
    let row = append_in(&transaction, audit)?;
    transaction
        .commit()
        .map_err(database("committing an account change"))?;
    Ok(row)
}

/// See [`ocs_storage::AccountStore::accept_totp_step`].
pub(crate) fn accept_totp_step(
    connection: &Connection,
    id: AccountId,
    step: i64,
) -> Result<bool, StorageError> {
    let id = i64::try_from(id.get()).map_err(|_| StorageError::NotFound)?;
    // One statement: two nodes checking the same code cannot both see the old step.
    let updated = connection
        .execute(
            "UPDATE console_users SET totp_last_step = ?2
             WHERE user_id = ?1 AND (totp_last_step IS NULL OR totp_last_step < ?2)",
            (id, step),
        )
        .map_err(database("recording a TOTP step"))?;
    if updated == 1 {
        return Ok(true);
    }
    let exists: Option<i64> = connection
        .query_row(
            "SELECT user_id FROM console_users WHERE user_id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()
        .map_err(database("reading accounts"))?;
    exists.map(|_| false).ok_or(StorageError::NotFound)
}

/// See [`ocs_storage::SessionStore::create_session`].
pub(crate) fn create_session(
    connection: &Connection,
    session_hash: ocs_storage::SessionHash,
    record: &SessionRecord,
) -> Result<(), StorageError> {
    connection
        .execute(
            "INSERT INTO console_sessions (session_hash, user_id, created_at_ms,
                 last_seen_at_ms, csrf_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            (
                &session_hash.as_bytes()[..],
                i64::try_from(record.account.get()).map_err(|_| StorageError::NotFound)?,
                record.created_at.as_millisecond(),
                record.last_seen_at.as_millisecond(),
                &record.csrf_hash.as_bytes()[..],
            ),
        )
        .map_err(database("creating a session"))?;
    Ok(())
}

/// See [`ocs_storage::SessionStore::session`].
pub(crate) fn session(
    connection: &Connection,
    session_hash: ocs_storage::SessionHash,
) -> Result<Option<SessionRecord>, StorageError> {
    let row: Option<(i64, i64, i64, Vec<u8>)> = connection
        .query_row(
            "SELECT user_id, created_at_ms, last_seen_at_ms, csrf_hash FROM console_sessions
             WHERE session_hash = ?1",
            [&session_hash.as_bytes()[..]],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()
        .map_err(database("reading a session"))?;
    row.map(|(user, created, seen, csrf)| {
        Ok(SessionRecord {
            account: AccountId::new(
                u64::try_from(user).map_err(|_| corrupt("console_sessions.user_id"))?,
            ),
            created_at: Timestamp::from_millisecond(created)
                .map_err(|_| corrupt("console_sessions.created_at_ms"))?,
            last_seen_at: Timestamp::from_millisecond(seen)
                .map_err(|_| corrupt("console_sessions.last_seen_at_ms"))?,
            csrf_hash: <[u8; 32]>::try_from(csrf)
                .map(ocs_storage::CsrfHash::from_bytes)
                .map_err(|_| corrupt("console_sessions.csrf_hash"))?,
        })
    })
    .transpose()
}

/// See [`ocs_storage::SessionStore::touch_session`] and `end_session` (`now = None`).
pub(crate) fn touch_or_end(
    connection: &Connection,
    session_hash: ocs_storage::SessionHash,
    now: Option<Timestamp>,
) -> Result<(), StorageError> {
    match now {
        Some(now) => connection.execute(
            "UPDATE console_sessions SET last_seen_at_ms = ?2 WHERE session_hash = ?1",
            (&session_hash.as_bytes()[..], now.as_millisecond()),
        ),
        None => connection.execute(
            "DELETE FROM console_sessions WHERE session_hash = ?1",
            [&session_hash.as_bytes()[..]],
        ),
    }
    .map_err(database("writing a session"))?;
    Ok(())
}

/// See [`ocs_storage::SessionStore::record_login_failure`]: prunes expired rows and counts
/// the failure in one `BEGIN IMMEDIATE` transaction (one upsert, so two nodes never lose a
/// count).
pub(crate) fn record_login_failure(
    connection: &mut Connection,
    key: &str,
    now_ms: i64,
    cutoff_ms: i64,
    prune_ms: i64,
) -> Result<u32, StorageError> {
    let write = database("counting a failed sign-in");
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting a sign-in count"))?;
    transaction
        .execute(
            "DELETE FROM login_throttle WHERE window_start_ms <= ?1",
            [prune_ms],
        )
        .map_err(write)?;
    let failures: i64 = transaction
        .query_row(
            "INSERT INTO login_throttle (throttle_key, failures, window_start_ms)
             VALUES (?1, 1, ?2)
             ON CONFLICT (throttle_key) DO UPDATE SET
                 failures = CASE WHEN login_throttle.window_start_ms <= ?3 THEN 1
                                 ELSE login_throttle.failures + 1 END,
                 window_start_ms = CASE WHEN login_throttle.window_start_ms <= ?3
                                        THEN excluded.window_start_ms
                                        ELSE login_throttle.window_start_ms END
             RETURNING failures",
            (key, now_ms, cutoff_ms),
            |row| row.get(0),
        )
        .map_err(database("counting a failed sign-in"))?;
    transaction
        .commit()
        .map_err(database("committing a sign-in count"))?;
    Ok(u32::try_from(failures).unwrap_or(u32::MAX))
}

/// See [`ocs_storage::SessionStore::login_failures`].
pub(crate) fn login_failures(
    connection: &Connection,
    key: &str,
    cutoff_ms: i64,
) -> Result<u32, StorageError> {
    let failures: Option<i64> = connection
        .query_row(
            "SELECT failures FROM login_throttle
             WHERE throttle_key = ?1 AND window_start_ms > ?2",
            (key, cutoff_ms),
            |row| row.get(0),
        )
        .optional()
        .map_err(database("reading failed sign-ins"))?;
    Ok(failures.map_or(0, |f| u32::try_from(f).unwrap_or(u32::MAX)))
}

/// See [`ocs_storage::SessionStore::clear_login_failures`].
pub(crate) fn clear_login_failures(connection: &Connection, key: &str) -> Result<(), StorageError> {
    connection
        .execute("DELETE FROM login_throttle WHERE throttle_key = ?1", [key])
        .map_err(database("clearing failed sign-ins"))?;
    Ok(())
}
