//! `ocs backup` and `ocs backup restore` end to end on the demo's data folder.

use crate::drill::{Drill, Signers, export_restored, sign_austrian};
use crate::{Demo, ocs};

#[test]
fn backup_restores_into_a_fresh_database_and_needs_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    for number in ["12345678", "23456789"] {
        let (status, answer) = sign_austrian(demo.address, number);
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
    let (status, _) = sign_austrian(demo.address, "12345678");
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
    // The manifest key stays offline: it is refused as the sealed export's key.
    let sealed = dir.path().join("sealed");
    let output = ocs()
        .args(["export", "sealed", "--initiative", "demo", "--config"])
        .arg(&config)
        .arg("--sealed-key")
        .arg(dir.path().join("org.sign.sk"))
        .arg("--certificate")
        .arg(dir.path().join("org.sign.pk"))
        .arg("--out")
        .arg(&sealed)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(!sealed.exists());
    // Offline: the initiative's own sealed-export key, certified by the manifest key.
    let printed = run(ocs()
        .args([
            "export",
            "sealed-key",
            "--initiative",
            "demo",
            "--manifest-key",
        ])
        .arg(dir.path().join("org.sign.sk"))
        .arg("--out")
        .arg(dir.path().join("demo")));
    assert!(printed.contains("ocs-sign-pk-1:"), "{printed}");
    let printed = run(ocs()
        .args(["export", "sealed", "--initiative", "demo", "--config"])
        .arg(&config)
        .arg("--sealed-key")
        .arg(dir.path().join("demo.xsign.sk"))
        .arg("--certificate")
        .arg(dir.path().join("demo.xsign.cert"))
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

/// The restore drill (issue 18, item 4): scheduled backups run while signing runs on the
/// real server; the newest backup restored into a fresh database holds every statement
/// acknowledged before its round began, read back through the export with the organisers'
/// key. The files rotate, and the round is in the audit trail.
#[test]
fn a_backup_taken_while_signing_restores_every_acknowledged_statement() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    let config_file = data.join("ocs.toml");
    let backups_dir = data.join("backups");
    let drill = Drill::start(&config_file, &backups_dir, None);
    let signers = Signers {
        first: 5,
        per_thread: 12,
        wait_for: 8,
        prefix: 1,
    };
    let (round, before) = drill.sign_during(&signers, |drill| {
        drill.runtime.block_on(drill.backups.run_now()).unwrap()
    });
    let (_, file, count) = round
        .written
        .first()
        .cloned()
        .expect("a backup was written");
    assert!(
        file.starts_with(backups_dir.join("demo")),
        "{}",
        file.display()
    );
    assert!(before.len() >= 8);
    assert!(count >= before.len() as u64, "{count} < {}", before.len());
    // Not due again within the interval.
    assert!(
        drill
            .runtime
            .block_on(drill.backups.run_due())
            .unwrap()
            .written
            .is_empty()
    );
    drill.stop();

    // The file is sealed: no name in it.
    let sealed = std::fs::read(&file).unwrap();
    assert!(!sealed.windows(5).any(|w| w == b"Huber"));

    // Restore into a fresh folder's database, then export it with the organisers' keys.
    let fresh = dir.path().join("fresh");
    std::fs::create_dir_all(&fresh).unwrap();
    let url = format!("sqlite://{}", fresh.join("ocs.db").display());
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
    let printed = run(ocs()
        .args(["backup", "restore", "--initiative", "demo", "--config"])
        .arg(&config_file)
        .arg("--in")
        .arg(&file)
        .env("OCS_DATABASE_URL", &url));
    assert!(
        printed.contains(&format!("restored {count} statements")),
        "{printed}"
    );
    let xml = export_restored(&config_file, &url, &data, &dir.path().join("export"));
    for number in &before {
        assert!(
            xml.contains(number.as_str()),
            "{number} is not in the restored backup"
        );
    }

    // The round is in the audit trail, by the system.
    let trail = run(ocs()
        .args(["audit", "show", "--limit", "50", "--config"])
        .arg(&config_file));
    assert!(trail.contains("backup.requested"), "{trail}");
}
