//! Every column of every table is classified in `migrations/columns.toml`, and nothing is
//! listed there that the schema lacks.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::Connection;

const CLASSES: [&str; 4] = ["personal", "secret", "operational", "public"];

type Columns = BTreeMap<String, BTreeMap<String, String>>;

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
                .insert(column.clone(), class.to_owned());
        }
    }
    columns
}

fn in_schema(connection: &Connection) -> Columns {
    let mut tables = connection
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let names: Vec<String> = tables
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut columns = Columns::new();
    for table in names {
        let mut info = connection
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap();
        let found: Vec<String> = info
            .query_map([&table], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!found.is_empty(), "{table} has no columns");
        let entry = columns.entry(table).or_default();
        for column in found {
            entry.insert(column, String::new());
        }
    }
    columns
}

#[test]
fn every_column_is_classified_and_every_classified_column_exists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    drop(super::open(&path));
    let schema = in_schema(&Connection::open(&path).unwrap());
    let classified = classified();

    let mut missing = Vec::new();
    let mut absent = Vec::new();
    for (table, columns) in &schema {
        for column in columns.keys() {
            if !classified
                .get(table)
                .is_some_and(|listed| listed.contains_key(column))
            {
                missing.push(format!("{table}.{column}"));
            }
        }
    }
    for (table, columns) in &classified {
        for column in columns.keys() {
            if !schema
                .get(table)
                .is_some_and(|found| found.contains_key(column))
            {
                absent.push(format!("{table}.{column}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "columns missing from migrations/columns.toml: {missing:?}"
    );
    assert!(
        absent.is_empty(),
        "columns.toml lists columns the schema lacks: {absent:?}"
    );
    assert!(schema.contains_key("statements") && schema.contains_key("schema_migrations"));
}

#[test]
fn statement_rows_hold_no_plaintext_personal_data() {
    // The classification is only honest if the personal columns are opaque or minimal:
    // ciphertext, a keyed hash, a random identifier, a country code and a time.
    let classified = classified();
    let statements = &classified["statements"];
    for column in [
        "envelope",
        "dedup_tag",
        "statement_id",
        "nationality",
        "submitted_at_ms",
    ] {
        assert_eq!(statements[column], "personal", "{column}");
    }
}
