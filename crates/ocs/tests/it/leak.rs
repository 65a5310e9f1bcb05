//! Plant marker values, sign through every path, and find them in no file of the data
//! folder: not in the database, its WAL, the logs, or anything else written there.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::{Demo, http, solved};

const FIRST: &str = "Quokkamarkerfirst";
const FAMILY: &str = "Zyzzyvamarkerfamily";
const NUMBER: &str = "73918462";
const STREET: &str = "Xylophonemarkerstrasse";

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn find_markers(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    files_under(dir, &mut files);
    let mut found = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let lower = String::from_utf8_lossy(&bytes).to_lowercase();
        for marker in [FIRST, FAMILY, NUMBER, STREET] {
            if lower.contains(&marker.to_lowercase()) {
                found.push(format!("{marker} in {}", file.display()));
            }
        }
    }
    found
}

fn statement(nationality: &str, fields: &serde_json::Value, proof: &str) -> String {
    json!({"nationality": nationality, "fields": fields, "consent": true, "altcha": proof})
        .to_string()
}

#[test]
fn no_marker_value_reaches_any_file_of_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Demo::start(dir.path());
    let address = demo.address;
    let post = |body: &str| {
        http(
            address,
            "POST",
            "/api/v1/initiatives/demo/statements",
            "application/json",
            body,
        )
    };

    // Part B with the marker number, then the same person again (duplicate path).
    let austria = json!({"full.first.names": FIRST, "family.names": FAMILY, "id.type": "id.card", "id.number": NUMBER});
    assert_eq!(post(&statement("AT", &austria, &solved(address))).0, 201);
    assert_eq!(post(&statement("AT", &austria, &solved(address))).0, 201);
    // Part A with marker names and street.
    let germany = json!({"full.first.names": FIRST, "family.names": FAMILY, "street": STREET,
        "street.number": "9", "postal.code": "10115", "city": "Berlin", "country": "DE",
        "date.of.birth": "1980-01-31"});
    assert_eq!(post(&statement("DE", &germany, &solved(address))).0, 201);
    // Error paths: invalid fields, missing proof, malformed body, HTML form with errors.
    let mut invalid = germany.clone();
    invalid["postal.code"] = json!(NUMBER);
    invalid["date.of.birth"] = json!("2999-01-01");
    assert_eq!(post(&statement("DE", &invalid, &solved(address))).0, 422);
    assert_eq!(
        post(&json!({"nationality": "DE", "fields": germany, "consent": true}).to_string()).0,
        403
    );
    assert_eq!(post(&format!("{{\"nationality\":\"{FIRST}\",")).0, 400);
    let form = format!(
        "form_token=x&full.first.names={FIRST}&family.names={FAMILY}&id.type=id.card&id.number={NUMBER}"
    );
    let (status, page) = http(
        address,
        "POST",
        "/initiatives/demo/sign/AT",
        "application/x-www-form-urlencoded",
        &form,
    );
    assert_eq!(status, 422, "no consent");
    assert!(
        page.contains(FIRST),
        "the form keeps the signer's input on the page"
    );

    let (_, counters) = http(
        address,
        "GET",
        "/api/v1/initiatives/demo/counters",
        "text/plain",
        "",
    );
    let counters: serde_json::Value = serde_json::from_str(&counters).unwrap();
    assert_eq!(counters["total"], 2, "both distinct statements were stored");

    // While running: the WAL holds the recent commits.
    assert!(
        dir.path().join("data/ocs.db-wal").exists(),
        "WAL mode is on"
    );
    let live = find_markers(dir.path());
    demo.stop();
    let stopped = find_markers(dir.path());
    assert!(
        live.is_empty(),
        "personal data on disk while running: {live:?}"
    );
    assert!(
        stopped.is_empty(),
        "personal data on disk after stop: {stopped:?}"
    );

    let log = std::fs::read_to_string(dir.path().join("logs/ocs.log")).unwrap();
    assert!(
        log.contains("TRACE") || log.contains("DEBUG"),
        "the log was written at trace level"
    );
}

#[test]
fn statements_survive_a_restart_and_are_counted_again() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Demo::start(dir.path());
    let address = demo.address;
    for number in ["11112222", "11113333"] {
        let fields = json!({"full.first.names": "A", "family.names": "B", "id.type": "id.card", "id.number": number});
        let body = statement("AT", &fields, &solved(address));
        assert_eq!(
            http(
                address,
                "POST",
                "/api/v1/initiatives/demo/statements",
                "application/json",
                &body
            )
            .0,
            201
        );
    }
    // SIGKILL: no graceful shutdown. Acknowledged statements must still be there.
    let mut demo = demo;
    demo.child.kill().unwrap();
    demo.child.wait().unwrap();
    drop(demo);
    let demo = Demo::start(dir.path());
    let (_, counters) = http(
        demo.address,
        "GET",
        "/api/v1/initiatives/demo/counters",
        "text/plain",
        "",
    );
    let counters: serde_json::Value = serde_json::from_str(&counters).unwrap();
    assert_eq!(counters["total"], 2);
    assert_eq!(counters["by_country"]["AT"], 2);
}
