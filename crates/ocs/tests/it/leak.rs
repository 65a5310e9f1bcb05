//! Plant marker values, sign through every path, and find them in no file of the data
//! folder (the database, its WAL, the logs), not in temporary files, not in the process's
//! standard error (where a panic would go), and not in `/metrics`.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::{Demo, http, http_with, solved};

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

fn form_body(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let encoded = v.bytes().fold(String::new(), |mut out, b| {
                let _ = std::fmt::Write::write_fmt(&mut out, format_args!("%{b:02X}"));
                out
            });
            format!("{k}={encoded}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The HTML path end to end, the refusals of the HTTP layer, and the rate limit, each with
/// the markers in the request.
fn more_paths(address: std::net::SocketAddr, germany: &serde_json::Value) {
    const FORM: &str = "Content-Type: application/x-www-form-urlencoded\r\n";
    // The form with a valid proof: 303 to the receipt, whose page holds no input.
    let (status, page) = http(
        address,
        "GET",
        "/initiatives/demo/sign/AT",
        "text/plain",
        "",
    );
    assert_eq!(status, 200);
    let start = page.find("name=\"form_token\" value=\"").unwrap() + 25;
    let token = page[start..].split('"').next().unwrap().to_owned();
    let proof = solved(address);
    let (cookie, csrf) = crate::form_pass(address, "/initiatives/demo/sign/AT");
    let body = form_body(&[
        ("csrf", &csrf),
        ("form_token", &token),
        ("altcha", &proof),
        ("consent", "on"),
        ("full.first.names", FIRST),
        ("family.names", FAMILY),
        ("id.type", "id.card"),
        ("id.number", "55512345"),
    ]);
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    std::io::Write::write_all(
        &mut stream,
        format!(
            "POST /initiatives/demo/sign/AT HTTP/1.1\r\nHost: {address}\r\n{FORM}Cookie: {cookie}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
    .unwrap();
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut stream, &mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    let receipt = answer
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap()
        .trim()
        .to_owned();
    let cookie = format!("Cookie: {}\r\n", receipt_cookie(&answer));
    let (status, page) = http_with(address, "GET", &receipt, &cookie, "");
    assert_eq!(status, 200);
    assert!(!page.contains(FIRST) && !page.contains(FAMILY));

    // Cross-site, too large, wrong type: refused without echoing anything.
    let marked = form_body(&[("full.first.names", FIRST), ("id.number", NUMBER)]);
    let refusals = [
        (
            "/initiatives/demo/sign/AT",
            format!("{FORM}Origin: https://evil.example\r\n"),
            marked.clone(),
            403,
        ),
        (
            "/api/v1/initiatives/demo/statements",
            "Content-Type: application/json\r\n".to_owned(),
            format!("{{\"x\":\"{FIRST}{}\"}}", "a".repeat(40_000)),
            413,
        ),
        (
            "/api/v1/initiatives/demo/statements",
            "Content-Type: text/plain\r\n".to_owned(),
            marked.clone(),
            415,
        ),
    ];
    for (path, headers, body, expected) in refusals {
        let (status, answer) = http_with(address, "POST", path, &headers, &body);
        assert_eq!(status, expected, "{path}: {answer}");
        assert!(
            !answer.contains(FIRST) && !answer.contains(NUMBER),
            "{answer}"
        );
    }

    // The per-address limit: the same statement again until the server says 429.
    let mut limited = false;
    for _ in 0..15 {
        let body = statement("DE", germany, &solved(address));
        let (status, answer) = http(
            address,
            "POST",
            "/api/v1/initiatives/demo/statements",
            "application/json",
            &body,
        );
        if status == 429 {
            assert!(!answer.contains(FIRST), "{answer}");
            limited = true;
            break;
        }
        assert_eq!(status, 201, "{answer}");
    }
    assert!(limited, "the signing limit answered 429");
}

#[test]
fn no_marker_value_reaches_any_file_of_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let stderr = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
    let demo = Demo::start_with(
        dir.path(),
        |command| {
            command.env("TMPDIR", &tmp).env("RUST_BACKTRACE", "1");
        },
        stderr,
    );
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
    let (status, answer) = post(&format!("{{\"nationality\":\"{FIRST}\","));
    assert_eq!(status, 400);
    assert!(
        !answer.contains(FIRST),
        "error answers never echo input: {answer}"
    );
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
    assert_eq!(status, 422, "no consent: {page}");
    assert!(
        page.contains(FIRST),
        "the form keeps the signer's input on the page"
    );

    more_paths(address, &germany);

    let (_, counters) = http(
        address,
        "GET",
        "/api/v1/initiatives/demo/counters",
        "text/plain",
        "",
    );
    let counters: serde_json::Value = serde_json::from_str(&counters).unwrap();
    assert_eq!(
        counters["total"], 3,
        "the three distinct statements were stored"
    );
    let (status, metrics) = http(address, "GET", "/metrics", "text/plain", "");
    assert_eq!(status, 200);
    for marker in [FIRST, FAMILY, NUMBER, STREET, "127.0.0.1"] {
        assert!(!metrics.contains(marker), "{marker} in /metrics");
    }

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

    assert!(
        dir.path().join("stderr.log").exists(),
        "standard error was captured and searched"
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
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let stderr = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
    let demo = Demo::start_with(
        dir.path(),
        |command| {
            command.env("TMPDIR", &tmp).env("RUST_BACKTRACE", "1");
        },
        stderr,
    );
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

/// The receipt cookie (`name=value`) of a raw HTTP answer: the receipt token travels there,
/// never in the URL (issue 20, item 4).
fn receipt_cookie(answer: &str) -> String {
    answer
        .lines()
        .filter_map(|line| line.strip_prefix("set-cookie: "))
        .find(|cookie| cookie.contains("ocs_receipt="))
        .and_then(|cookie| cookie.split(';').next())
        .unwrap()
        .to_owned()
}
