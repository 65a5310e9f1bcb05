//! Console accounts on PostgreSQL, each change with its audit row in one transaction.

use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_domain::access::{AccountId, AccountName, Role};
use ocs_storage::audit::{AuditEntry, NewAuditEntry};
use ocs_storage::{Account, AccountChange, NewAccount, SessionRecord, StorageError};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row};

use crate::console::append_in;
use crate::error::{corrupt, database};

const COLUMNS: &str = "user_id, name, role, initiative_id, password_hash, totp_secret, \
                       totp_enrolled, disabled, created_at_ms";

fn decode(row: &PgRow) -> Result<Account, StorageError> {
    let get = || database("reading accounts");
    let id: i64 = row.try_get(0).map_err(get())?;
    let name: String = row.try_get(1).map_err(get())?;
    let role: String = row.try_get(2).map_err(get())?;
    let initiative: Option<i64> = row.try_get(3).map_err(get())?;
    let created: i64 = row.try_get(8).map_err(get())?;
    Ok(Account {
        id: AccountId::new(u64::try_from(id).map_err(|_| corrupt("console_users.user_id"))?),
        name: AccountName::parse(&name).map_err(|_| corrupt("console_users.name"))?,
        role: Role::parse(&role).ok_or_else(|| corrupt("console_users.role"))?,
        initiative: initiative
            .map(|id| u32::try_from(id).map(InitiativeId::new))
            .transpose()
            .map_err(|_| corrupt("console_users.initiative_id"))?,
        password_hash: row.try_get(4).map_err(get())?,
        totp_secret: row.try_get(5).map_err(get())?,
        totp_enrolled: row.try_get(6).map_err(get())?,
        disabled: row.try_get(7).map_err(get())?,
        created_at: Timestamp::from_millisecond(created)
            .map_err(|_| corrupt("console_users.created_at_ms"))?,
    })
}

/// See [`ocs_storage::AccountStore::create_account`].
pub(crate) async fn create(
    pool: &PgPool,
    account: &NewAccount,
    audit: NewAuditEntry,
) -> Result<Account, StorageError> {
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting an account change"))?;
    let row = sqlx::query(&format!(
        "INSERT INTO console_users (name, role, initiative_id, password_hash, created_at_ms)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO NOTHING
         RETURNING {COLUMNS}"
    ))
    .bind(account.name.as_str())
    .bind(account.role.as_str())
    .bind(account.initiative.map(|id| i64::from(id.get())))
    .bind(&account.password_hash)
    .bind(account.created_at.as_millisecond())
    .fetch_optional(&mut *transaction)
    .await
    .map_err(database("creating an account"))?;
    let Some(row) = row else {
        return Err(StorageError::Conflict);
    };
    let stored = decode(&row)?;
    append_in(&mut transaction, audit).await?;
    transaction
        .commit()
        .await
        .map_err(database("committing an account change"))?;
    Ok(stored)
}

/// See [`ocs_storage::AccountStore::account_by_name`] and `accounts`.
pub(crate) async fn read(
    pool: &PgPool,
    name: Option<&AccountName>,
) -> Result<Vec<Account>, StorageError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM console_users WHERE $1::TEXT IS NULL OR name = $1 ORDER BY name"
    ))
    .bind(name.map(AccountName::as_str))
    .fetch_all(pool)
    .await
    .map_err(database("reading accounts"))?;
    rows.iter().map(decode).collect()
}

/// See [`ocs_storage::AccountStore::change_account`].
pub(crate) async fn change(
    pool: &PgPool,
    id: AccountId,
    change: AccountChange,
    audit: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let id = i64::try_from(id.get()).map_err(|_| StorageError::NotFound)?;
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting an account change"))?;
    let ends_sessions = ocs_storage::accounts::change_ends_sessions(&change);
    let query = match change {
        AccountChange::Disabled(disabled) => {
            sqlx::query("UPDATE console_users SET disabled = $2 WHERE user_id = $1")
                .bind(id)
                .bind(disabled)
        }
        AccountChange::Password(hash) => sqlx::query(
            "UPDATE console_users SET password_hash = $2, totp_secret = NULL,
                 totp_enrolled = FALSE WHERE user_id = $1",
        )
        .bind(id)
        .bind(hash),
        AccountChange::Rehash(hash) => {
            sqlx::query("UPDATE console_users SET password_hash = $2 WHERE user_id = $1")
                .bind(id)
                .bind(hash)
        }
        AccountChange::Totp { secret, enrolled } => sqlx::query(
            "UPDATE console_users SET totp_secret = $2, totp_enrolled = $3 WHERE user_id = $1",
        )
        .bind(id)
        .bind(secret)
        .bind(enrolled),
    };
    let done = query
        .execute(&mut *transaction)
        .await
        .map_err(database("changing an account"))?;
    if done.rows_affected() == 0 {
        return Err(StorageError::NotFound);
    }
    if ends_sessions {
        sqlx::query("DELETE FROM console_sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *transaction)
            .await
            .map_err(database("ending an account's sessions"))?;
    }
    let row = append_in(&mut transaction, audit).await?;
    transaction
        .commit()
        .await
        .map_err(database("committing an account change"))?;
    Ok(row)
}

/// See [`ocs_storage::AccountStore::accept_totp_step`].
pub(crate) async fn accept_totp_step(
    pool: &PgPool,
    id: AccountId,
    step: i64,
) -> Result<bool, StorageError> {
    let id = i64::try_from(id.get()).map_err(|_| StorageError::NotFound)?;
    // One statement: two nodes checking the same code cannot both see the old step.
    let updated = sqlx::query(
        "UPDATE console_users SET totp_last_step = $2
         WHERE user_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
    )
    .bind(id)
    .bind(step)
    .execute(pool)
    .await
    .map_err(database("recording a TOTP step"))?;
    if updated.rows_affected() == 1 {
        return Ok(true);
    }
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM console_users WHERE user_id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await
            .map_err(database("reading accounts"))?;
    exists.map(|_| false).ok_or(StorageError::NotFound)
}

/// See [`ocs_storage::SessionStore::create_session`].
pub(crate) async fn create_session(
    pool: &PgPool,
    session_hash: ocs_storage::SessionHash,
    record: &SessionRecord,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO console_sessions (session_hash, user_id, created_at_ms, last_seen_at_ms,
             csrf_hash) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&session_hash.as_bytes()[..])
    .bind(i64::try_from(record.account.get()).map_err(|_| StorageError::NotFound)?)
    .bind(record.created_at.as_millisecond())
    .bind(record.last_seen_at.as_millisecond())
    .bind(&record.csrf_hash.as_bytes()[..])
    .execute(pool)
    .await
    .map_err(database("creating a session"))?;
    Ok(())
}

/// See [`ocs_storage::SessionStore::session`].
pub(crate) async fn session(
    pool: &PgPool,
    session_hash: ocs_storage::SessionHash,
) -> Result<Option<SessionRecord>, StorageError> {
    let row: Option<(i64, i64, i64, Vec<u8>)> = sqlx::query_as(
        "SELECT user_id, created_at_ms, last_seen_at_ms, csrf_hash FROM console_sessions
         WHERE session_hash = $1",
    )
    .bind(&session_hash.as_bytes()[..])
    .fetch_optional(pool)
    .await
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
pub(crate) async fn touch_or_end(
    pool: &PgPool,
    session_hash: ocs_storage::SessionHash,
    now: Option<Timestamp>,
) -> Result<(), StorageError> {
    let query = match now {
        Some(now) => {
            sqlx::query("UPDATE console_sessions SET last_seen_at_ms = $2 WHERE session_hash = $1")
                .bind(&session_hash.as_bytes()[..])
                .bind(now.as_millisecond())
        }
        None => sqlx::query("DELETE FROM console_sessions WHERE session_hash = $1")
            .bind(&session_hash.as_bytes()[..]),
    };
    query
        .execute(pool)
        .await
        .map_err(database("writing a session"))?;
    Ok(())
}

/// See [`ocs_storage::SessionStore::record_login_failure`]: prunes expired rows, then counts
/// the failure with one upsert (atomic under concurrent nodes).
pub(crate) async fn record_login_failure(
    pool: &PgPool,
    key: &str,
    now_ms: i64,
    cutoff_ms: i64,
    prune_ms: i64,
) -> Result<u32, StorageError> {
    sqlx::query("DELETE FROM login_throttle WHERE window_start_ms <= $1")
        .bind(prune_ms)
        .execute(pool)
        .await
        .map_err(database("pruning failed sign-ins"))?;
    let (failures,): (i64,) = sqlx::query_as(
        "INSERT INTO login_throttle (throttle_key, failures, window_start_ms)
         VALUES ($1, 1, $2)
         ON CONFLICT (throttle_key) DO UPDATE SET
             failures = CASE WHEN login_throttle.window_start_ms <= $3 THEN 1
                             ELSE login_throttle.failures + 1 END,
             window_start_ms = CASE WHEN login_throttle.window_start_ms <= $3
                                    THEN EXCLUDED.window_start_ms
                                    ELSE login_throttle.window_start_ms END
         RETURNING failures",
    )
    .bind(key)
    .bind(now_ms)
    .bind(cutoff_ms)
    .fetch_one(pool)
    .await
    .map_err(database("counting a failed sign-in"))?;
    Ok(u32::try_from(failures).unwrap_or(u32::MAX))
}

/// See [`ocs_storage::SessionStore::login_failures`].
pub(crate) async fn login_failures(
    pool: &PgPool,
    key: &str,
    cutoff_ms: i64,
) -> Result<u32, StorageError> {
    let failures: Option<(i64,)> = sqlx::query_as(
        "SELECT failures FROM login_throttle WHERE throttle_key = $1 AND window_start_ms > $2",
    )
    .bind(key)
    .bind(cutoff_ms)
    .fetch_optional(pool)
    .await
    .map_err(database("reading failed sign-ins"))?;
    Ok(failures.map_or(0, |(f,)| u32::try_from(f).unwrap_or(u32::MAX)))
}

/// See [`ocs_storage::SessionStore::clear_login_failures`].
pub(crate) async fn clear_login_failures(pool: &PgPool, key: &str) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
        .bind(key)
        .execute(pool)
        .await
        .map_err(database("clearing failed sign-ins"))?;
    Ok(())
}
