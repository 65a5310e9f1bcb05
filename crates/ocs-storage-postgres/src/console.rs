//! The console's tables on PostgreSQL: the hash-chained audit trail and the initiative
//! lifecycle. Every append takes one transaction-scoped advisory lock first, so appends from
//! all app nodes are serialised and the chain never forks; the primary key on `sequence` is
//! the backstop.

use jiff::Timestamp;
use jiff::civil::Date;
use ocs_domain::InitiativeId;
use ocs_domain::lifecycle::Stage;
use ocs_storage::audit::{AuditEntry, AuditHash, GENESIS, NewAuditEntry, chain_hash};
use ocs_storage::{CertificateInfo, LifecycleChange, LifecycleRecord, StorageError};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, PgPool, Row};

use crate::error::{corrupt, database};

/// The advisory lock key of the audit trail ("OCSAUDIT" in ASCII).
const AUDIT_LOCK: i64 = 0x4f43_5341_5544_4954;

pub(crate) async fn append_in(
    connection: &mut PgConnection,
    entry: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(AUDIT_LOCK)
        .execute(&mut *connection)
        .await
        .map_err(database("locking the audit trail"))?;
    let last = sqlx::query("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
        .fetch_optional(&mut *connection)
        .await
        .map_err(database("reading the audit head"))?;
    let (sequence, previous_hash) = match last {
        None => (1, GENESIS),
        Some(row) => {
            let sequence: i64 = row.try_get(0).map_err(database("reading the audit head"))?;
            let hash: Vec<u8> = row.try_get(1).map_err(database("reading the audit head"))?;
            (
                u64::try_from(sequence).map_err(|_| corrupt("audit_log.sequence"))? + 1,
                AuditHash::from_bytes(
                    <[u8; 32]>::try_from(hash).map_err(|_| corrupt("audit_log.hash"))?,
                ),
            )
        }
    };
    let hash = chain_hash(&previous_hash, sequence, &entry);
    sqlx::query(
        "INSERT INTO audit_log (sequence, at_ms, actor_kind, actor_name, action,
             initiative_id, detail, previous_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(i64::try_from(sequence).map_err(|_| corrupt("audit_log.sequence"))?)
    .bind(entry.at.as_millisecond())
    .bind(&entry.actor_kind)
    .bind(&entry.actor_name)
    .bind(entry.action.as_str())
    .bind(entry.initiative.map(|id| i64::from(id.get())))
    .bind(&entry.detail)
    .bind(&previous_hash.as_bytes()[..])
    .bind(&hash.as_bytes()[..])
    .execute(&mut *connection)
    .await
    .map_err(database("appending to the audit trail"))?;
    Ok(AuditEntry {
        sequence,
        entry,
        previous_hash,
        hash,
    })
}

/// See [`ocs_storage::AuditLog::append_audit`].
pub(crate) async fn append(
    pool: &PgPool,
    entry: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting an audit append"))?;
    let row = append_in(&mut transaction, entry).await?;
    transaction
        .commit()
        .await
        .map_err(database("committing an audit append"))?;
    Ok(row)
}

fn decode_audit(row: &PgRow) -> Result<AuditEntry, StorageError> {
    let get = || database("reading the audit trail");
    let sequence: i64 = row.try_get(0).map_err(get())?;
    let at_ms: i64 = row.try_get(1).map_err(get())?;
    let initiative: Option<i64> = row.try_get(5).map_err(get())?;
    let previous: Vec<u8> = row.try_get(7).map_err(get())?;
    let hash: Vec<u8> = row.try_get(8).map_err(get())?;
    Ok(AuditEntry {
        sequence: u64::try_from(sequence).map_err(|_| corrupt("audit_log.sequence"))?,
        entry: NewAuditEntry {
            at: Timestamp::from_millisecond(at_ms).map_err(|_| corrupt("audit_log.at_ms"))?,
            actor_kind: row.try_get(2).map_err(get())?,
            actor_name: row.try_get(3).map_err(get())?,
            action: ocs_storage::AuditAction::from_stored(row.try_get(4).map_err(get())?),
            initiative: initiative
                .map(|id| u32::try_from(id).map(InitiativeId::new))
                .transpose()
                .map_err(|_| corrupt("audit_log.initiative_id"))?,
            detail: row.try_get(6).map_err(get())?,
        },
        previous_hash: AuditHash::from_stored(&previous),
        hash: AuditHash::from_stored(&hash),
    })
}

const AUDIT_COLUMNS: &str = "sequence, at_ms, actor_kind, actor_name, action, initiative_id, \
                             detail, previous_hash, hash";

/// See [`ocs_storage::AuditLog::audit_entries`].
pub(crate) async fn entries(
    pool: &PgPool,
    after_sequence: u64,
    limit: u32,
) -> Result<Vec<AuditEntry>, StorageError> {
    let Ok(after) = i64::try_from(after_sequence) else {
        return Ok(Vec::new());
    };
    let sql = format!(
        "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE sequence > $1 ORDER BY sequence LIMIT $2"
    );
    let rows = sqlx::query(&sql)
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(database("reading the audit trail"))?;
    rows.iter().map(decode_audit).collect()
}

/// See [`ocs_storage::AuditLog::recent_audit`].
pub(crate) async fn recent(pool: &PgPool, limit: u32) -> Result<Vec<AuditEntry>, StorageError> {
    let sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY sequence DESC LIMIT $1");
    let rows = sqlx::query(&sql)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(database("reading the audit trail"))?;
    rows.iter().map(decode_audit).collect()
}

fn parse_date(text: Option<String>, column: &'static str) -> Result<Option<Date>, StorageError> {
    text.map(|t| t.parse::<Date>().map_err(|_| corrupt(column)))
        .transpose()
}

/// See [`ocs_storage::LifecycleStore::change_lifecycle`].
pub(crate) async fn change(
    pool: &PgPool,
    initiative: InitiativeId,
    change: LifecycleChange,
    audit: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let id = i64::from(initiative.get());
    let now = audit.at.as_millisecond();
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting a lifecycle change"))?;
    // The audit lock first, so every console write is serialised the same way (no
    // lock-order inversion between the lifecycle row and the trail).
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(AUDIT_LOCK)
        .execute(&mut *transaction)
        .await
        .map_err(database("locking the audit trail"))?;
    let current: Option<String> =
        sqlx::query_scalar("SELECT stage FROM initiative_lifecycle WHERE initiative_id = $1")
            .bind(id)
            .fetch_optional(&mut *transaction)
            .await
            .map_err(database("reading the lifecycle"))?;
    match change {
        LifecycleChange::Stage {
            from,
            to,
            reason,
            erase_test_statements,
        } => {
            let current = current
                .map(|s| Stage::parse(&s).ok_or_else(|| corrupt("initiative_lifecycle.stage")))
                .transpose()?;
            if current != from {
                return Err(StorageError::Conflict);
            }
            sqlx::query(
                "INSERT INTO initiative_lifecycle (initiative_id, stage, reason, updated_at_ms)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (initiative_id) DO UPDATE
                 SET stage = excluded.stage, reason = excluded.reason,
                     updated_at_ms = excluded.updated_at_ms",
            )
            .bind(id)
            .bind(to.as_str())
            .bind(&reason)
            .bind(now)
            .execute(&mut *transaction)
            .await
            .map_err(database("writing the lifecycle"))?;
            if erase_test_statements {
                erase_test(&mut transaction, id).await?;
            }
        }
        LifecycleChange::Dates { notice, start, end } => {
            if current.is_none() {
                return Err(StorageError::NotFound);
            }
            sqlx::query(
                "UPDATE initiative_lifecycle SET notice_date = $2, start_date = $3,
                     end_date = $4, updated_at_ms = $5 WHERE initiative_id = $1",
            )
            .bind(id)
            .bind(notice.map(|d| d.to_string()))
            .bind(start.to_string())
            .bind(end.to_string())
            .bind(now)
            .execute(&mut *transaction)
            .await
            .map_err(database("writing the lifecycle"))?;
        }
        LifecycleChange::Certificate {
            pdf,
            authority,
            issued_on,
        } => {
            if current.is_none() {
                return Err(StorageError::NotFound);
            }
            sqlx::query(
                "UPDATE initiative_lifecycle SET certificate_pdf = $2,
                     certificate_authority = $3, certificate_date = $4, updated_at_ms = $5
                 WHERE initiative_id = $1",
            )
            .bind(id)
            .bind(pdf)
            .bind(authority)
            .bind(issued_on.to_string())
            .bind(now)
            .execute(&mut *transaction)
            .await
            .map_err(database("writing the lifecycle"))?;
        }
    }
    let row = append_in(&mut transaction, audit).await?;
    transaction
        .commit()
        .await
        .map_err(database("committing a lifecycle change"))?;
    Ok(row)
}

/// Deletes the initiative's test statements and takes them off the counts inside the
/// caller's transaction: a negative row per nationality in slot 0 (additive, like every
/// writer's update, so nodes committing at the same time stay exact), then rows of
/// nationalities whose sum reached zero go, so the counts list no empty state.
async fn erase_test(connection: &mut PgConnection, initiative: i64) -> Result<(), StorageError> {
    let erased: Vec<(String, i64)> = sqlx::query_as(
        "WITH gone AS (
             DELETE FROM statements WHERE initiative_id = $1 AND test RETURNING nationality
         )
         SELECT nationality, COUNT(*)::BIGINT FROM gone GROUP BY nationality",
    )
    .bind(initiative)
    .fetch_all(&mut *connection)
    .await
    .map_err(database("erasing test statements"))?;
    for (nationality, count) in erased {
        sqlx::query(
            "INSERT INTO statement_counts (initiative_id, nationality, slot, n, latest_ms)
             VALUES ($1, $2, 0, $3, 0)
             ON CONFLICT (initiative_id, nationality, slot)
             DO UPDATE SET n = statement_counts.n + excluded.n",
        )
        .bind(initiative)
        .bind(&nationality)
        .bind(-count)
        .execute(&mut *connection)
        .await
        .map_err(database("adjusting counts"))?;
    }
    sqlx::query(
        "DELETE FROM statement_counts WHERE initiative_id = $1 AND nationality IN (
             SELECT nationality FROM statement_counts WHERE initiative_id = $1
             GROUP BY nationality HAVING SUM(n) = 0)",
    )
    .bind(initiative)
    .execute(&mut *connection)
    .await
    .map_err(database("adjusting counts"))?;
    Ok(())
}

fn decode_lifecycle(row: &PgRow) -> Result<LifecycleRecord, StorageError> {
    let get = || database("reading the lifecycle");
    let id: i64 = row.try_get(0).map_err(get())?;
    let stage: String = row.try_get(1).map_err(get())?;
    let authority: Option<String> = row.try_get(6).map_err(get())?;
    let issued: Option<String> = row.try_get(7).map_err(get())?;
    let size: Option<i32> = row.try_get(8).map_err(get())?;
    let updated: i64 = row.try_get(9).map_err(get())?;
    let issued = parse_date(issued, "initiative_lifecycle.certificate_date")?;
    let certificate = match (authority, issued, size) {
        (Some(authority), Some(issued_on), Some(size)) => Some(CertificateInfo {
            authority,
            issued_on,
            size: u64::try_from(size).unwrap_or(0),
        }),
        _ => None,
    };
    Ok(LifecycleRecord {
        initiative: InitiativeId::new(
            u32::try_from(id).map_err(|_| corrupt("initiative_lifecycle.initiative_id"))?,
        ),
        stage: Stage::parse(&stage).ok_or_else(|| corrupt("initiative_lifecycle.stage"))?,
        reason: row.try_get(2).map_err(get())?,
        notice_date: parse_date(
            row.try_get(3).map_err(get())?,
            "initiative_lifecycle.notice_date",
        )?,
        start_date: parse_date(
            row.try_get(4).map_err(get())?,
            "initiative_lifecycle.start_date",
        )?,
        end_date: parse_date(
            row.try_get(5).map_err(get())?,
            "initiative_lifecycle.end_date",
        )?,
        certificate,
        updated_at: Timestamp::from_millisecond(updated)
            .map_err(|_| corrupt("initiative_lifecycle.updated_at_ms"))?,
    })
}

/// See [`ocs_storage::LifecycleStore::lifecycles`]; `only` narrows to one initiative.
pub(crate) async fn lifecycles(
    pool: &PgPool,
    only: Option<InitiativeId>,
) -> Result<Vec<LifecycleRecord>, StorageError> {
    let rows = sqlx::query(
        "SELECT initiative_id, stage, reason, notice_date, start_date, end_date,
             certificate_authority, certificate_date, octet_length(certificate_pdf),
             updated_at_ms
         FROM initiative_lifecycle
         WHERE $1::BIGINT IS NULL OR initiative_id = $1
         ORDER BY initiative_id",
    )
    .bind(only.map(|id| i64::from(id.get())))
    .fetch_all(pool)
    .await
    .map_err(database("reading the lifecycle"))?;
    rows.iter().map(decode_lifecycle).collect()
}

/// See [`ocs_storage::LifecycleStore::certificate_pdf`].
pub(crate) async fn certificate_pdf(
    pool: &PgPool,
    initiative: InitiativeId,
) -> Result<Option<Vec<u8>>, StorageError> {
    let pdf: Option<Option<Vec<u8>>> = sqlx::query_scalar(
        "SELECT certificate_pdf FROM initiative_lifecycle WHERE initiative_id = $1",
    )
    .bind(i64::from(initiative.get()))
    .fetch_optional(pool)
    .await
    .map_err(database("reading the certificate"))?;
    Ok(pdf.flatten())
}
