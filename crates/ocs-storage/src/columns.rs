//! The classification of every column in `migrations/columns.toml`, and the check each
//! backend runs against its live schema (cargo feature `testing`).
#![expect(
    clippy::panic,
    clippy::expect_used,
    reason = "this is test code: a broken classification must fail the calling test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The classes a column may have.
pub const CLASSES: [&str; 4] = ["personal", "secret", "operational", "public"];

/// Table → column → class, as listed in `migrations/columns.toml`.
pub type Classified = BTreeMap<String, BTreeMap<String, String>>;

/// Table → columns, as found in a live schema.
pub type Schema = BTreeMap<String, BTreeSet<String>>;

/// Reads `migrations/columns.toml`.
///
/// # Panics
///
/// When the file is missing or malformed, or a column has an unknown class.
pub fn classified() -> Classified {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/columns.toml");
    let text = std::fs::read_to_string(&path).expect("migrations/columns.toml is readable");
    let tables: toml::Table = toml::from_str(&text).expect("migrations/columns.toml is TOML");
    let mut columns = Classified::new();
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

/// Fails unless every column of `schema` is classified and every classified column exists in
/// `schema`; `backend` names the schema in the message.
///
/// # Panics
///
/// On any difference, listing every column that differs.
pub fn assert_schema_matches(schema: &Schema, backend: &str) {
    let classified = classified();
    let missing: Vec<String> = schema
        .iter()
        .flat_map(|(table, columns)| columns.iter().map(move |column| (table, column)))
        .filter(|(table, column)| {
            !classified
                .get(*table)
                .is_some_and(|listed| listed.contains_key(*column))
        })
        .map(|(table, column)| format!("{table}.{column}"))
        .collect();
    let absent: Vec<String> = classified
        .iter()
        .flat_map(|(table, columns)| columns.keys().map(move |column| (table, column)))
        .filter(|(table, column)| {
            !schema
                .get(*table)
                .is_some_and(|found| found.contains(*column))
        })
        .map(|(table, column)| format!("{table}.{column}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{backend} columns missing from migrations/columns.toml: {missing:?}"
    );
    assert!(
        absent.is_empty(),
        "migrations/columns.toml lists columns the {backend} schema lacks: {absent:?}"
    );
}
