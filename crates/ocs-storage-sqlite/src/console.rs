//! The console's tables on SQLite: the hash-chained audit trail and the initiative
//! lifecycle. They are written on a connection of their own (not the statement writer
//! thread): each change is one `BEGIN IMMEDIATE` transaction, so appends are serialised by
//! SQLite's write lock and the chain never forks.

use jiff::Timestamp;
use jiff::civil::Date;
use ocs_domain::lifecycle::Stage;
use ocs_domain::{CountryCode, InitiativeId};
use ocs_storage::audit::{AuditEntry, AuditHash, GENESIS, NewAuditEntry, chain_hash};
use ocs_storage::{CertificateInfo, LifecycleChange, LifecycleRecord, StorageError};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior};

use crate::error::{corrupt, database};

/// Appends `entry` after the last row, inside the caller's transaction.
pub(crate) fn append_in(
    connection: &Connection,
    entry: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let last: Option<(i64, Vec<u8>)> = connection
        .query_row(
            "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(database("reading the audit head"))?;
    let (sequence, previous_hash) = match last {
        None => (1, GENESIS),
        Some((sequence, hash)) => (
            u64::try_from(sequence).map_err(|_| corrupt("audit_log.sequence"))? + 1,
            AuditHash::from_bytes(
                <[u8; 32]>::try_from(hash).map_err(|_| corrupt("audit_log.hash"))?,
            ),
        ),
    };
    let hash = chain_hash(&previous_hash, sequence, &entry);
    connection
        .execute(
            "INSERT INTO audit_log (sequence, at_ms, actor_kind, actor_name, action,
                 initiative_id, detail, previous_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            (
                i64::try_from(sequence).map_err(|_| corrupt("audit_log.sequence"))?,
                entry.at.as_millisecond(),
                &entry.actor_kind,
                &entry.actor_name,
                entry.action.as_str(),
                entry.initiative.map(|id| i64::from(id.get())),
                &entry.detail,
                &previous_hash.as_bytes()[..],
                &hash.as_bytes()[..],
            ),
        )
        .map_err(database("appending to the audit trail"))?;
    Ok(AuditEntry {
        sequence,
        entry,
        previous_hash,
        hash,
    })
}

/// See [`ocs_storage::AuditLog::append_audit`].
pub(crate) fn append(
    connection: &mut Connection,
    entry: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting an audit append"))?;
    let row = append_in(&transaction, entry)?;
    transaction
        .commit()
        .map_err(database("committing an audit append"))?;
    Ok(row)
}

fn decode_audit(row: &Row<'_>) -> Result<AuditEntry, StorageError> {
    let get = |e| database("reading the audit trail")(e);
    let sequence: i64 = row.get(0).map_err(get)?;
    let at_ms: i64 = row.get(1).map_err(get)?;
    let initiative: Option<i64> = row.get(5).map_err(get)?;
    let previous: Vec<u8> = row.get(7).map_err(get)?;
    let hash: Vec<u8> = row.get(8).map_err(get)?;
    Ok(AuditEntry {
        sequence: u64::try_from(sequence).map_err(|_| corrupt("audit_log.sequence"))?,
        entry: NewAuditEntry {
            at: Timestamp::from_millisecond(at_ms).map_err(|_| corrupt("audit_log.at_ms"))?,
            actor_kind: row.get(2).map_err(get)?,
            actor_name: row.get(3).map_err(get)?,
            action: ocs_storage::AuditAction::from_stored(row.get(4).map_err(get)?),
            initiative: initiative
                .map(|id| u32::try_from(id).map(InitiativeId::new))
                .transpose()
                .map_err(|_| corrupt("audit_log.initiative_id"))?,
            detail: row.get(6).map_err(get)?,
        },
        previous_hash: AuditHash::from_stored(&previous),
        hash: AuditHash::from_stored(&hash),
    })
}

const AUDIT_COLUMNS: &str = "sequence, at_ms, actor_kind, actor_name, action, initiative_id, \
                             detail, previous_hash, hash";

/// See [`ocs_storage::AuditLog::audit_entries`].
pub(crate) fn entries(
    connection: &Connection,
    after_sequence: u64,
    limit: u32,
) -> Result<Vec<AuditEntry>, StorageError> {
    let Ok(after) = i64::try_from(after_sequence) else {
        return Ok(Vec::new());
    };
    query_audit(
        connection,
        &format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE sequence > ?1 ORDER BY sequence LIMIT ?2"
        ),
        (after, i64::from(limit)),
    )
}

/// See [`ocs_storage::AuditLog::recent_audit`].
pub(crate) fn recent(connection: &Connection, limit: u32) -> Result<Vec<AuditEntry>, StorageError> {
    query_audit(
        connection,
        &format!("SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY sequence DESC LIMIT ?1"),
        (i64::from(limit),),
    )
}

fn query_audit(
    connection: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<AuditEntry>, StorageError> {
    let mut query = connection
        .prepare_cached(sql)
        .map_err(database("reading the audit trail"))?;
    let mut rows = query
        .query(params)
        .map_err(database("reading the audit trail"))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(database("reading the audit trail"))? {
        out.push(decode_audit(row)?);
    }
    Ok(out)
}

fn date_text(date: Option<Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

fn parse_date(text: Option<String>, column: &'static str) -> Result<Option<Date>, StorageError> {
    text.map(|t| t.parse::<Date>().map_err(|_| corrupt(column)))
        .transpose()
}

/// Statements erased, per nationality, for the in-memory counts.
pub(crate) type Erased = Vec<(CountryCode, u64)>;

/// Deletes `initiative`'s test statements inside the caller's transaction.
fn erase_test(connection: &Connection, initiative: i64) -> Result<Erased, StorageError> {
    let mut erased = Vec::new();
    {
        let mut query = connection
            .prepare(
                "SELECT nationality, COUNT(*) FROM statements
                 WHERE initiative_id = ?1 AND test = 1 GROUP BY nationality",
            )
            .map_err(database("counting test statements"))?;
        let mut rows = query
            .query([initiative])
            .map_err(database("counting test statements"))?;
        while let Some(row) = rows.next().map_err(database("counting test statements"))? {
            let nationality: String = row.get(0).map_err(database("counting test statements"))?;
            let count: i64 = row.get(1).map_err(database("counting test statements"))?;
            erased.push((
                CountryCode::parse(&nationality).map_err(|_| corrupt("statements.nationality"))?,
                u64::try_from(count).unwrap_or(0),
            ));
        }
    }
    connection
        .execute(
            "DELETE FROM statements WHERE initiative_id = ?1 AND test = 1",
            [initiative],
        )
        .map_err(database("erasing test statements"))?;
    Ok(erased)
}

/// See [`ocs_storage::LifecycleStore::change_lifecycle`]; also returns the test statements
/// erased, for the caller to take off the counts after the commit.
pub(crate) fn change(
    connection: &mut Connection,
    initiative: InitiativeId,
    change: LifecycleChange,
    audit: NewAuditEntry,
) -> Result<(AuditEntry, Erased), StorageError> {
    let mut erased = Vec::new();
    let id = i64::from(initiative.get());
    let now = audit.at.as_millisecond();
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting a lifecycle change"))?;
    let current: Option<String> = transaction
        .query_row(
            "SELECT stage FROM initiative_lifecycle WHERE initiative_id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()
        .map_err(database("reading the lifecycle"))?;
    let write = database("writing the lifecycle");
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
            transaction
                .execute(
                    "INSERT INTO initiative_lifecycle (initiative_id, stage, reason, updated_at_ms)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (initiative_id) DO UPDATE
                     SET stage = excluded.stage, reason = excluded.reason,
                         updated_at_ms = excluded.updated_at_ms",
                    (id, to.as_str(), &reason, now),
                )
                .map_err(write)?;
            if erase_test_statements {
                erased = erase_test(&transaction, id)?;
            }
        }
        LifecycleChange::Dates { notice, start, end } => {
            if current.is_none() {
                return Err(StorageError::NotFound);
            }
            transaction
                .execute(
                    "UPDATE initiative_lifecycle SET notice_date = ?2, start_date = ?3,
                         end_date = ?4, updated_at_ms = ?5 WHERE initiative_id = ?1",
                    (
                        id,
                        date_text(notice),
                        date_text(Some(start)),
                        date_text(Some(end)),
                        now,
                    ),
                )
                .map_err(write)?;
        }
        LifecycleChange::Certificate {
            pdf,
            authority,
            issued_on,
        } => {
            if current.is_none() {
                return Err(StorageError::NotFound);
            }
            transaction
                .execute(
                    "UPDATE initiative_lifecycle SET certificate_pdf = ?2,
                         certificate_authority = ?3, certificate_date = ?4, updated_at_ms = ?5
                     WHERE initiative_id = ?1",
                    (id, pdf, authority, issued_on.to_string(), now),
                )
                .map_err(write)?;
        }
    }
    let row = append_in(&transaction, audit)?;
    transaction
        .commit()
        .map_err(database("committing a lifecycle change"))?;
    Ok((row, erased))
}

const LIFECYCLE_COLUMNS: &str = "initiative_id, stage, reason, notice_date, start_date, end_date, \
     certificate_authority, certificate_date, length(certificate_pdf), updated_at_ms";

fn decode_lifecycle(row: &Row<'_>) -> Result<LifecycleRecord, StorageError> {
    let get = |e| database("reading the lifecycle")(e);
    let id: i64 = row.get(0).map_err(get)?;
    let stage: String = row.get(1).map_err(get)?;
    let authority: Option<String> = row.get(6).map_err(get)?;
    let issued: Option<String> = row.get(7).map_err(get)?;
    let size: Option<i64> = row.get(8).map_err(get)?;
    let updated: i64 = row.get(9).map_err(get)?;
    let certificate = match (
        authority,
        parse_date(issued, "initiative_lifecycle.certificate_date")?,
        size,
    ) {
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
        reason: row.get(2).map_err(get)?,
        notice_date: parse_date(row.get(3).map_err(get)?, "initiative_lifecycle.notice_date")?,
        start_date: parse_date(row.get(4).map_err(get)?, "initiative_lifecycle.start_date")?,
        end_date: parse_date(row.get(5).map_err(get)?, "initiative_lifecycle.end_date")?,
        certificate,
        updated_at: Timestamp::from_millisecond(updated)
            .map_err(|_| corrupt("initiative_lifecycle.updated_at_ms"))?,
    })
}

/// See [`ocs_storage::LifecycleStore::lifecycles`]; `only` narrows to one initiative.
pub(crate) fn lifecycles(
    connection: &Connection,
    only: Option<InitiativeId>,
) -> Result<Vec<LifecycleRecord>, StorageError> {
    let mut query = connection
        .prepare_cached(&format!(
            "SELECT {LIFECYCLE_COLUMNS} FROM initiative_lifecycle
             WHERE ?1 IS NULL OR initiative_id = ?1 ORDER BY initiative_id"
        ))
        .map_err(database("reading the lifecycle"))?;
    let mut rows = query
        .query([only.map(|id| i64::from(id.get()))])
        .map_err(database("reading the lifecycle"))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(database("reading the lifecycle"))? {
        out.push(decode_lifecycle(row)?);
    }
    Ok(out)
}

/// See [`ocs_storage::LifecycleStore::certificate_pdf`].
pub(crate) fn certificate_pdf(
    connection: &Connection,
    initiative: InitiativeId,
) -> Result<Option<Vec<u8>>, StorageError> {
    connection
        .query_row(
            "SELECT certificate_pdf FROM initiative_lifecycle WHERE initiative_id = ?1",
            [i64::from(initiative.get())],
            |row| row.get::<_, Option<Vec<u8>>>(0),
        )
        .optional()
        .map(Option::flatten)
        .map_err(database("reading the certificate"))
}
