//! The README's five-minute tour, run as written: every shell block of the section, in
//! order, from a fresh working folder with this build's `ocs` first on the path.

use std::path::Path;
use std::process::Command;

use serde_json::json;

use crate::{Demo, http, solved};

/// The `sh` code blocks of the README section `## A five-minute tour`.
fn tour_blocks() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let section = readme
        .split("\n## A five-minute tour\n")
        .nth(1)
        .expect("README has the tour");
    let section = section.split("\n## ").next().unwrap();
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(start) = rest.find("```sh\n") {
        let body = &rest[start + 6..];
        let end = body.find("```").unwrap();
        blocks.push(body[..end].to_owned());
        rest = &body[end + 3..];
    }
    blocks
}

/// Runs `script` with `sh -e` in `dir`, this build's `ocs` first on the path.
fn shell(dir: &Path, script: &str) {
    let binary = Path::new(env!("CARGO_BIN_EXE_ocs"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .arg("-ec")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("OCS_CONFIG")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{script}\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_readme_tour_runs_as_written() {
    let blocks = tour_blocks();
    assert_eq!(blocks.len(), 5, "{blocks:#?}");
    // 1. `ocs demo`: started as the README says, from the working folder (its default data
    // folder), on a free port instead of 8080.
    assert_eq!(blocks[0].trim(), "ocs demo");
    let dir = tempfile::tempdir().unwrap();
    let demo = Demo::start(&dir.path().join("ocs-demo-data"));

    // 2. Sign, as the browser's form does through the API (Austria, identity card).
    let statement = json!({
        "nationality": "AT",
        "fields": {"full.first.names": "Erika", "family.names": "Tourguide",
                   "id.type": "id.card", "id.number": "48151623"},
        "consent": true,
        "altcha": solved(demo.address),
    });
    let (status, body) = http(
        demo.address,
        "POST",
        "/api/v1/initiatives/demo/statements",
        "application/json",
        &statement.to_string(),
    );
    assert_eq!(status, 201, "{body}");

    // 3. A console account, while the demo runs.
    shell(dir.path(), &blocks[1]);
    let (status, _) = http(demo.address, "GET", "/console/sign-in", "text/plain", "");
    assert_eq!(status, 200);

    // 4. to 6.: Ctrl-C, then export, verify, open.
    demo.stop();
    for block in &blocks[2..] {
        shell(dir.path(), block);
    }
    let opened = std::fs::read_to_string(dir.path().join("at.xml")).unwrap();
    assert!(opened.contains("Tourguide"), "{opened}");
    assert!(opened.contains("48151623"), "{opened}");
}
