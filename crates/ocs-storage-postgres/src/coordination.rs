//! Claims and leases in shared tables, so every app node agrees: each call is one atomic
//! upsert or delete, with no read before the write.

use jiff::Timestamp;
use ocs_storage::{ClaimKey, StorageError};
use sqlx::PgPool;

use crate::error::database;
use crate::sql;

/// See [`ocs_storage::Coordination::claim_once`]. A row comes back only when the key was new
/// or its earlier claim had expired at `now`.
pub(crate) async fn claim_once(
    pool: &PgPool,
    key: ClaimKey,
    expires_at: Timestamp,
    now: Timestamp,
) -> Result<bool, StorageError> {
    let claimed = sqlx::query(sql::CLAIM_ONCE)
        .bind(&key.as_bytes()[..])
        .bind(expires_at.as_millisecond())
        .bind(now.as_millisecond())
        .fetch_optional(pool)
        .await
        .map_err(database("claiming a key"))?;
    Ok(claimed.is_some())
}

/// See [`ocs_storage::Coordination::release_claim`].
pub(crate) async fn release_claim(pool: &PgPool, key: ClaimKey) -> Result<(), StorageError> {
    sqlx::query(sql::RELEASE_CLAIM)
        .bind(&key.as_bytes()[..])
        .execute(pool)
        .await
        .map_err(database("releasing a claim"))?;
    Ok(())
}

/// See [`ocs_storage::Coordination::try_lease`].
pub(crate) async fn try_lease(
    pool: &PgPool,
    job: &str,
    holder: &str,
    until: Timestamp,
    now: Timestamp,
) -> Result<bool, StorageError> {
    let held = sqlx::query(sql::TRY_LEASE)
        .bind(job)
        .bind(holder)
        .bind(until.as_millisecond())
        .bind(now.as_millisecond())
        .fetch_optional(pool)
        .await
        .map_err(database("taking a lease"))?;
    Ok(held.is_some())
}

/// See [`ocs_storage::Coordination::prune_claims`].
pub(crate) async fn prune_claims(pool: &PgPool, now: Timestamp) -> Result<u64, StorageError> {
    let done = sqlx::query(sql::PRUNE_CLAIMS)
        .bind(now.as_millisecond())
        .execute(pool)
        .await
        .map_err(database("pruning claims"))?;
    Ok(done.rows_affected())
}

/// See [`ocs_storage::EidSubjects::reserve_eid_subject`]. Autocommit: durable on return.
pub(crate) async fn reserve_eid_subject(
    pool: &PgPool,
    initiative: ocs_domain::InitiativeId,
    tag: ocs_domain::DedupTag,
) -> Result<bool, StorageError> {
    let done = sqlx::query(
        "INSERT INTO eid_subjects (initiative_id, subject_tag) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(i64::from(initiative.get()))
    .bind(&tag.as_bytes()[..])
    .execute(pool)
    .await
    .map_err(database("recording an eID subject"))?;
    Ok(done.rows_affected() == 1)
}

/// See [`ocs_storage::EidSubjects::release_eid_subject`].
pub(crate) async fn release_eid_subject(
    pool: &PgPool,
    initiative: ocs_domain::InitiativeId,
    tag: ocs_domain::DedupTag,
) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM eid_subjects WHERE initiative_id = $1 AND subject_tag = $2")
        .bind(i64::from(initiative.get()))
        .bind(&tag.as_bytes()[..])
        .execute(pool)
        .await
        .map_err(database("releasing an eID subject"))?;
    Ok(())
}
