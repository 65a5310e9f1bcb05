//! Retention events and Annex VI certificates on PostgreSQL (migration 0012), each change with
//! its audit row in one transaction.

use jiff::Timestamp;
use jiff::civil::Date;
use ocs_domain::{CountryCode, InitiativeId};
use ocs_storage::audit::{AuditEntry, NewAuditEntry};
use ocs_storage::{LegalHold, RetentionChange, RetentionRecord, StorageError, Verification};
use sqlx::{PgPool, Row};

use crate::console::append_in;
use crate::error::{corrupt, database};

fn date(text: Option<String>, column: &'static str) -> Result<Option<Date>, StorageError> {
    text.map(|t| t.parse::<Date>().map_err(|_| corrupt(column)))
        .transpose()
}

fn time(ms: i64, column: &'static str) -> Result<Timestamp, StorageError> {
    Timestamp::from_millisecond(ms).map_err(|_| corrupt(column))
}

/// See [`ocs_storage::RetentionStore::retention`].
pub(crate) async fn read(
    pool: &PgPool,
    initiative: InitiativeId,
) -> Result<RetentionRecord, StorageError> {
    let id = i64::from(initiative.get());
    let failed = || database("reading retention events");
    let row = sqlx::query(
        "SELECT commission_submitted_on, hold_reason, hold_since_ms, proceedings_concluded_on
         FROM retention_events WHERE initiative_id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
    .map_err(failed())?;
    let mut record = RetentionRecord::default();
    if let Some(row) = row {
        record.commission_submitted_on = date(
            row.try_get(0).map_err(failed())?,
            "retention_events.commission_submitted_on",
        )?;
        record.proceedings_concluded_on = date(
            row.try_get(3).map_err(failed())?,
            "retention_events.proceedings_concluded_on",
        )?;
        let reason: Option<String> = row.try_get(1).map_err(failed())?;
        let since: Option<i64> = row.try_get(2).map_err(failed())?;
        record.hold = match (reason, since) {
            (Some(reason), Some(since)) => Some(LegalHold {
                reason,
                since: time(since, "retention_events.hold_since_ms")?,
            }),
            _ => None,
        };
    }
    let rows = sqlx::query(
        "SELECT country, valid_statements, authority, issued_on, recorded_at_ms
         FROM verification_certificates WHERE initiative_id = $1 ORDER BY country",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .map_err(failed())?;
    for row in rows {
        let country: String = row.try_get(0).map_err(failed())?;
        let valid: i64 = row.try_get(1).map_err(failed())?;
        let issued: String = row.try_get(3).map_err(failed())?;
        record.verifications.push(Verification {
            country: CountryCode::parse(&country)
                .map_err(|_| corrupt("verification_certificates.country"))?,
            valid_statements: u64::try_from(valid)
                .map_err(|_| corrupt("verification_certificates.valid_statements"))?,
            authority: row.try_get(2).map_err(failed())?,
            issued_on: issued
                .parse()
                .map_err(|_| corrupt("verification_certificates.issued_on"))?,
            recorded_at: time(
                row.try_get(4).map_err(failed())?,
                "verification_certificates.recorded_at_ms",
            )?,
        });
    }
    Ok(record)
}

/// See [`ocs_storage::RetentionStore::change_retention`].
pub(crate) async fn change(
    pool: &PgPool,
    initiative: InitiativeId,
    change: RetentionChange,
    audit: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let id = i64::from(initiative.get());
    let now = audit.at.as_millisecond();
    let write = || database("writing retention events");
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting a retention change"))?;
    sqlx::query(
        "INSERT INTO retention_events (initiative_id, updated_at_ms) VALUES ($1, $2)
         ON CONFLICT (initiative_id) DO NOTHING",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *transaction)
    .await
    .map_err(write())?;
    // Each guarded update changes one row or none; none means the precondition failed. The
    // row lock taken by the update orders two nodes' changes to the same initiative.
    let changed = match change {
        RetentionChange::CommissionSubmission { on } => sqlx::query(
            "UPDATE retention_events SET commission_submitted_on = $2, updated_at_ms = $3
             WHERE initiative_id = $1 AND commission_submitted_on IS NULL",
        )
        .bind(id)
        .bind(on.to_string())
        .bind(now),
        RetentionChange::SetHold { reason, since } => sqlx::query(
            "UPDATE retention_events SET hold_reason = $2, hold_since_ms = $3, updated_at_ms = $4
             WHERE initiative_id = $1 AND hold_reason IS NULL",
        )
        .bind(id)
        .bind(reason)
        .bind(since.as_millisecond())
        .bind(now),
        RetentionChange::LiftHold { concluded_on } => sqlx::query(
            "UPDATE retention_events SET hold_reason = NULL, hold_since_ms = NULL,
                 proceedings_concluded_on = $2, updated_at_ms = $3
             WHERE initiative_id = $1 AND hold_reason IS NOT NULL",
        )
        .bind(id)
        .bind(concluded_on.to_string())
        .bind(now),
        RetentionChange::Verification(verification) => sqlx::query(
            "INSERT INTO verification_certificates (initiative_id, country, valid_statements,
                 authority, issued_on, recorded_at_ms) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (initiative_id, country) DO UPDATE SET
                 valid_statements = excluded.valid_statements, authority = excluded.authority,
                 issued_on = excluded.issued_on, recorded_at_ms = excluded.recorded_at_ms",
        )
        .bind(id)
        .bind(verification.country.as_str())
        .bind(
            i64::try_from(verification.valid_statements)
                .map_err(|_| StorageError::other("count out of range"))?,
        )
        .bind(verification.authority)
        .bind(verification.issued_on.to_string())
        .bind(verification.recorded_at.as_millisecond()),
    }
    .execute(&mut *transaction)
    .await
    .map_err(write())?
    .rows_affected();
    if changed != 1 {
        return Err(StorageError::Conflict);
    }
    let row = append_in(&mut transaction, audit).await?;
    transaction
        .commit()
        .await
        .map_err(database("committing a retention change"))?;
    Ok(row)
}
