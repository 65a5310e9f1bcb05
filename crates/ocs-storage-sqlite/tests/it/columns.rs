//! Every column of every table is classified in `migrations/columns.toml`, and nothing is
//! listed there that the schema lacks.

use ocs_storage::columns::{Schema, assert_schema_matches, classified};
use rusqlite::Connection;

fn in_schema(connection: &Connection) -> Schema {
    let mut tables = connection
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let names: Vec<String> = tables
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut columns = Schema::new();
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
        entry.extend(found);
    }
    columns
}

#[test]
fn every_column_is_classified_and_every_classified_column_exists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    drop(super::open(&path));
    let schema = in_schema(&Connection::open(&path).unwrap());
    assert_schema_matches(&schema, "SQLite");
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
