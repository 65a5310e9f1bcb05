//! The migration runner: the SQL files of `migrations/postgres/`, embedded in the binary, and
//! the `schema_migrations` table recording which ones ran.

use ocs_storage::StorageError;
use sqlx::{Connection, Executor, PgConnection};

use crate::error::{PostgresError, database};
use crate::sql;

/// One schema change, applied once in its own transaction.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. Names equal the file names without `.sql`; a unit test
/// compares them with the folder, so a new file cannot be forgotten here.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_statements",
        sql: include_str!("../../../migrations/postgres/0001_statements.sql"),
    },
    Migration {
        version: 2,
        name: "0002_shared_state",
        sql: include_str!("../../../migrations/postgres/0002_shared_state.sql"),
    },
    Migration {
        version: 3,
        name: "0003_console",
        sql: include_str!("../../../migrations/postgres/0003_console.sql"),
    },
    Migration {
        version: 4,
        name: "0004_selfservice",
        sql: include_str!("../../../migrations/postgres/0004_selfservice.sql"),
    },
    Migration {
        version: 5,
        name: "0005_mail",
        sql: include_str!("../../../migrations/postgres/0005_mail.sql"),
    },
    Migration {
        version: 6,
        name: "0006_eid",
        sql: include_str!("../../../migrations/postgres/0006_eid.sql"),
    },
    Migration {
        version: 7,
        name: "0007_initiatives",
        sql: include_str!("../../../migrations/postgres/0007_initiatives.sql"),
    },
    Migration {
        version: 8,
        name: "0008_totp_last_step",
        sql: include_str!("../../../migrations/postgres/0008_totp_last_step.sql"),
    },
    Migration {
        version: 9,
        name: "0009_tally_log",
        sql: include_str!("../../../migrations/postgres/0009_tally_log.sql"),
    },
    Migration {
        version: 11,
        name: "0011_destructions",
        sql: include_str!("../../../migrations/postgres/0011_destructions.sql"),
    },
    Migration {
        version: 12,
        name: "0012_retention_events",
        sql: include_str!("../../../migrations/postgres/0012_retention_events.sql"),
    },
    Migration {
        version: 13,
        name: "0013_initiative_keys",
        sql: include_str!("../../../migrations/postgres/0013_initiative_keys.sql"),
    },
    Migration {
        version: 14,
        name: "0014_log_cosignatures",
        sql: include_str!("../../../migrations/postgres/0014_log_cosignatures.sql"),
    },
];

/// Applies the pending migrations to the database at `url` and returns the names applied
/// (empty when the schema was current). This is `ocs migrate`;
/// [`crate::PostgresStore::connect`] does the same before it serves.
pub async fn migrate(url: &str) -> Result<Vec<String>, StorageError> {
    let mut connection = PgConnection::connect(url)
        .await
        .map_err(database("connecting to PostgreSQL"))?;
    let applied = run_pending(&mut connection).await;
    // A failed close only loses the goodbye message; the result stands.
    let _ = connection.close().await;
    applied
}

/// Applies each pending migration in its own transaction. Every transaction first takes one
/// advisory lock, and the check for "already applied" runs under it, so app nodes starting
/// together apply each migration exactly once.
///
/// Migration files run through `Executor::execute`, not `sqlx::raw_sql`: the latter's future
/// is not provably `Send`, and callers that spawn `migrate` or `PostgresStore::connect` would
/// not compile.
pub(crate) async fn run_pending(
    connection: &mut PgConnection,
) -> Result<Vec<String>, StorageError> {
    let mut transaction = connection
        .begin()
        .await
        .map_err(database("starting a migration"))?;
    lock(&mut transaction).await?;
    transaction
        .execute(sql::CREATE_SCHEMA_MIGRATIONS)
        .await
        .map_err(database("creating schema_migrations"))?;
    transaction
        .commit()
        .await
        .map_err(database("creating schema_migrations"))?;

    let mut applied = Vec::new();
    for migration in MIGRATIONS {
        let mut transaction = connection
            .begin()
            .await
            .map_err(database("starting a migration"))?;
        lock(&mut transaction).await?;
        let recorded: Option<String> = sqlx::query_scalar(sql::MIGRATION_NAME)
            .bind(migration.version)
            .fetch_optional(&mut *transaction)
            .await
            .map_err(database("reading schema_migrations"))?;
        match recorded {
            Some(name) if name == migration.name => continue,
            Some(recorded) => {
                return Err(PostgresError::MigrationMismatch {
                    version: migration.version,
                    recorded,
                    expected: migration.name,
                }
                .into());
            }
            None => {}
        }
        // Without bound parameters this uses the simple query protocol, which runs a file of
        // several statements.
        transaction
            .execute(migration.sql)
            .await
            .map_err(database("applying a migration"))?;
        sqlx::query(sql::RECORD_MIGRATION)
            .bind(migration.version)
            .bind(migration.name)
            .execute(&mut *transaction)
            .await
            .map_err(database("recording a migration"))?;
        transaction
            .commit()
            .await
            .map_err(database("committing a migration"))?;
        tracing::info!(migration = migration.name, "migration applied");
        applied.push(migration.name.to_owned());
    }
    warn_about_newer_schema(connection).await?;
    Ok(applied)
}

async fn lock(connection: &mut PgConnection) -> Result<(), StorageError> {
    sqlx::query(sql::ADVISORY_LOCK)
        .bind(sql::MIGRATION_LOCK)
        .execute(connection)
        .await
        .map_err(database("locking for migrations"))?;
    Ok(())
}

/// A newer build may have expanded the schema already; old code keeps working on an
/// expanded schema (expand first, contract later), so this only warns.
async fn warn_about_newer_schema(connection: &mut PgConnection) -> Result<(), StorageError> {
    let newest: Option<i64> = sqlx::query_scalar(sql::NEWEST_MIGRATION)
        .fetch_one(connection)
        .await
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

/// The migrations this build embeds that the database at `url` has not recorded, in order:
/// all of them for an empty database. Only reads, so `ocs serve` can refuse a database an
/// upgrade left behind before it touches it. A recorded name that differs from the embedded
/// one is an error, as in [`migrate`].
pub async fn pending_migrations(url: &str) -> Result<Vec<&'static str>, StorageError> {
    let mut connection = PgConnection::connect(url)
        .await
        .map_err(database("connecting to PostgreSQL"))?;
    let pending = pending_in(&mut connection).await;
    // A failed close only loses the goodbye message; the result stands.
    let _ = connection.close().await;
    pending
}

async fn pending_in(connection: &mut PgConnection) -> Result<Vec<&'static str>, StorageError> {
    let recorded = recorded_migrations(connection).await?;
    let mut pending = Vec::new();
    for migration in MIGRATIONS {
        match recorded.get(&migration.version) {
            Some(name) if name == migration.name => {}
            Some(name) => {
                return Err(PostgresError::MigrationMismatch {
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

async fn recorded_migrations(
    connection: &mut PgConnection,
) -> Result<std::collections::BTreeMap<i64, String>, StorageError> {
    let has_table: bool = sqlx::query_scalar(sql::HAS_SCHEMA_MIGRATIONS)
        .fetch_one(&mut *connection)
        .await
        .map_err(database("looking for schema_migrations"))?;
    if !has_table {
        return Ok(std::collections::BTreeMap::new());
    }
    let rows: Vec<(i64, String)> = sqlx::query_as(sql::RECORDED_MIGRATIONS)
        .fetch_all(connection)
        .await
        .map_err(database("reading schema_migrations"))?;
    Ok(rows.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn names_in(folder: &str) -> Vec<String> {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../migrations")
            .join(folder);
        let mut names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter_map(|name| name.strip_suffix(".sql").map(str::to_owned))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn embedded_migrations_match_the_folder() {
        let embedded: Vec<&str> = MIGRATIONS.iter().map(|migration| migration.name).collect();
        assert_eq!(names_in("postgres"), embedded);
        for (position, migration) in MIGRATIONS.iter().enumerate() {
            let number: i64 = migration.name[..4].parse().unwrap();
            assert_eq!(migration.version, number, "{}", migration.name);
            // Increasing, gaps allowed: numbers are reserved per feature branch.
            if let Some(before) = position.checked_sub(1).and_then(|p| MIGRATIONS.get(p)) {
                assert!(migration.version > before.version, "{}", migration.name);
            }
        }
    }

    /// The check before serving reads what is recorded: nothing pending on a migrated
    /// database, the newest migration once its row is gone, an error for a renamed one.
    #[tokio::test]
    async fn pending_migrations_follow_the_recorded_rows() {
        let db = crate::test_db::UnitDb::create("pending").await;
        let mut connection = db.pool.acquire().await.unwrap();
        assert!(pending_in(&mut connection).await.unwrap().is_empty());
        let newest = MIGRATIONS.last().unwrap();
        sqlx::query("DELETE FROM schema_migrations WHERE version = $1")
            .bind(newest.version)
            .execute(&mut *connection)
            .await
            .unwrap();
        assert_eq!(pending_in(&mut connection).await.unwrap(), [newest.name]);
        sqlx::query("UPDATE schema_migrations SET name = 'other' WHERE version = 1")
            .execute(&mut *connection)
            .await
            .unwrap();
        let error = pending_in(&mut connection).await.unwrap_err();
        assert!(error.to_string().contains("other"), "{error}");
        sqlx::query("DROP TABLE schema_migrations")
            .execute(&mut *connection)
            .await
            .unwrap();
        assert_eq!(
            pending_in(&mut connection).await.unwrap().len(),
            MIGRATIONS.len()
        );
        drop(connection);
        db.drop_database().await;
    }
}
