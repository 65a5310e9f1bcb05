//! Stored initiative definitions on SQLite, each change with its audit row in one
//! `BEGIN IMMEDIATE` transaction on the console connection.

use jiff::Timestamp;
use ocs_domain::{InitiativeId, Slug};
use ocs_storage::audit::{AuditEntry, NewAuditEntry};
use ocs_storage::{StorageError, StoredInitiative};
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior};

use crate::console::append_in;
use crate::error::{corrupt, database};

/// See [`ocs_storage::InitiativeStore::stored_initiatives`].
pub(crate) fn read(connection: &Connection) -> Result<Vec<StoredInitiative>, StorageError> {
    let mut query = connection
        .prepare_cached(
            "SELECT initiative_id, slug, registration_number, definition, revision,
                    updated_at_ms
             FROM initiatives ORDER BY initiative_id",
        )
        .map_err(database("reading initiatives"))?;
    let mut rows = query.query([]).map_err(database("reading initiatives"))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(database("reading initiatives"))? {
        let get = || database("reading initiatives");
        let id: i64 = row.get(0).map_err(get())?;
        let slug: String = row.get(1).map_err(get())?;
        let revision: i64 = row.get(4).map_err(get())?;
        let updated: i64 = row.get(5).map_err(get())?;
        out.push(StoredInitiative {
            id: InitiativeId::new(
                u32::try_from(id).map_err(|_| corrupt("initiatives.initiative_id"))?,
            ),
            slug: Slug::parse(&slug).map_err(|_| corrupt("initiatives.slug"))?,
            registration_number: row.get(2).map_err(get())?,
            definition: row.get(3).map_err(get())?,
            revision: u64::try_from(revision).map_err(|_| corrupt("initiatives.revision"))?,
            updated_at: Timestamp::from_millisecond(updated)
                .map_err(|_| corrupt("initiatives.updated_at_ms"))?,
        });
    }
    Ok(out)
}

/// See [`ocs_storage::InitiativeStore::save_initiative`].
pub(crate) fn save(
    connection: &mut Connection,
    initiative: &StoredInitiative,
    expected_revision: Option<u64>,
    audit: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let revision =
        i64::try_from(initiative.revision).map_err(|_| corrupt("initiatives.revision"))?;
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting an initiative change"))?;
    let id = i64::from(initiative.id.get());
    if let Some(expected) = expected_revision {
        let stored: Option<i64> = transaction
            .query_row(
                "SELECT revision FROM initiatives WHERE initiative_id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()
            .map_err(database("reading an initiative"))?;
        match stored {
            None => return Err(StorageError::NotFound),
            Some(stored) if u64::try_from(stored).ok() != Some(expected) => {
                return Err(StorageError::Conflict);
            }
            Some(_) => {}
        }
    }
    let sql = if expected_revision.is_some() {
        "UPDATE initiatives SET slug = ?2, registration_number = ?3, definition = ?4,
             revision = ?5, updated_at_ms = ?6 WHERE initiative_id = ?1"
    } else {
        "INSERT INTO initiatives (initiative_id, slug, registration_number, definition,
             revision, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    };
    let written = transaction.execute(
        sql,
        (
            id,
            initiative.slug.as_str(),
            &initiative.registration_number,
            &initiative.definition,
            revision,
            initiative.updated_at.as_millisecond(),
        ),
    );
    match written {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(error, _))
            if error.code == ErrorCode::ConstraintViolation =>
        {
            return Err(StorageError::Conflict);
        }
        Err(other) => return Err(database("storing an initiative")(other)),
    }
    let row = append_in(&transaction, audit)?;
    transaction
        .commit()
        .map_err(database("committing an initiative change"))?;
    Ok(row)
}
