//! The configuration file's initiative in the store across real restarts of `ocs demo`:
//! stored once with its audit row, nothing written by a restart with the same file, updated
//! with an audit row when the file changes, and the trail verifies throughout.

use std::path::Path;

use crate::{Demo, ocs};

/// The trail's (actor name, action) pairs.
fn rows(database: &Path) -> Vec<(String, String)> {
    let connection = rusqlite::Connection::open(database).unwrap();
    connection
        .prepare("SELECT actor_name, action FROM audit_log ORDER BY sequence")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn stored_title(database: &Path) -> (u64, String) {
    let connection = rusqlite::Connection::open(database).unwrap();
    let (revision, definition): (u64, String) = connection
        .query_row(
            "SELECT revision, definition FROM initiatives WHERE slug = 'demo'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    let definition: serde_json::Value = serde_json::from_str(&definition).unwrap();
    (revision, definition["title"].as_str().unwrap().to_owned())
}

fn verify(config: &Path, rows: usize) {
    let output = ocs()
        .args(["audit", "verify", "--config"])
        .arg(config)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{printed}");
    assert!(
        printed.contains(&format!("intact: {rows} rows")),
        "{printed}"
    );
}

#[test]
fn restarts_store_the_file_once_and_a_changed_file_updates_it_audited() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let database = data.join("data/ocs.db");
    let config = data.join("ocs.toml");
    Demo::start(&data).stop();
    let file = (
        "configuration file".to_owned(),
        "initiative.configured-created".to_owned(),
    );
    assert_eq!(rows(&database), std::slice::from_ref(&file));
    assert_eq!(stored_title(&database).0, 1);

    // The same file again: nothing written.
    Demo::start(&data).stop();
    assert_eq!(rows(&database), std::slice::from_ref(&file));
    verify(&config, 1);

    // A changed title: one update, audited.
    let text = std::fs::read_to_string(&config).unwrap();
    let changed = text.replacen(
        "title = \"Demo: Clean air in every European city\"",
        "title = \"Demo: Clean water\"",
        1,
    );
    assert_ne!(changed, text);
    std::fs::write(&config, changed).unwrap();
    Demo::start(&data).stop();
    let updated = (
        "configuration file".to_owned(),
        "initiative.configured-updated".to_owned(),
    );
    assert_eq!(rows(&database), [file, updated]);
    assert_eq!(stored_title(&database), (2, "Demo: Clean water".to_owned()));
    verify(&config, 2);
}
