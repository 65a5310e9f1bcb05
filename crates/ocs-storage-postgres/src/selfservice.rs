//! Removal on request and on time: receipt look-up, withdrawal of one statement (counted out
//! of this node's slot), destruction of an initiative's data with `VACUUM FULL`.

use ocs_domain::{InitiativeId, StatementId};
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

/// Deletes everything of one initiative in one transaction, then rewrites the tables with
/// `VACUUM FULL` so the deleted tuples do not stay in the tables' free space.
pub(crate) async fn destroy(
    pool: &PgPool,
    initiative: InitiativeId,
) -> Result<Destroyed, StorageError> {
    let initiative = i64::from(initiative.get());
    let mut transaction = pool
        .begin()
        .await
        .map_err(database("starting a destruction"))?;
    let statements = sqlx::query(sql::DESTROY_STATEMENTS)
        .bind(initiative)
        .execute(&mut *transaction)
        .await
        .map_err(database("destroying statements"))?
        .rows_affected();
    let aliases = sqlx::query(sql::DESTROY_ALIASES)
        .bind(initiative)
        .execute(&mut *transaction)
        .await
        .map_err(database("destroying receipt aliases"))?
        .rows_affected();
    sqlx::query(sql::DESTROY_COUNTS)
        .bind(initiative)
        .execute(&mut *transaction)
        .await
        .map_err(database("destroying counts"))?;
    // The tally log goes with the data (ADR 0007): its entries link to statement ids, and
    // the figures it stands for no longer exist. A new, empty log starts if it is read again.
    for sql in [
        "DELETE FROM log_entries WHERE initiative_id = $1",
        "DELETE FROM log_tiles WHERE initiative_id = $1",
        "DELETE FROM log_checkpoints WHERE initiative_id = $1",
    ] {
        sqlx::query(sql)
            .bind(initiative)
            .execute(&mut *transaction)
            .await
            .map_err(database("destroying the tally log"))?;
    }
    transaction
        .commit()
        .await
        .map_err(database("committing a destruction"))?;
    let mut connection = pool.acquire().await.map_err(database("compacting"))?;
    for statement in sql::COMPACT {
        connection
            .execute(*statement)
            .await
            .map_err(database("compacting"))?;
    }
    Ok(Destroyed {
        statements,
        aliases,
    })
}
