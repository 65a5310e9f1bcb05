//! `ocs backup` and `ocs backup restore` end to end on the demo's data folder.

use serde_json::json;

use crate::{Demo, http, ocs, solved};

#[test]
fn backup_restores_into_a_fresh_database_and_needs_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    for number in ["12345678", "23456789"] {
        let body = json!({"nationality": "AT", "fields": {"full.first.names": "Franz",
            "family.names": "Huber", "id.type": "id.card", "id.number": number},
            "consent": true, "altcha": solved(demo.address)})
        .to_string();
        let (status, answer) = http(
            demo.address,
            "POST",
            "/api/v1/initiatives/demo/statements",
            "application/json",
            &body,
        );
        assert_eq!(status, 201, "{answer}");
    }
    demo.stop();
    let config = data.join("ocs.toml");
    let file = dir.path().join("demo.backup");
    let output = ocs()
        .args(["backup", "--initiative", "demo", "--config"])
        .arg(&config)
        .arg("--out")
        .arg(&file)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(printed.contains("wrote 2 statements"), "{printed}");
    assert!(
        !std::fs::read(&file)
            .unwrap()
            .windows(5)
            .any(|w| w == b"Huber")
    );

    let restore = |database: &std::path::Path| {
        ocs()
            .args(["backup", "restore", "--initiative", "demo", "--config"])
            .arg(&config)
            .arg("--in")
            .arg(&file)
            .env(
                "OCS_DATABASE_URL",
                format!("sqlite://{}", database.display()),
            )
            .output()
            .unwrap()
    };
    let output = restore(&dir.path().join("fresh.db"));
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(printed.contains("restored 2 statements"), "{printed}");

    // Without its key (destroyed at the deadline) the backup does not open.
    std::fs::remove_file(data.join("keys/backup-1.key")).unwrap();
    let output = restore(&dir.path().join("other.db"));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no backup key"));
}

#[test]
fn a_sealed_export_opens_elsewhere_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    let body = json!({"nationality": "AT", "fields": {"full.first.names": "Franz",
        "family.names": "Huber", "id.type": "id.card", "id.number": "12345678"},
        "consent": true, "altcha": solved(demo.address)})
    .to_string();
    let (status, _) = http(
        demo.address,
        "POST",
        "/api/v1/initiatives/demo/statements",
        "application/json",
        &body,
    );
    assert_eq!(status, 201);
    demo.stop();
    let config = data.join("ocs.toml");
    let keys = dir.path().join("org");
    let run = |command: &mut std::process::Command| {
        let output = command.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.status.success(), "{text}");
        text
    };
    run(ocs().args(["keygen", "--signing", "--out"]).arg(&keys));
    let sealed = dir.path().join("sealed");
    let printed = run(ocs()
        .args(["export", "sealed", "--initiative", "demo", "--config"])
        .arg(&config)
        .arg("--signing-key")
        .arg(dir.path().join("org.sign.sk"))
        .arg("--out")
        .arg(&sealed));
    assert!(printed.contains("wrote 1 sealed statements"), "{printed}");
    let copy = dir.path().join("copy.db");
    let url = format!("sqlite://{}", copy.display());
    let printed = run(ocs()
        .args(["export", "open-sealed", "--initiative", "demo", "--config"])
        .arg(&config)
        .arg("--public-key")
        .arg(dir.path().join("org.sign.pk"))
        .args(["--database", &url])
        .arg(&sealed));
    assert!(printed.contains("imported 1 of 1"), "{printed}");
    let out = dir.path().join("export");
    run(ocs()
        .args(["export", "--initiative", "demo", "--config"])
        .arg(&config)
        .args(["--database", &url])
        .arg("--private-key")
        .arg(data.join("keys/demo-recipient.sk"))
        .arg("--signing-key")
        .arg(dir.path().join("org.sign.sk"))
        .arg("--out")
        .arg(&out));
    let xml = std::fs::read_to_string(out.join("demo-at.xml")).unwrap();
    assert!(xml.contains("Huber"));
}
