//! The restore drill of whole-database snapshots (issue 18 item 4): snapshots taken by the
//! running server while signing goes on, restored with `ocs backup restore-snapshot` into a
//! fresh folder, hold every acknowledged statement, and `ocs audit verify` passes on the
//! restored copy.

use std::path::{Path, PathBuf};

use crate::drill::{Drill, Signers, export_restored};
use crate::{Demo, ocs};

fn run(command: &mut std::process::Command) -> (bool, String) {
    let output = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

fn ok(command: &mut std::process::Command) -> String {
    let (success, text) = run(command);
    assert!(success, "{text}");
    text
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn snapshots_taken_while_signing_restore_every_acknowledged_statement_and_the_audit_chain() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    let config_file = data.join("ocs.toml");
    let backups_dir = data.join("backups");
    // The snapshot key: the server gets the public half only.
    let offline = dir.path().join("offline");
    ok(ocs()
        .args(["keygen", "--out"])
        .arg(offline.join("snapshots")));
    let drill = Drill::start(
        &config_file,
        &backups_dir,
        Some(offline.join("snapshots.pk")),
    );
    let signers = Signers {
        first: 4,
        per_thread: 10,
        wait_for: 7,
        prefix: 5,
    };
    let (round, before) = drill.sign_during(&signers, |drill| {
        drill.runtime.block_on(drill.backups.run_now()).unwrap()
    });
    let (snapshot, holds) = round.snapshot.clone().expect("a snapshot was taken");
    assert!(holds.iter().any(|id| id.get() == 1), "{holds:?}");
    assert!(snapshot.starts_with(backups_dir.join("_database")));
    drill.stop();

    // Sealed: not a SQLite file, and no clear copy anywhere in the backup folder.
    let sealed = std::fs::read(&snapshot).unwrap();
    assert!(sealed.starts_with(b"OCS-SNAP-1"));
    assert!(!sealed.windows(15).any(|w| w == b"SQLite format 3"));
    for file in files_under(&backups_dir) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.ends_with(".snapshot") || name.ends_with(".backup"),
            "{}",
            file.display()
        );
    }

    // Restore into a fresh folder with the offline private half.
    let fresh = dir.path().join("fresh");
    let printed = ok(ocs()
        .args(["backup", "restore-snapshot", "--key"])
        .arg(offline.join("snapshots.sk"))
        .arg("--into")
        .arg(&fresh)
        .arg(&snapshot));
    assert!(printed.contains("1 demo"), "{printed}");
    // Not over a folder with something in it; not with another key, leaving nothing.
    let (success, text) = run(ocs()
        .args(["backup", "restore-snapshot", "--key"])
        .arg(offline.join("snapshots.sk"))
        .arg("--into")
        .arg(&fresh)
        .arg(&snapshot));
    assert!(!success && text.contains("not empty"), "{text}");
    let elsewhere = dir.path().join("elsewhere");
    let (success, text) = run(ocs()
        .args(["backup", "restore-snapshot", "--key"])
        .arg(data.join("keys/demo-recipient.sk"))
        .arg("--into")
        .arg(&elsewhere)
        .arg(&snapshot));
    assert!(!success && text.contains("does not open"), "{text}");
    assert!(!elsewhere.join("ocs.db").exists());

    // The restored copy: its audit chain verifies, and every statement acknowledged before
    // the snapshot began is in its export.
    let url = format!("sqlite://{}", fresh.join("ocs.db").display());
    let printed = ok(ocs()
        .args(["audit", "verify", "--config"])
        .arg(&config_file)
        .env("OCS_DATABASE_URL", &url));
    assert!(!printed.is_empty());
    let xml = export_restored(&config_file, &url, &data, &dir.path().join("export"));
    assert!(before.len() >= 7);
    for number in &before {
        assert!(
            xml.contains(number.as_str()),
            "{number} is not in the restored snapshot"
        );
    }
    // The snapshot is in the trail of the live database, by the system.
    let trail = ok(ocs()
        .args(["audit", "show", "--limit", "80", "--config"])
        .arg(&config_file));
    assert!(trail.contains("backup.snapshot-taken"), "{trail}");
}
