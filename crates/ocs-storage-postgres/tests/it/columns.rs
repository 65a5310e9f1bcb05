//! Every column of every table of the PostgreSQL schema is classified in
//! `migrations/columns.toml`, and nothing is listed there that the schema lacks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::TestDb;

const CLASSES: [&str; 4] = ["personal", "secret", "operational", "public"];

type Columns = BTreeMap<String, BTreeSet<String>>;

fn classified() -> Columns {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/columns.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let tables: toml::Table = toml::from_str(&text).unwrap();
    let mut columns = Columns::new();
    for (table, entries) in tables {
        let entries = entries
            .as_table()
            .unwrap_or_else(|| panic!("[{table}] is not a table"));
        for (column, class) in entries {
            let class = class
                .as_str()
                .unwrap_or_else(|| panic!("{table}.{column}: not text"));
            assert!(
                CLASSES.contains(&class),
                "{table}.{column}: unknown class {class:?}"
            );
            columns
                .entry(table.clone())
                .or_default()
                .insert(column.clone());
        }
    }
    columns
}

#[tokio::test]
async fn every_column_is_classified_and_every_classified_column_exists() {
    let db = TestDb::create().await;
    db.store().await.close().await.unwrap();
    let mut connection = db.connection().await;
    let found: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::TEXT, column_name::TEXT
         FROM information_schema.columns
         WHERE table_schema = current_schema()",
    )
    .fetch_all(&mut connection)
    .await
    .unwrap();
    drop(connection);
    db.drop_database().await;

    let mut schema = Columns::new();
    for (table, column) in found {
        schema.entry(table).or_default().insert(column);
    }
    let classified = classified();
    let missing: Vec<String> = schema
        .iter()
        .flat_map(|(table, columns)| columns.iter().map(move |column| (table, column)))
        .filter(|(table, column)| !classified.get(*table).is_some_and(|c| c.contains(*column)))
        .map(|(table, column)| format!("{table}.{column}"))
        .collect();
    let absent: Vec<String> = classified
        .iter()
        .flat_map(|(table, columns)| columns.iter().map(move |column| (table, column)))
        .filter(|(table, column)| !schema.get(*table).is_some_and(|c| c.contains(*column)))
        .map(|(table, column)| format!("{table}.{column}"))
        .collect();
    assert!(
        missing.is_empty(),
        "columns missing from migrations/columns.toml: {missing:?}"
    );
    assert!(
        absent.is_empty(),
        "columns.toml lists columns the PostgreSQL schema lacks: {absent:?}"
    );
    for table in [
        "statements",
        "statement_counts",
        "used_claims",
        "job_leases",
        "schema_migrations",
    ] {
        assert!(schema.contains_key(table), "{table}");
    }
}
