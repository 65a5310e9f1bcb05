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
        // The file's initiative stored at the first command, then the three steps.
        text(&intact).contains("intact: 4 rows"),
        "{}",
        text(&intact)
    );
    let shown = ocs()
        .args(["audit", "show", "--limit", "2", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let shown = text(&shown);
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 2, "{shown}");
    let first = "operator:tester initiative.go-live initiative 1";
    assert!(lines[0].contains(first), "{shown}");
    assert!(lines[1].contains("initiative.start-test"), "{shown}");

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
        let file = ("configuration file", "initiative.configured-created");
        let expected: Vec<(String, String, String)> = [
            file,
            ("tester", "initiative.managed"),
            ("tester", "initiative.start-test"),
            ("tester", "initiative.go-live"),
        ]
        .iter()
        .map(|(name, action)| ("operator".into(), (*name).into(), (*action).into()))
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

#[test]
fn admin_accounts_are_created_listed_disabled_and_reset_with_audit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    let config = data.join("ocs.toml");
    let password = dir.path().join("pw");
    std::fs::write(&password, "a long enough password\n").unwrap();
    let admin = |args: &[&str]| {
        ocs()
            .args(["admin", "--as", "root", "--config"])
            .arg(&config)
            .args(args)
            .output()
            .unwrap()
    };
    let pw = password.to_str().unwrap();
    let added = admin(&[
        "add-user",
        "Ann",
        "--role",
        "organiser",
        "--initiative",
        "demo",
        "--password-file",
        pw,
    ]);
    assert!(added.status.success(), "{}", text(&added));
    let again = admin(&[
        "add-user",
        "ann",
        "--role",
        "observer",
        "--initiative",
        "demo",
        "--password-file",
        pw,
    ]);
    assert!(text(&again).contains("ACC-006"), "{}", text(&again));
    let no_initiative = admin(&[
        "add-user",
        "bob",
        "--role",
        "organiser",
        "--password-file",
        pw,
    ]);
    assert!(
        text(&no_initiative).contains("ACC-005"),
        "{}",
        text(&no_initiative)
    );
    std::fs::write(&password, "short\n").unwrap();
    let short = admin(&[
        "add-user",
        "bob",
        "--role",
        "host-admin",
        "--password-file",
        pw,
    ]);
    assert!(text(&short).contains("ACC-001"), "{}", text(&short));
    assert!(admin(&["disable", "ann"]).status.success());
    let listed = text(&admin(&["list-users"]));
    assert!(
        listed.contains("ann") && listed.contains("organiser") && listed.contains("DISABLED"),
        "{listed}"
    );
    assert!(!listed.contains("argon2"), "a hash was printed");

    let database = data.join("data/ocs.db");
    let connection = rusqlite::Connection::open(&database).unwrap();
    let hash: String = connection
        .query_row(
            "SELECT password_hash FROM console_users WHERE name = 'ann'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(
        hash.starts_with("$ocs-pepper-v1$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains("a long enough password"));
    let actions: Vec<String> = connection
        .prepare("SELECT action FROM audit_log WHERE actor_name = 'root' ORDER BY sequence")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(actions, ["account.created", "account.disabled"]);
    let verified = verify(&config);
    assert!(verified.status.success(), "{}", text(&verified));
}

#[test]
fn a_register_export_becomes_a_configuration_block() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("register.xml");
    std::fs::write(
        &good,
        r#"<export date="2026-01-20T10:00:00Z">
  <initiative registrationNumber="ECI(2026)000009" registrationDate="2026-01-15"
              url="https://register.example/2026/000009">
    <organisers>
      <organiser role="representative"><firstName>Alex</firstName><familyName>Example</familyName><email>alex@example.org</email></organiser>
      <organiser role="member"><firstName>Kim</firstName><familyName>Muster</familyName></organiser>
    </organisers>
    <languages>
      <language code="en" original="true"><title>Save "bees"</title><subject>S</subject><description>O</description></language>
      <language code="fr" original="false"><title>Sauvez les abeilles</title><subject>S</subject><description>O</description></language>
    </languages>
  </initiative>
</export>"#,
    )
    .unwrap();
    let output = ocs()
        .args([
            "initiative",
            "--initiative",
            "bees",
            "import",
            "--id",
            "5",
            "--register-xml",
        ])
        .arg(&good)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let printed = String::from_utf8(output.stdout).unwrap();
    assert!(
        printed.contains("# Also in fr: Sauvez les abeilles"),
        "{printed}"
    );
    let table: toml::Table = toml::from_str(&printed).unwrap();
    let initiative = &table["initiatives"].as_array().unwrap()[0];
    assert_eq!(initiative["slug"].as_str(), Some("bees"));
    assert_eq!(initiative["id"].as_integer(), Some(5));
    assert_eq!(initiative["title"].as_str(), Some("Save \"bees\""));
    assert_eq!(initiative["registration_date"].as_str(), Some("2026-01-15"));
    assert_eq!(initiative["organisers"].as_array().unwrap().len(), 2);
    assert_eq!(
        initiative["organisers"][0]["role"].as_str(),
        Some("representative")
    );

    let bad = dir.path().join("bad.xml");
    std::fs::write(
        &bad,
        "<export><initiative registrationDate=\"x\"/></export>",
    )
    .unwrap();
    let output = ocs()
        .args([
            "initiative",
            "--initiative",
            "bees",
            "import",
            "--id",
            "5",
            "--register-xml",
        ])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(text(&output).contains("REG-003"), "{}", text(&output));
}

#[test]
fn cli_creates_an_initiative_in_the_database_and_sets_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    let config = data.join("ocs.toml");
    let xml = dir.path().join("register.xml");
    std::fs::write(
        &xml,
        r#"<export><initiative registrationNumber="ECI(2026)000042" registrationDate="2026-05-02" url="https://register.example/2026/000042">
    <organisers><organiser role="representative"><firstName>Alex</firstName><familyName>Example</familyName></organiser></organisers>
    <languages><language code="en" original="true"><title>Save the rivers</title><subject>S</subject><description>O</description></language></languages>
  </initiative></export>"#,
    )
    .unwrap();
    let notice = dir.path().join("privacy.txt");
    std::fs::write(&notice, "We process your data to submit the initiative.").unwrap();
    let (_, key) = ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy);
    let key = key.to_text();
    let run = |args: &[&str]| {
        ocs()
            .args([
                "initiative",
                "--initiative",
                "rivers",
                "--as",
                "tester",
                "--config",
            ])
            .arg(&config)
            .args(args)
            .output()
            .unwrap()
    };
    let mut create = vec!["create", "--register-xml", xml.to_str().unwrap()];
    create.extend(["--privacy-notice-file", notice.to_str().unwrap()]);
    create.extend(["--storage-country", "AT", "--recipient-key", &key]);
    create.extend(["--regime", "national"]);
    let created = run(&create);
    assert!(created.status.success(), "{}", text(&created));
    // Known without a configuration change; a second create is refused.
    let status = run(&["status"]);
    assert!(status.status.success(), "{}", text(&status));
    assert!(!run(&create).status.success());
    let bad = run(&["set-keys", "--recipient-key", "ocs-pk-1:nonsense"]);
    assert!(text(&bad).contains("INI-007"), "{}", text(&bad));
    let keys = run(&[
        "set-keys",
        "--recipient-key",
        &key,
        "--authority-key",
        &format!("DE={key}"),
    ]);
    assert!(keys.status.success(), "{}", text(&keys));
    let verified = verify(&config);
    assert!(verified.status.success(), "{}", text(&verified));
}
