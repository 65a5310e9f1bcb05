//! Every column of every table of the PostgreSQL schema is classified in
//! `migrations/columns.toml`, and nothing is listed there that the schema lacks.

use ocs_storage::columns::{Schema, assert_schema_matches};

use super::TestDb;

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

    let mut schema = Schema::new();
    for (table, column) in found {
        schema.entry(table).or_default().insert(column);
    }
    assert_schema_matches(&schema, "PostgreSQL");
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
