//! The migration runner: the SQL files of `migrations/sqlite/`, embedded in the binary, and
//! the `schema_migrations` table recording which ones ran.

use std::path::Path;

use ocs_storage::StorageError;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::connection::{BUSY_TIMEOUT, open_writer};
use crate::error::{SqliteError, database};

/// One schema change, applied once in its own transaction.
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

/// Every migration, in order. Names equal the file names without `.sql`; a unit test
/// compares them with the folder, so a new file cannot be forgotten here.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_statements",
        sql: include_str!("../../../migrations/sqlite/0001_statements.sql"),
    },
    Migration {
        version: 2,
        name: "0002_shared_state",
        sql: include_str!("../../../migrations/sqlite/0002_shared_state.sql"),
    },
    Migration {
        version: 3,
        name: "0003_console",
        sql: include_str!("../../../migrations/sqlite/0003_console.sql"),
    },
    Migration {
        version: 4,
        name: "0004_selfservice",
        sql: include_str!("../../../migrations/sqlite/0004_selfservice.sql"),
    },
    Migration {
        version: 5,
        name: "0005_mail",
        sql: include_str!("../../../migrations/sqlite/0005_mail.sql"),
    },
    Migration {
        version: 6,
        name: "0006_eid",
        sql: include_str!("../../../migrations/sqlite/0006_eid.sql"),
    },
    Migration {
        version: 7,
        name: "0007_initiatives",
        sql: include_str!("../../../migrations/sqlite/0007_initiatives.sql"),
    },
    Migration {
        version: 8,
        name: "0008_totp_last_step",
        sql: include_str!("../../../migrations/sqlite/0008_totp_last_step.sql"),
    },
    Migration {
        version: 9,
        name: "0009_tally_log",
        sql: include_str!("../../../migrations/sqlite/0009_tally_log.sql"),
    },
    Migration {
        version: 11,
        name: "0011_destructions",
        sql: include_str!("../../../migrations/sqlite/0011_destructions.sql"),
    },
    Migration {
        version: 12,
        name: "0012_retention_events",
        sql: include_str!("../../../migrations/sqlite/0012_retention_events.sql"),
    },
    Migration {
        version: 13,
        name: "0013_initiative_keys",
        sql: include_str!("../../../migrations/sqlite/0013_initiative_keys.sql"),
    },
    Migration {
        version: 14,
        name: "0014_log_cosignatures",
        sql: include_str!("../../../migrations/sqlite/0014_log_cosignatures.sql"),
    },
];

const CREATE_SCHEMA_MIGRATIONS: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version       INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    applied_at_ms INTEGER NOT NULL
)";

/// Applies the pending migrations to the database at `path`, creating the file if needed,
/// and returns the names applied (empty when the schema was current). This is `ocs migrate`;
/// [`crate::SqliteStore::open`] does the same before it serves.
///
/// Blocking: call it outside an async runtime or in `spawn_blocking`.
pub fn migrate(path: &Path) -> Result<Vec<String>, StorageError> {
    let (mut connection, _) = open_writer(path)?;
    run_pending(&mut connection)
}

/// Applies each pending migration in its own `BEGIN IMMEDIATE` transaction. The check for
/// "already applied" runs inside that transaction, so two processes migrating the same file
/// at once apply each migration exactly once.
pub(crate) fn run_pending(connection: &mut Connection) -> Result<Vec<String>, StorageError> {
    connection
        .execute_batch(CREATE_SCHEMA_MIGRATIONS)
        .map_err(database("creating schema_migrations"))?;
    let mut applied = Vec::new();
    for migration in MIGRATIONS {
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(database("starting a migration"))?;
        let recorded: Option<String> = transaction
            .query_row(
                "SELECT name FROM schema_migrations WHERE version = ?1",
                [migration.version],
                |row| row.get(0),
            )
            .optional()
            .map_err(database("reading schema_migrations"))?;
        match recorded {
            Some(name) if name == migration.name => continue,
            Some(recorded) => {
                return Err(SqliteError::MigrationMismatch {
                    version: migration.version,
                    recorded,
                    expected: migration.name,
                }
                .into());
            }
            None => {}
        }
        transaction
            .execute_batch(migration.sql)
            .map_err(database("applying a migration"))?;
        // SQLite's clock, not ours: this is bookkeeping, not a time any rule depends on.
        transaction
            .execute(
                "INSERT INTO schema_migrations (version, name, applied_at_ms)
                 VALUES (?1, ?2, CAST(unixepoch('subsec') * 1000 AS INTEGER))",
                (migration.version, migration.name),
            )
            .map_err(database("recording a migration"))?;
        transaction
            .commit()
            .map_err(database("committing a migration"))?;
        tracing::info!(migration = migration.name, "migration applied");
        applied.push(migration.name.to_owned());
    }
    warn_about_newer_schema(connection)?;
    Ok(applied)
}

/// A newer build may have expanded the schema already; old code keeps working on an
/// expanded schema (expand first, contract later), so this only warns.
fn warn_about_newer_schema(connection: &Connection) -> Result<(), StorageError> {
    let newest: Option<i64> = connection
        .query_row("SELECT MAX(version) FROM schema_migrations", [], |row| {
            row.get(0)
        })
        .map_err(database("reading schema_migrations"))?;
    let known = MIGRATIONS.last().map_or(0, |migration| migration.version);
    if let Some(newest) = newest.filter(|&newest| newest > known) {
        tracing::warn!(
            newest,
            known,
            "the database has migrations newer than this build"
        );
    }
    Ok(())
}

/// The names of the migrations this build embeds, in order.
pub fn embedded_migrations() -> Vec<&'static str> {
    MIGRATIONS.iter().map(|migration| migration.name).collect()
}

/// The migrations this build embeds that the database at `path` has not recorded, in order:
/// all of them for a missing file or an empty database. Opens the file read-only and creates
/// nothing, so `ocs serve` can refuse a database an upgrade left behind before it touches
/// it. A recorded name that differs from the embedded one is an error, as in [`migrate`].
///
/// Blocking: call it outside an async runtime or in `spawn_blocking`.
pub fn pending_migrations(path: &Path) -> Result<Vec<&'static str>, StorageError> {
    if !path.exists() {
        return Ok(embedded_migrations());
    }
    let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(database("opening the database read-only"))?;
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(database("setting busy_timeout"))?;
    let has_table: bool = connection
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema
                            WHERE type = 'table' AND name = 'schema_migrations')",
            [],
            |row| row.get(0),
        )
        .map_err(database("looking for schema_migrations"))?;
    let mut recorded = std::collections::BTreeMap::new();
    if has_table {
        let mut statement = connection
            .prepare("SELECT version, name FROM schema_migrations")
            .map_err(database("reading schema_migrations"))?;
        let rows = statement
            .query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(database("reading schema_migrations"))?;
        for row in rows {
            let (version, name) = row.map_err(database("reading schema_migrations"))?;
            recorded.insert(version, name);
        }
    }
    let mut pending = Vec::new();
    for migration in MIGRATIONS {
        match recorded.get(&migration.version) {
            Some(name) if name == migration.name => {}
            Some(name) => {
                return Err(SqliteError::MigrationMismatch {
                    version: migration.version,
                    recorded: name.clone(),
                    expected: migration.name,
                }
                .into());
            }
            None => pending.push(migration.name),
        }
    }
    Ok(pending)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_migrations_match_the_folder() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/sqlite");
        let mut on_disk: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter_map(|name| name.strip_suffix(".sql").map(str::to_owned))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = MIGRATIONS.iter().map(|migration| migration.name).collect();
        assert_eq!(on_disk, embedded);
        for (position, migration) in MIGRATIONS.iter().enumerate() {
            let number: i64 = migration.name[..4].parse().unwrap();
            assert_eq!(migration.version, number, "{}", migration.name);
            // Increasing, gaps allowed: numbers are reserved per feature branch.
            if let Some(before) = position.checked_sub(1).and_then(|p| MIGRATIONS.get(p)) {
                assert!(migration.version > before.version, "{}", migration.name);
            }
        }
    }

    #[test]
    fn migrate_applies_once_and_records_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ocs.db");
        assert_eq!(
            migrate(&path).unwrap(),
            [
                "0001_statements",
                "0002_shared_state",
                "0003_console",
                "0004_selfservice",
                "0005_mail",
                "0006_eid",
                "0007_initiatives",
                "0008_totp_last_step",
                "0009_tally_log",
                "0011_destructions",
                "0012_retention_events",
                "0013_initiative_keys",
                "0014_log_cosignatures"
            ]
        );
        assert!(migrate(&path).unwrap().is_empty());
        let connection = Connection::open(&path).unwrap();
        let (name, applied_at_ms): (String, i64) = connection
            .query_row(
                "SELECT name, applied_at_ms FROM schema_migrations WHERE version = 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!(name, "0001_statements");
        assert!(applied_at_ms > 1_700_000_000_000, "{applied_at_ms}");
    }

    #[test]
    fn a_renamed_migration_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ocs.db");
        migrate(&path).unwrap();
        let connection = Connection::open(&path).unwrap();
        connection
            .execute("UPDATE schema_migrations SET name = 'other'", [])
            .unwrap();
        drop(connection);
        let error = migrate(&path).unwrap_err();
        assert!(error.to_string().contains("other"), "{error}");
    }

    #[test]
    fn pending_migrations_reads_without_creating_or_changing_anything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ocs.db");
        let all: Vec<&str> = MIGRATIONS.iter().map(|migration| migration.name).collect();
        assert_eq!(pending_migrations(&path).unwrap(), all);
        assert!(!path.exists(), "a check must not create the database");

        migrate(&path).unwrap();
        assert!(pending_migrations(&path).unwrap().is_empty());

        // A database an older build left: the newest migration not recorded.
        let newest = MIGRATIONS.last().unwrap();
        let connection = Connection::open(&path).unwrap();
        connection
            .execute(
                "DELETE FROM schema_migrations WHERE version = ?1",
                [newest.version],
            )
            .unwrap();
        assert_eq!(pending_migrations(&path).unwrap(), [newest.name]);
        let recorded: i64 = connection
            .query_row("SELECT COUNT(*) FROM schema_migrations", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(recorded, i64::try_from(MIGRATIONS.len()).unwrap() - 1);

        connection
            .execute(
                "UPDATE schema_migrations SET name = 'other' WHERE version = 1",
                [],
            )
            .unwrap();
        let error = pending_migrations(&path).unwrap_err();
        assert!(error.to_string().contains("other"), "{error}");
    }
}
