//! `ocs initiative …` and `ocs audit verify` on the demo's real SQLite file: every step is
//! audited as the CLI, refused steps print their code, and editing or deleting a row of the
//! trail in the file makes `ocs audit verify` fail.

use std::path::Path;
use std::process::Output;

use crate::{Demo, ocs};

fn initiative(config: &Path, args: &[&str]) -> Output {
    ocs()
        .args([
            "initiative",
            "--initiative",
            "demo",
            "--as",
            "tester",
            "--config",
        ])
        .arg(config)
        .args(args)
        .output()
        .unwrap()
}

fn verify(config: &Path) -> Output {
    ocs()
        .args(["audit", "verify", "--config"])
        .arg(config)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn cli_lifecycle_is_audited_and_audit_verify_detects_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    let config = data.join("ocs.toml");

    let status = initiative(&config, &["status"]);
    assert!(status.status.success(), "{}", text(&status));
    assert!(
        text(&status).contains("configuration only"),
        "{}",
        text(&status)
    );

    let started = initiative(&config, &["start-test"]);
    assert!(started.status.success(), "{}", text(&started));
    assert!(text(&started).contains("now test"), "{}", text(&started));

    let wrong = initiative(&config, &["go-live", "--confirm", "ECI(DEMO)000002"]);
    assert!(!wrong.status.success());
    assert!(text(&wrong).contains("LIF-003"), "{}", text(&wrong));

    let live = initiative(&config, &["go-live", "--confirm", "ECI(DEMO)000001"]);
    assert!(live.status.success(), "{}", text(&live));
    let open = initiative(&config, &["open"]);
    assert!(!open.status.success());
    assert!(text(&open).contains("LIF-004"), "{}", text(&open));
    let pause = initiative(&config, &["pause", "--reason", "x"]);
    assert!(text(&pause).contains("LIF-001"), "{}", text(&pause));

    let intact = verify(&config);
    assert!(intact.status.success(), "{}", text(&intact));
    assert!(
        text(&intact).contains("intact: 3 rows"),
        "{}",
        text(&intact)
    );

    let database = data.join("data/ocs.db");
    {
        let connection = rusqlite::Connection::open(&database).unwrap();
        let actors: Vec<(String, String, String)> = connection
            .prepare("SELECT actor_kind, actor_name, action FROM audit_log ORDER BY sequence")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let expected: Vec<(String, String, String)> = [
            "initiative.managed",
            "initiative.start-test",
            "initiative.go-live",
        ]
        .iter()
        .map(|action| ("cli".to_owned(), "tester".to_owned(), (*action).to_owned()))
        .collect();
        assert_eq!(actors, expected);
        connection
            .execute(
                "UPDATE audit_log SET detail = 'nothing to see' WHERE sequence = 2",
                [],
            )
            .unwrap();
    }
    let edited = verify(&config);
    assert!(!edited.status.success(), "an edited row verified");
    assert!(text(&edited).contains("AUD-001"), "{}", text(&edited));
    assert!(
        text(&edited).contains("row 2 was altered"),
        "{}",
        text(&edited)
    );

    // Deleting the edited row instead leaves a gap, which is seen too.
    {
        let connection = rusqlite::Connection::open(&database).unwrap();
        connection
            .execute("DELETE FROM audit_log WHERE sequence = 2", [])
            .unwrap();
    }
    let deleted = verify(&config);
    assert!(
        !deleted.status.success(),
        "a chain with a deleted row verified"
    );
    assert!(
        text(&deleted).contains("rows are missing"),
        "{}",
        text(&deleted)
    );
}
