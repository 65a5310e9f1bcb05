//! Removal on request and on time: receipt look-up, withdrawal of one statement, destruction
//! of an initiative's data with compaction. Deletes run on a connection of their own (the
//! writer thread owns the other); SQLite serialises the two with its write lock and the busy
//! timeout. Every connection runs with `secure_delete=ON`, so deleted cells are zeroed.

use ocs_domain::{CountryCode, InitiativeId, StatementId};
use ocs_storage::{Destroyed, ReceiptRecord, StorageError, Withdrawn};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{corrupt, database};

/// What is stored under a receipt identifier (reader connection).
pub(crate) fn find_receipt(
    connection: &Connection,
    initiative: InitiativeId,
    id: StatementId,
) -> Result<Option<ReceiptRecord>, StorageError> {
    let initiative = i64::from(initiative.get());
    let statement: Option<Option<Vec<u8>>> = connection
        .query_row(
            "SELECT receipt_verifier FROM statements
             WHERE statement_id = ?1 AND initiative_id = ?2",
            (id.as_bytes(), initiative),
            |row| row.get(0),
        )
        .optional()
        .map_err(database("reading a receipt"))?;
    if let Some(verifier) = statement {
        return Ok(Some(ReceiptRecord {
            verifier: verifier.map(verifier_bytes).transpose()?,
            counted: true,
            alias: false,
        }));
    }
    let alias: Option<(Vec<u8>, bool)> = connection
        .query_row(
            "SELECT a.receipt_verifier, EXISTS (
                 SELECT 1 FROM statements s
                 WHERE s.initiative_id = a.initiative_id AND s.dedup_tag = a.dedup_tag)
             FROM receipt_aliases a
             WHERE a.statement_id = ?1 AND a.initiative_id = ?2",
            (id.as_bytes(), initiative),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(database("reading a receipt"))?;
    alias
        .map(|(verifier, counted)| {
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

/// Deletes the statement (or else the alias) with this identifier in one transaction.
/// Returns what was removed and, for a statement, its nationality for the counts.
pub(crate) fn withdraw(
    connection: &mut Connection,
    initiative: InitiativeId,
    id: StatementId,
) -> Result<(Withdrawn, Option<CountryCode>), StorageError> {
    let initiative = i64::from(initiative.get());
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting a withdrawal"))?;
    let nationality: Option<String> = transaction
        .query_row(
            "DELETE FROM statements WHERE statement_id = ?1 AND initiative_id = ?2
             RETURNING nationality",
            (id.as_bytes(), initiative),
            |row| row.get(0),
        )
        .optional()
        .map_err(database("withdrawing a statement"))?;
    let outcome = if let Some(nationality) = nationality {
        let nationality =
            CountryCode::parse(&nationality).map_err(|_| corrupt("statements.nationality"))?;
        (Withdrawn::Statement, Some(nationality))
    } else {
        let removed = transaction
            .execute(
                "DELETE FROM receipt_aliases WHERE statement_id = ?1 AND initiative_id = ?2",
                (id.as_bytes(), initiative),
            )
            .map_err(database("withdrawing a receipt alias"))?;
        if removed == 0 {
            return Err(StorageError::NotFound);
        }
        (Withdrawn::Alias, None)
    };
    transaction
        .commit()
        .map_err(database("committing a withdrawal"))?;
    Ok(outcome)
}

/// Deletes everything of one initiative from every table of
/// [`ocs_storage::destruction::PER_INITIATIVE_TABLES`] in one transaction, adding the counts
/// to a pending destruction record; returns the sums (or this run's counts when none is
/// pending). [`compact`] comes next.
pub(crate) fn delete_initiative(
    connection: &mut Connection,
    initiative: InitiativeId,
) -> Result<Destroyed, StorageError> {
    let initiative = i64::from(initiative.get());
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(database("starting a destruction"))?;
    let delete = |table: &str, what: &'static str| {
        transaction
            .execute(
                &format!("DELETE FROM {table} WHERE initiative_id = ?1"),
                [initiative],
            )
            .map(|rows| rows as u64)
            .map_err(database(what))
    };
    let mut destroyed = Destroyed {
        statements: delete("statements", "destroying statements")?,
        aliases: delete("receipt_aliases", "destroying receipt aliases")?,
        eid_subjects: delete("eid_subjects", "destroying eID subjects")?,
        mail_addresses: delete("mail_subscribers", "destroying e-mail addresses")?,
    };
    delete("statement_counts", "destroying counts")?;
    delete("mail_outbox", "destroying queued e-mail")?;
    // The tally log goes with the data (ADR 0007): its entries link to statement ids, and
    // the figures it stands for no longer exist. A new, empty log starts if it is read again.
    for table in [
        "log_entries",
        "log_tiles",
        "log_checkpoints",
        "log_cosignatures",
    ] {
        delete(table, "destroying the tally log")?;
    }
    let recorded = crate::destruction::add_to_pending(&transaction, initiative, destroyed)?;
    transaction
        .commit()
        .map_err(database("committing a destruction"))?;
    if let Some(sums) = recorded {
        destroyed = sums;
    }
    Ok(destroyed)
}

/// Rewrites the database without free pages and empties the write-ahead log: the WAL is
/// checkpointed and truncated, `VACUUM` rewrites the file without free pages, and the WAL is
/// truncated again, so no deleted byte stays in the database file, its free pages or its
/// `-wal` file. Fails while another connection holds a read snapshot.
pub(crate) fn compact(connection: &Connection) -> Result<(), StorageError> {
    checkpoint(connection)?;
    connection
        .execute_batch("VACUUM")
        .map_err(database("vacuuming"))?;
    checkpoint(connection)
}

fn checkpoint(connection: &Connection) -> Result<(), StorageError> {
    let (busy, _, _): (i64, i64, i64) = connection
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .map_err(database("checkpointing"))?;
    if busy != 0 {
        return Err(StorageError::Unavailable(
            "the write-ahead log could not be emptied: a reader is still active".to_owned(),
        ));
    }
    Ok(())
}
