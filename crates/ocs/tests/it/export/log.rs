//! The export against the public tally log: the manifest records the checkpoint and each
//! statement's index, and `verify --log` fails a short or forged export.

use std::path::Path;
use std::process::Output;

use serde_json::json;

use super::{Fields, copy_dir, export, run, submissions, text, verify};
use crate::{Demo, http, ocs, solved};

/// Signs `(nationality, fields)` through the API of the demo at `address`.
fn sign_one(address: std::net::SocketAddr, nationality: &str, fields: &Fields) {
    let body = json!({"nationality": nationality, "fields": fields, "consent": true,
        "altcha": solved(address)})
    .to_string();
    let (status, answer) = http(
        address,
        "POST",
        "/api/v1/initiatives/demo/statements",
        "application/json",
        &body,
    );
    assert_eq!(status, 201, "{answer}");
}

fn verify_with_log(dir: &Path, public_key: &Path, log: &[&str]) -> Output {
    run(ocs()
        .args(["export", "verify"])
        .arg(dir)
        .arg("--public-key")
        .arg(public_key)
        .args(log))
}

/// Issue 17, item 8: the manifest records the log's checkpoint and each statement's index;
/// `ocs export verify --log` passes on an honest export (the log having grown since), over
/// HTTP and from a mirrored copy, and fails when the organisers' export leaves out a
/// statement the log counts, even though the export is validly signed.
#[test]
fn an_export_records_the_log_and_verify_checks_it_against_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    let sent = submissions();
    for (nationality, fields, _) in [&sent[0], &sent[1], &sent[3]] {
        sign_one(demo.address, nationality, fields);
    }
    // A public read publishes what waits (the demo publishes at once).
    let (status, _) = http(
        demo.address,
        "GET",
        "/api/v1/initiatives/demo/counters",
        "text/plain",
        "",
    );
    assert_eq!(status, 200);
    demo.stop();
    let output = run(ocs()
        .args(["keygen", "--signing", "--out"])
        .arg(dir.path().join("org")));
    assert!(output.status.success(), "{}", text(&output));
    let signing_key = dir.path().join("org.sign.sk");
    let public_key = dir.path().join("org.sign.pk");
    let private_key = data.join("keys/demo-recipient.sk");
    let out = dir.path().join("export");
    let output = export(&data, &private_key, &signing_key, &out);
    assert!(output.status.success(), "{}", text(&output));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["log"]["tree_size"], 3, "{manifest}");
    let mut indices: Vec<u64> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|file| file["log_indices"].as_array().unwrap().clone())
        .map(|index| index.as_u64().unwrap())
        .collect();
    indices.sort_unstable();
    assert_eq!(indices, [0, 1, 2]);

    // The log grows after the export: the export's checkpoint is a prefix of it.
    let demo = Demo::start(&data);
    sign_one(demo.address, "FR", &sent[2].1);
    let site = format!("http://{}", demo.address);
    let output = verify_with_log(&out, &public_key, &["--log", &site]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("a prefix of the log at size 4")
            && text(&output).contains("every statement the log counts: AT 1, DE 2"),
        "{}",
        text(&output)
    );
    // The same from a mirrored copy, offline, with the announced key.
    let mirror = dir.path().join("mirror");
    let output = run(ocs()
        .args(["log", "verify", &format!("{site}/log/demo"), "--mirror"])
        .arg(&mirror));
    assert!(output.status.success(), "{}", text(&output));
    let (_, detail) = http(
        demo.address,
        "GET",
        "/api/v1/initiatives/demo",
        "text/plain",
        "",
    );
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    let key = detail["log"]["verifier_key"].as_str().unwrap().to_owned();
    let log_dir = mirror.to_str().unwrap();
    let output = verify_with_log(
        &out,
        &public_key,
        &["--log-dir", log_dir, "--log-key", &key],
    );
    assert!(output.status.success(), "{}", text(&output));
    // Without the log, verify says it did not check against it.
    let output = verify(&out, &public_key);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("not checked against the public tally log"));
    demo.stop();
    a_short_or_forged_export_fails_against_the_log(dir.path(), &data, &out);
}

/// The export of a copy missing one statement the log counts fails `verify --log`; a
/// changed manifest fails its signature.
fn a_short_or_forged_export_fails_against_the_log(dir: &Path, data: &Path, out: &Path) {
    let signing_key = dir.join("org.sign.sk");
    let public_key = dir.join("org.sign.pk");
    let private_key = data.join("keys/demo-recipient.sk");
    // The organisers drop one German statement from a copy of the database and export it:
    // the export is signed and its files match its manifest, but the log counts it.
    let copy = dir.join("copy.db");
    std::fs::copy(data.join("data/ocs.db"), &copy).unwrap();
    if data.join("data/ocs.db-wal").exists() {
        std::fs::copy(data.join("data/ocs.db-wal"), dir.join("copy.db-wal")).unwrap();
    }
    {
        let connection = rusqlite::Connection::open(&copy).unwrap();
        let deleted = connection
            .execute(
                "DELETE FROM statements WHERE sequence = (SELECT MIN(sequence) FROM statements \
                 WHERE nationality = 'DE')",
                [],
            )
            .unwrap();
        assert_eq!(deleted, 1);
    }
    let short = dir.join("export-short");
    let output = run(ocs()
        .arg("export")
        .arg("--config")
        .arg(data.join("ocs.toml"))
        .args(["--initiative", "demo", "--database"])
        .arg(format!("sqlite://{}", copy.display()))
        .arg("--private-key")
        .arg(&private_key)
        .arg("--signing-key")
        .arg(&signing_key)
        .arg("--out")
        .arg(&short));
    assert!(output.status.success(), "{}", text(&output));
    let output = verify(&short, &public_key);
    assert!(output.status.success(), "{}", text(&output));
    let demo = Demo::start(data);
    let site = format!("http://{}", demo.address);
    let output = verify_with_log(&short, &public_key, &["--log", &site]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains(
            "FAIL: log: DE: the log counts 2 statements at the checkpoint, \
             the export holds 1 of them; missing log indices: "
        ),
        "{}",
        text(&output)
    );
    // A manifest whose recorded checkpoint was replaced fails its signature first.
    let forged = dir.join("export-forged");
    copy_dir(out, &forged);
    let json = std::fs::read_to_string(forged.join("manifest.json")).unwrap();
    std::fs::write(
        forged.join("manifest.json"),
        json.replacen("\"tree_size\": 3", "\"tree_size\": 2", 1),
    )
    .unwrap();
    let output = verify_with_log(&forged, &public_key, &["--log", &site]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("manifest.sig"), "{}", text(&output));
    demo.stop();
}
