//! Stored initiative definitions on PostgreSQL, each change with its audit row in one
//! transaction (the row is locked while its revision is checked).

use jiff::Timestamp;
use ocs_domain::{InitiativeId, Slug};
use ocs_storage::audit::{AuditEntry, NewAuditEntry};
use ocs_storage::{StorageError, StoredInitiative};
use sqlx::{PgPool, Row};

use crate::console::append_in;
use crate::error::{corrupt, database};

/// See [`ocs_storage::InitiativeStore::stored_initiatives`].
pub(crate) async fn read(pool: &PgPool) -> Result<Vec<StoredInitiative>, StorageError> {
    let rows = sqlx::query(
        "SELECT initiative_id, slug, registration_number, definition, revision, updated_at_ms
         FROM initiatives ORDER BY initiative_id",
    )
    .fetch_all(pool)
    .await
    .map_err(database("reading initiatives"))?;
    rows.iter()
        .map(|row| {
            let get = || database("reading initiatives");
            let id: i64 = row.try_get(0).map_err(get())?;
            let slug: String = row.try_get(1).map_err(get())?;
            let revision: i64 = row.try_get(4).map_err(get())?;
            let updated: i64 = row.try_get(5).map_err(get())?;
            Ok(StoredInitiative {
                id: InitiativeId::new(
                    u32::try_from(id).map_err(|_| corrupt("initiatives.initiative_id"))?,
                ),
                slug: Slug::parse(&slug).map_err(|_| corrupt("initiatives.slug"))?,
                registration_number: row.try_get(2).map_err(get())?,
                definition: row.try_get(3).map_err(get())?,
                revision: u64::try_from(revision).map_err(|_| corrupt("initiatives.revision"))?,
                updated_at: Timestamp::from_millisecond(updated)
                    .map_err(|_| corrupt("initiatives.updated_at_ms"))?,
            })
        })
        .collect()
}

/// See [`ocs_storage::InitiativeStore::save_initiative`].
pub(crate) async fn save(
    pool: &PgPool,
    initiative: &StoredInitiative,
    expected_revision: Option<u64>,
    audit: NewAuditEntry,
) -> Result<AuditEntry, StorageError> {
    let revision =
        i64::try_from(initiative.revision).map_err(|_| corrupt("initiatives.revision"))?;
    let id = i64::from(initiative.id.get());
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting an initiative change"))?;
    let written = if let Some(expected) = expected_revision {
        let stored: Option<i64> = sqlx::query_scalar(
            "SELECT revision FROM initiatives WHERE initiative_id = $1 FOR UPDATE",
        )
        .bind(id)
        .fetch_optional(&mut *transaction)
        .await
        .map_err(database("reading an initiative"))?;
        match stored {
            None => return Err(StorageError::NotFound),
            Some(stored) if u64::try_from(stored).ok() != Some(expected) => {
                return Err(StorageError::Conflict);
            }
            Some(_) => {}
        }
        sqlx::query(
            "UPDATE initiatives SET slug = $2, registration_number = $3, definition = $4,
                 revision = $5, updated_at_ms = $6 WHERE initiative_id = $1
             AND NOT EXISTS (SELECT 1 FROM initiatives o WHERE o.initiative_id <> $1
                             AND (o.slug = $2 OR o.registration_number = $3))",
        )
    } else {
        sqlx::query(
            "INSERT INTO initiatives (initiative_id, slug, registration_number, definition,
                 revision, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT DO NOTHING",
        )
    }
    .bind(id)
    .bind(initiative.slug.as_str())
    .bind(&initiative.registration_number)
    .bind(&initiative.definition)
    .bind(revision)
    .bind(initiative.updated_at.as_millisecond())
    .execute(&mut *transaction)
    .await
    .map_err(database("storing an initiative"))?;
    if written.rows_affected() != 1 {
        return Err(StorageError::Conflict);
    }
    let row = append_in(&mut transaction, audit).await?;
    transaction
        .commit()
        .await
        .map_err(database("committing an initiative change"))?;
    Ok(row)
}
