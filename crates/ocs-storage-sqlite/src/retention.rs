//! Retention events and Annex VI certificates on SQLite (migration 0012), each change with its
//! audit row in one `BEGIN IMMEDIATE` transaction on the console connection.

use jiff::Timestamp;
use jiff::civil::Date;
use ocs_domain::{CountryCode, InitiativeId};
use ocs_storage::audit::{AuditEntry, NewAuditEntry};
use ocs_storage::{LegalHold, RetentionChange, RetentionRecord, StorageError, Verification};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::console::append_in;
use crate::error::{corrupt, database};

fn date(text: Option<String>, column: &'static str) -> Result<Option<Date>, StorageError> {
    text.map(|t| t.parse::<Date>().map_err(|_| corrupt(column)))
        .transpose()
}

fn time(ms: i64, column: &'static str) -> Result<Timestamp, StorageError> {
    Timestamp::from_millisecond(ms).map_err(|_| corrupt(column))
}

type EventRow = (Option<String>, Option<String>, Option<i64>, Option<String>);

/// See [`ocs_storage::RetentionStore::retention`].
pub(crate) fn read(
    connection: &Connection,
    initiative: InitiativeId,
) -> Result<RetentionRecord, StorageError> {
    let id = i64::from(initiative.get());
    let failed = || database("reading retention events");
    let row: Option<EventRow> = connection
        .query_row(
            "SELECT commission_submitted_on, hold_reason, hold_since_ms, proceedings_concluded_on
             FROM retention_events WHERE initiative_id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()
        .map_err(failed())?;
    let mut record = RetentionRecord::default();
    if let Some((submitted, reason, since, concluded)) = row {
        record.commission_submitted_on =
            date(submitted, "retention_events.commission_submitted_on")?;
        record.proceedings_concluded_on =
            date(concluded, "retention_events.proceedings_concluded_on")?;
        record.hold = match (reason, since) {
            (Some(reason), Some(since)) => Some(LegalHold {
                reason,
                since: time(since, "retention_events.hold_since_ms")?,
            }),
            _ => None,
        };
    }
    let mut query = connection
        .prepare_cached(
            "SELECT country, valid_statements, authority, issued_on, recorded_at_ms
             FROM verification_certificates WHERE initiative_id = ?1 ORDER BY country",
        )
        .map_err(failed())?;
    let mut rows = query.query([id]).map_err(failed())?;
    while let Some(row) = rows.next().map_err(failed())? {
        let country: String = row.get(0).map_err(failed())?;
        let valid: i64 = row.get(1).map_err(failed())?;
        let issued: String = row.get(3).map_err(failed())?;
        record.verifications.push(Verification {
            country: CountryCode::parse(&country)
                .map_err(|_| corrupt("verification_certificates.country"))?,
            valid_statements: u64::try_from(valid)
                .map_err(|_| corrupt("verification_certificates.valid_statements"))?,
            authority: row.get(2).map_err(failed())?,
            issued_on: issued
                .parse()
                .map_err(|_| corrupt("verification_certificates.issued_on"))?,
            recorded_at: time(
                row.get(4).map_err(failed())?,
                "verification_certificates.recorded_at_ms",
            )?,
        });
    }
    Ok(record)
}

/// See [`ocs_storage::RetentionStore::change_retention`].
pub(crate) fn change(
    connection: &mut Connection,
    initiative: InitiativeId,
    change: RetentionChange,
    audit: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let id = i64::from(initiative.get());
    let now = audit.at.as_millisecond();
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting a retention change"))?;
    let write = || database("writing retention events");
    transaction
        .execute(
            "INSERT INTO retention_events (initiative_id, updated_at_ms) VALUES (?1, ?2)
             ON CONFLICT (initiative_id) DO NOTHING",
            (id, now),
        )
        .map_err(write())?;
    // Each guarded update changes one row or none; none means the precondition failed.
    let changed = match change {
        RetentionChange::CommissionSubmission { on } => transaction.execute(
            "UPDATE retention_events SET commission_submitted_on = ?2, updated_at_ms = ?3
             WHERE initiative_id = ?1 AND commission_submitted_on IS NULL",
            (id, on.to_string(), now),
        ),
        RetentionChange::SetHold { reason, since } => transaction.execute(
            "UPDATE retention_events SET hold_reason = ?2, hold_since_ms = ?3, updated_at_ms = ?4
             WHERE initiative_id = ?1 AND hold_reason IS NULL",
            (id, reason, since.as_millisecond(), now),
        ),
        RetentionChange::LiftHold { concluded_on } => transaction.execute(
            "UPDATE retention_events SET hold_reason = NULL, hold_since_ms = NULL,
                 proceedings_concluded_on = ?2, updated_at_ms = ?3
             WHERE initiative_id = ?1 AND hold_reason IS NOT NULL",
            (id, concluded_on.to_string(), now),
        ),
        RetentionChange::Verification(verification) => transaction.execute(
            "INSERT INTO verification_certificates (initiative_id, country, valid_statements,
                 authority, issued_on, recorded_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (initiative_id, country) DO UPDATE SET
                 valid_statements = excluded.valid_statements, authority = excluded.authority,
                 issued_on = excluded.issued_on, recorded_at_ms = excluded.recorded_at_ms",
            (
                id,
                verification.country.as_str(),
                i64::try_from(verification.valid_statements)
                    .map_err(|_| StorageError::other("count out of range"))?,
                verification.authority,
                verification.issued_on.to_string(),
                verification.recorded_at.as_millisecond(),
            ),
        ),
    }
    .map_err(write())?;
    if changed != 1 {
        return Err(StorageError::Conflict);
    }
    let row = append_in(&transaction, audit)?;
    transaction
        .commit()
        .map_err(database("committing a retention change"))?;
    Ok(row)
}
