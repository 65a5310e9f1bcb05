//! The restore drill of whole-database snapshots (issue 18 item 4): snapshots taken by the
//! running server while signing goes on, restored with `ocs backup restore-snapshot` into a
//! fresh folder, hold every acknowledged statement, and `ocs audit verify` passes on the
//! restored copy.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::json;

use crate::{Demo, http, ocs, solved};

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
#[expect(clippy::too_many_lines, reason = "one drill, step by step")]
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
    let mut config = ocs::config::load(&config_file).unwrap();
    ocs::mark_demo(&mut config);
    config.listen = "127.0.0.1:0".parse().unwrap();
    // Many signatures from one loopback address: the per-address limits are not tested here.
    config.security.rate_limits = None;
    config.backup = Some(ocs_service::backup::scheduled::BackupSchedule {
        dir: backups_dir.clone(),
        interval: jiff::SignedDuration::from_hours(24),
        keep: jiff::SignedDuration::from_hours(24 * 7),
        snapshot_key: Some(offline.join("snapshots.pk")),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let application = runtime
        .block_on(ocs::startup::Application::build(config))
        .unwrap();
    let address = application.address();
    let backups = application.app().backups.clone().expect("[backup] is set");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(application.run_until_stopped(async {
        let _ = stopped.await;
    }));

    let acknowledged: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
    let sign = move |number: String| {
        let body = json!({"nationality": "AT", "fields": {"full.first.names": "Franz",
            "family.names": "Huber", "id.type": "id.card", "id.number": number},
            "consent": true, "altcha": solved(address)})
        .to_string();
        http(
            address,
            "POST",
            "/api/v1/initiatives/demo/statements",
            "application/json",
            &body,
        )
    };
    for n in 0..4 {
        let number = format!("5{n:07}");
        let (status, answer) = sign(number.clone());
        assert_eq!(status, 201, "{answer}");
        acknowledged.lock().unwrap().push((Instant::now(), number));
    }
    let signers: Vec<_> = (0..3)
        .map(|thread| {
            let acknowledged = acknowledged.clone();
            std::thread::spawn(move || {
                for n in 0..10 {
                    let number = format!("{}{n:07}", thread + 6);
                    let (status, answer) = sign(number.clone());
                    assert_eq!(status, 201, "{answer}");
                    acknowledged.lock().unwrap().push((Instant::now(), number));
                }
            })
        })
        .collect();
    // Snapshot while signing is under way on every thread.
    while acknowledged.lock().unwrap().len() < 7 {
        std::thread::yield_now();
    }
    let round_began = Instant::now();
    let round = runtime.block_on(backups.run_now()).unwrap();
    for signer in signers {
        signer.join().unwrap();
    }
    let (snapshot, holds) = round.snapshot.clone().expect("a snapshot was taken");
    assert!(holds.iter().any(|id| id.get() == 1), "{holds:?}");
    assert!(snapshot.starts_with(backups_dir.join("_database")));
    drop(backups);
    let _ = stop.send(());
    runtime.block_on(server).unwrap().unwrap();

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
    let out = dir.path().join("export");
    ok(ocs()
        .args(["export", "--initiative", "demo", "--config"])
        .arg(&config_file)
        .args(["--database", &url])
        .arg("--private-key")
        .arg(data.join("keys/demo-recipient.sk"))
        .arg("--signing-key")
        .arg(data.join("keys/demo-organisers.sign.sk"))
        .arg("--out")
        .arg(&out));
    let xml = std::fs::read_to_string(out.join("demo-at.xml")).unwrap();
    let before: Vec<String> = acknowledged
        .lock()
        .unwrap()
        .iter()
        .filter(|(at, _)| *at < round_began)
        .map(|(_, number)| number.clone())
        .collect();
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
