//! Removal on request and on time: receipt look-up, withdrawal of one statement (counted out
//! of this node's slot), destruction of an initiative's data with `VACUUM FULL`.

use ocs_domain::{InitiativeId, StatementId};
use ocs_storage::destruction::PER_INITIATIVE_TABLES;
use ocs_storage::{Destroyed, ReceiptRecord, StorageError, Withdrawn};
use sqlx::{Executor, PgPool, Row};

use crate::error::{corrupt, database};
use crate::sql;

/// What is stored under a receipt identifier.
pub(crate) async fn find_receipt(
    pool: &PgPool,
    initiative: InitiativeId,
    id: StatementId,
) -> Result<Option<ReceiptRecord>, StorageError> {
    let initiative = i64::from(initiative.get());
    let statement = sqlx::query(sql::FIND_STATEMENT_RECEIPT)
        .bind(&id.as_bytes()[..])
        .bind(initiative)
        .fetch_optional(pool)
        .await
        .map_err(database("reading a receipt"))?;
    if let Some(row) = statement {
        let verifier: Option<Vec<u8>> = row.try_get(0).map_err(database("reading a receipt"))?;
        return Ok(Some(ReceiptRecord {
            verifier: verifier.map(verifier_bytes).transpose()?,
            counted: true,
            alias: false,
        }));
    }
    let alias = sqlx::query(sql::FIND_ALIAS_RECEIPT)
        .bind(&id.as_bytes()[..])
        .bind(initiative)
        .fetch_optional(pool)
        .await
        .map_err(database("reading a receipt"))?;
    alias
        .map(|row| {
            let verifier: Vec<u8> = row.try_get(0).map_err(database("reading a receipt"))?;
            let counted: bool = row.try_get(1).map_err(database("reading a receipt"))?;
            Ok(ReceiptRecord {
                verifier: Some(verifier_bytes(verifier)?),
                counted,
                alias: true,
            })
        })
        .transpose()
}

fn verifier_bytes(bytes: Vec<u8>) -> Result<[u8; 32], StorageError> {
    bytes
        .try_into()
        .map_err(|_| corrupt("statements.receipt_verifier"))
}

/// Deletes the statement (counting it out of `slot`) or else the alias with this identifier.
pub(crate) async fn withdraw(
    pool: &PgPool,
    initiative: InitiativeId,
    id: StatementId,
    slot: i16,
) -> Result<Withdrawn, StorageError> {
    let initiative = i64::from(initiative.get());
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting a withdrawal"))?;
    let removed: i64 = sqlx::query(sql::WITHDRAW_STATEMENT)
        .bind(&id.as_bytes()[..])
        .bind(initiative)
        .bind(slot)
        .fetch_one(&mut *transaction)
        .await
        .map_err(database("withdrawing a statement"))?
        .try_get(0)
        .map_err(database("withdrawing a statement"))?;
    let outcome = if removed > 0 {
        Withdrawn::Statement
    } else {
        let aliases = sqlx::query(sql::WITHDRAW_ALIAS)
            .bind(&id.as_bytes()[..])
            .bind(initiative)
            .execute(&mut *transaction)
            .await
            .map_err(database("withdrawing a receipt alias"))?;
        if aliases.rows_affected() == 0 {
            return Err(StorageError::NotFound);
        }
        Withdrawn::Alias
    };
    transaction
        .commit()
        .await
        .map_err(database("committing a withdrawal"))?;
    Ok(outcome)
}

/// Deletes everything of one initiative from every table of [`PER_INITIATIVE_TABLES`] in one
/// transaction, adding the counts to a pending destruction record, then rewrites each of
/// those tables with `VACUUM FULL` so the deleted tuples do not stay in their free space.
/// Returns the sums of a pending destruction (or this run's counts when none is pending). A
/// failed compaction is an error after the deletes committed; the next call compacts again.
pub(crate) async fn destroy(
    pool: &PgPool,
    initiative: InitiativeId,
) -> Result<Destroyed, StorageError> {
    let id = i64::from(initiative.get());
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting a destruction"))?;
    let mut counts = Vec::with_capacity(PER_INITIATIVE_TABLES.len());
    // The tally log goes with the data (ADR 0007): its entries link to statement ids, and
    // the figures it stands for no longer exist. A new, empty log starts if it is read again.
    for table in PER_INITIATIVE_TABLES {
        let deleted = sqlx::query(&format!("DELETE FROM {table} WHERE initiative_id = $1"))
            .bind(id)
            .execute(&mut *transaction)
            .await
            .map_err(database("destroying an initiative's rows"))?
            .rows_affected();
        counts.push((*table, deleted));
    }
    let deleted = |name: &str| {
        counts
            .iter()
            .find(|(table, _)| *table == name)
            .map_or(0, |(_, rows)| *rows)
    };
    let mut destroyed = Destroyed {
        statements: deleted("statements"),
        aliases: deleted("receipt_aliases"),
        eid_subjects: deleted("eid_subjects"),
        mail_addresses: deleted("mail_subscribers"),
    };
    if let Some(sums) = crate::destruction::add_to_pending(&mut transaction, id, destroyed).await? {
        destroyed = sums;
    }
    transaction
        .commit()
        .await
        .map_err(database("committing a destruction"))?;
    compact(pool).await?;
    Ok(destroyed)
}

/// `VACUUM FULL` of every table of [`PER_INITIATIVE_TABLES`], each waiting at most
/// [`sql::COMPACT_LOCK_TIMEOUT`] for its lock.
async fn compact(pool: &PgPool) -> Result<(), StorageError> {
    let mut connection = pool.acquire().await.map_err(database("compacting"))?;
    let outcome = vacuum(&mut connection).await;
    if outcome.is_err() {
        // Not back into the pool with the short lock timeout still set.
        connection.close_on_drop();
    }
    outcome
}

async fn vacuum(connection: &mut sqlx::PgConnection) -> Result<(), StorageError> {
    // `VACUUM FULL` keeps every deleted row that a snapshot taken before the delete could
    // still see, and reports success: the rows would stay in the new table files under a
    // certificate that says they are gone. While such a snapshot lives (an open transaction,
    // a standby's feedback, a prepared transaction), compaction waits for the next run.
    let holders: i64 = sqlx::query_scalar(sql::SNAPSHOTS_BEFORE_NOW)
        .fetch_one(&mut *connection)
        .await
        .map_err(database("looking for older snapshots"))?;
    if holders > 0 {
        return Err(StorageError::Unavailable(format!(
            "{holders} session(s) hold a snapshot older than the deletes; the destruction \
             stays pending and compacts at a later run"
        )));
    }
    crate::slots::refuse_while_held_back(connection).await?;
    connection
        .execute(sql::COMPACT_LOCK_TIMEOUT)
        .await
        .map_err(database("compacting"))?;
    for table in PER_INITIATIVE_TABLES {
        connection
            .execute(format!("VACUUM FULL {table}").as_str())
            .await
            .map_err(database("compacting"))?;
    }
    connection
        .execute("RESET lock_timeout")
        .await
        .map_err(database("compacting"))?;
    Ok(())
}
