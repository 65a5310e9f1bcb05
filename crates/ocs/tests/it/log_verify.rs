//! `ocs log verify` against a real `ocs demo` (SQLite file): an honest log passes, and a
//! stored entry bundle, hash tile, checkpoint or published tally altered in the database
//! makes it fail with a message naming what is wrong; so does a changed byte of a mirrored
//! copy (`verify-dir`). `ocs log check-proof` checks a receipt's proof file.

use std::net::SocketAddr;
use std::path::Path;

use serde_json::json;

use crate::{Demo, http, http_with, ocs, solved};

/// Signs as an Austrian with ID card `number`; answers the receipt (id, secret).
fn sign(address: SocketAddr, country: &str, number: &str) -> (String, String) {
    let fields = if country == "AT" {
        json!({"full.first.names": "Anna", "family.names": "Muster", "id.type": "id.card", "id.number": number})
    } else {
        json!({"full.first.names": "Hans", "family.names": format!("Muster{number}"),
            "street": "Hauptstrasse", "street.number": "1", "postal.code": "10115",
            "city": "Berlin", "country": "DE", "date.of.birth": "1980-01-31"})
    };
    let body = json!({"nationality": country, "fields": fields, "consent": true,
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
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    (
        answer["statement_id"].as_str().unwrap().to_owned(),
        answer["receipt_secret"].as_str().unwrap().to_owned(),
    )
}

/// Runs `ocs log verify` with `args` after the site URL; answers success and the output.
fn verify(address: SocketAddr, args: &[&str]) -> (bool, String) {
    let output = ocs()
        .args(["log", "verify", &format!("http://{address}/log/demo")])
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Replaces one stored value of the demo's database (the demo stopped), runs `ocs log
/// verify` on a restarted demo, puts the value back; answers the verify run.
fn tampered(
    dir: &Path,
    table: &str,
    column: &str,
    key: &str,
    alter: impl Fn(Vec<u8>) -> Vec<u8>,
) -> (bool, String) {
    let database = dir.join("data/ocs.db");
    let select = format!("SELECT CAST({column} AS BLOB) FROM {table} WHERE {key}");
    let update = format!("UPDATE {table} SET {column} = ?1 WHERE {key}");
    let original: Vec<u8> = {
        let connection = rusqlite::Connection::open(&database).unwrap();
        let original: Vec<u8> = connection.query_row(&select, [], |row| row.get(0)).unwrap();
        let changed = alter(original.clone());
        assert_ne!(changed, original, "the alteration changes the stored bytes");
        let rows = if column == "data" {
            connection.execute(&update, [&changed]).unwrap()
        } else {
            connection
                .execute(&update, [String::from_utf8(changed).unwrap()])
                .unwrap()
        };
        assert_eq!(rows, 1);
        original
    };
    let demo = Demo::start(dir);
    let result = verify(demo.address, &[]);
    demo.stop();
    let connection = rusqlite::Connection::open(&database).unwrap();
    if column == "data" {
        connection.execute(&update, [&original]).unwrap();
    } else {
        connection
            .execute(&update, [String::from_utf8(original).unwrap()])
            .unwrap();
    }
    result
}

#[test]
fn an_honest_log_verifies_and_any_altered_tile_bundle_checkpoint_or_tally_fails() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Demo::start(dir.path());
    let address = demo.address;
    let (id, secret) = sign(address, "AT", "11112222");
    sign(address, "AT", "11113333");
    sign(address, "DE", "1");

    let saved = dir.path().join("checkpoint.txt");
    let (passed, output) = verify(address, &["--save", saved.to_str().unwrap()]);
    assert!(passed, "{output}");
    assert!(
        output.contains("total 3 (AT 2, DE 1)") && output.contains("signature OK"),
        "{output}"
    );
    assert!(std::fs::read_to_string(&saved).unwrap().contains("\n3\n"));

    // One more statement: the new checkpoint still holds the saved tree.
    sign(address, "DE", "2");
    let (passed, output) = verify(address, &["--since", saved.to_str().unwrap()]);
    assert!(passed, "{output}");
    assert!(
        output.contains("consistent with the earlier checkpoint of size 3")
            && output.contains("total 4 (AT 2, DE 2)"),
        "{output}"
    );

    // A key of the same name other than the log's is refused.
    let (_, detail) = http(address, "GET", "/api/v1/initiatives/demo", "text/plain", "");
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    let key = detail["log"]["verifier_key"].as_str().unwrap().to_owned();
    let origin = detail["log"]["origin"].as_str().unwrap();
    let other = ocs_tlog::NoteSigner::new(origin, &[9; 32])
        .unwrap()
        .verifier()
        .to_text();
    let (passed, output) = verify(address, &["--key", &other]);
    assert!(!passed, "{output}");
    assert!(output.contains("does not verify with the key"), "{output}");
    let mirror = dir.path().join("mirror");
    let (passed, output) = verify(
        address,
        &["--key", &key, "--mirror", mirror.to_str().unwrap()],
    );
    assert!(passed, "{output}");

    the_mirror_audits_offline(&mirror, &key, &saved);

    // The receipt's proof file checks offline with the announced key.
    let (status, proof) = http_with(
        address,
        "POST",
        "/api/v1/initiatives/demo/receipts/proof",
        "Content-Type: application/json\r\nAccept: application/x-tlog-proof\r\n",
        &json!({"statement_id": id, "secret": secret}).to_string(),
    );
    assert_eq!(status, 200, "{proof}");
    let proof_file = dir.path().join("receipt.tlog-proof");
    std::fs::write(&proof_file, &proof).unwrap();
    let output = ocs()
        .args(["log", "check-proof", "--key", &key])
        .arg(&proof_file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("v1 add AT online"));
    // The same proof moved to another index does not verify.
    let moved = proof.replacen("\nindex 0\n", "\nindex 1\n", 1);
    assert_ne!(moved, proof);
    std::fs::write(&proof_file, moved).unwrap();
    let output = ocs()
        .args(["log", "check-proof", "--key", &key])
        .arg(&proof_file)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not verify"));
    demo.stop();

    every_alteration_fails(dir.path());

    // Untouched again: it passes.
    let demo = Demo::start(dir.path());
    let (passed, output) = verify(demo.address, &[]);
    assert!(passed, "{output}");
}

/// Each alteration of the stored log, on a restarted server, makes `ocs log verify` fail with
/// a message naming what differs.
fn every_alteration_fails(dir: &Path) {
    let (passed, output) = tampered(
        dir,
        "log_tiles",
        "data",
        "path = 'tile/entries/000.p/4'",
        |bundle| {
            // One nationality changed inside the bundle, same length: AT → DE.
            let text = String::from_utf8_lossy(&bundle).into_owned();
            text.replacen(" AT ", " DE ", 1).into_bytes()
        },
    );
    assert!(!passed, "an altered entry bundle passed: {output}");
    assert!(output.contains("tile/0/000.p/4 differs"), "{output}");

    let (passed, output) = tampered(
        dir,
        "log_tiles",
        "data",
        "path = 'tile/0/000.p/4'",
        |mut tile| {
            tile[40] ^= 1;
            tile
        },
    );
    assert!(!passed, "an altered hash tile passed: {output}");
    assert!(output.contains("tile/0/000.p/4 differs"), "{output}");

    let (passed, output) = tampered(dir, "log_checkpoints", "note", "tree_size = 4", |note| {
        // The checkpoint claims three entries instead of four.
        String::from_utf8(note)
            .unwrap()
            .replacen("\n4\n", "\n3\n", 1)
            .into_bytes()
    });
    assert!(!passed, "an altered checkpoint passed: {output}");
    assert!(output.contains("does not verify with the key"), "{output}");

    let (passed, output) = tampered(dir, "log_checkpoints", "tally", "tree_size = 4", |tally| {
        // Published figures inflated: the counters no longer equal the fold.
        let text = String::from_utf8(tally).unwrap();
        text.replacen("\"AT\":[2,", "\"AT\":[9,", 1).into_bytes()
    });
    assert!(!passed, "inflated counters passed: {output}");
    assert!(
        output.contains("the log's entries fold to total 4"),
        "{output}"
    );
}

/// The mirrored copy audits offline (`ocs log verify-dir`); one changed byte in it does not.
fn the_mirror_audits_offline(mirror: &Path, key: &str, saved: &Path) {
    let verify_dir = || {
        let output = ocs()
            .args(["log", "verify-dir", "--key", key])
            .arg(mirror)
            .args(["--since", saved.to_str().unwrap()])
            .output()
            .unwrap();
        (
            output.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        )
    };
    let (passed, output) = verify_dir();
    assert!(passed, "{output}");
    assert!(
        output.contains("fold of the entries: total 4 (AT 2, DE 2)"),
        "{output}"
    );
    let bundle = mirror.join("tile/entries/000.p/4");
    let original = std::fs::read(&bundle).unwrap();
    let mut altered = original.clone();
    let last = altered.len() - 1;
    altered[last] ^= 1;
    std::fs::write(&bundle, &altered).unwrap();
    let (passed, output) = verify_dir();
    assert!(!passed, "{output}");
    assert!(output.contains("tile/0/000.p/4 differs"), "{output}");
    std::fs::write(&bundle, &original).unwrap();
}

/// `ocs log witness` (one process) against a running `ocs demo` (another): it cosigns the
/// checkpoint, keeps it, cosigns the next one as consistent with it, and refuses (keeping
/// its state) when the state it holds is not a checkpoint of this log.
#[test]
fn a_witness_cosigns_consistent_checkpoints_and_refuses_another_history() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Demo::start(dir.path());
    let address = demo.address;
    sign(address, "AT", "11112222");
    let prefix = dir.path().join("w");
    let output = ocs()
        .args(["log", "witness-keygen", "witness.example.net", "--out"])
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let public = std::fs::read_to_string(dir.path().join("w.witness.pub")).unwrap();
    let witness = ocs_tlog::WitnessVerifier::parse(&public).unwrap();
    let state = dir.path().join("witness.state");
    let run = || {
        let output = ocs()
            .args(["log", "witness", &format!("http://{address}/log/demo")])
            .arg("--witness-key")
            .arg(dir.path().join("w.witness.sk"))
            .arg("--state")
            .arg(&state)
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (passed, out, err) = run();
    assert!(passed, "{out}{err}");
    assert!(out.contains("size 1 (first checkpoint"), "{out}");
    let cosigned = out.split_once(":\n").unwrap().1;
    let by = ocs_tlog::cosignature::cosigned_by(cosigned, std::slice::from_ref(&witness)).unwrap();
    assert_eq!(by.len(), 1, "{out}");
    assert!(std::fs::read_to_string(&state).unwrap().contains("\n1\n"));

    sign(address, "DE", "1");
    let (passed, out, err) = run();
    assert!(passed, "{out}{err}");
    assert!(
        out.contains("size 2 (consistent with the checkpoint of size 1 cosigned before)"),
        "{out}"
    );
    let cosigned = out.split_once(":\n").unwrap().1;
    assert_eq!(
        ocs_tlog::cosignature::cosigned_by(cosigned, std::slice::from_ref(&witness))
            .unwrap()
            .len(),
        1
    );

    // A state that is not a checkpoint the log signed: refused, the state kept as it is.
    let forged = std::fs::read_to_string(&state)
        .unwrap()
        .replacen("\n2\n", "\n1\n", 1);
    std::fs::write(&state, &forged).unwrap();
    let (passed, out, err) = run();
    assert!(!passed, "{out}");
    assert!(err.contains("not consistent with the checkpoint"), "{err}");
    assert_eq!(std::fs::read_to_string(&state).unwrap(), forged);
    demo.stop();
}

/// Two processes: `ocs demo` configured with one witness key, and `ocs log witness --submit`
/// posting to it. The log then serves the checkpoint with the witness's cosignature, and
/// `ocs log verify --witness-key` passes; before that, after the log moved on, and for a
/// witness the log does not know (refused with LOG-001), it does not.
#[test]
fn a_configured_witness_posts_its_cosignature_and_verify_requires_it() {
    let dir = tempfile::tempdir().unwrap();
    let keygen = |name: &str, prefix: &str| {
        let output = ocs()
            .args(["log", "witness-keygen", name, "--out"])
            .arg(dir.path().join(prefix))
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        std::fs::read_to_string(dir.path().join(format!("{prefix}.witness.pub")))
            .unwrap()
            .trim()
            .to_owned()
    };
    let public = keygen("witness.example.net", "w");
    keygen("stranger.example.net", "s");
    let data = dir.path().join("data");
    let demo = Demo::start_with(
        &data,
        |command| {
            command.env("OCS_TALLY_LOG__WITNESSES", format!("[\"{public}\"]"));
        },
        std::process::Stdio::null(),
    );
    let url = format!("http://{}/log/demo", demo.address);
    sign(demo.address, "AT", "22223333");
    let verify = || {
        let output = ocs()
            .args(["log", "verify", &url, "--witness-key", &public])
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };
    // The top-level `ocs witness` (the other test uses `ocs log witness`).
    let witness = |prefix: &str| {
        let output = ocs()
            .args(["witness", &url, "--submit", "--witness-key"])
            .arg(dir.path().join(format!("{prefix}.witness.sk")))
            .arg("--state")
            .arg(dir.path().join(format!("{prefix}.state")))
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };

    let (passed, output) = verify();
    assert!(!passed, "{output}");
    assert!(output.contains("no cosignature by the witness"), "{output}");

    let (passed, err) = witness("w");
    assert!(passed, "{err}");
    assert!(err.contains("1 cosignature(s) stored"), "{err}");
    let (status, served) = http(demo.address, "GET", "/log/demo/checkpoint", "", "");
    assert_eq!(status, 200);
    let key = ocs_tlog::WitnessVerifier::parse(&public).unwrap();
    let by = ocs_tlog::cosignature::cosigned_by(&served, std::slice::from_ref(&key)).unwrap();
    assert_eq!(by.len(), 1, "{served}");
    let (passed, output) = verify();
    assert!(passed, "{output}");
    assert!(
        output.contains("cosigned by the witness witness.example.net"),
        "{output}"
    );

    // A witness the log was not configured with: refused, nothing served.
    let (passed, err) = witness("s");
    assert!(!passed, "{err}");
    assert!(err.contains("LOG-001"), "{err}");
    let (_, again) = http(demo.address, "GET", "/log/demo/checkpoint", "", "");
    assert_eq!(again, served);

    // The log moves on: the new checkpoint has no cosignature yet.
    sign(demo.address, "DE", "7");
    let (passed, output) = verify();
    assert!(!passed, "{output}");
    assert!(output.contains("no cosignature by the witness"), "{output}");
    let (passed, err) = witness("w");
    assert!(passed, "{err}");
    let (passed, output) = verify();
    assert!(passed, "{output}");
    demo.stop();
}
