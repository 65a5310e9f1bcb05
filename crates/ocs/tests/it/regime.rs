//! One source of truth per initiative: the demo's configuration-file initiative, without a
//! certificate, collects only under `ocs demo` (which shows the demonstration banner on every
//! public page); the same file served by `ocs serve` refuses statements and says it is not
//! collecting until the initiative is opened through the lifecycle.

use std::net::SocketAddr;
use std::path::Path;

use serde_json::json;

use crate::{Demo, http, ocs, solved, spawn_listening, terminate};

/// The English banner text (`demo-banner` in locales/en/main.ftl).
const BANNER: &str = "Demonstration: statements are not sent to any authority.";

fn statement(address: SocketAddr, number: &str) -> (u16, String) {
    let body = json!({
        "nationality": "AT",
        "fields": {"full.first.names": "Erika", "family.names": "Muster",
                   "id.type": "id.card", "id.number": number},
        "consent": true,
        "altcha": solved(address),
    })
    .to_string();
    http(
        address,
        "POST",
        "/api/v1/initiatives/demo/statements",
        "application/json",
        &body,
    )
}

fn initiative(address: SocketAddr) -> serde_json::Value {
    let (status, body) = http(address, "GET", "/api/v1/initiatives/demo", "text/plain", "");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Every public HTML page of the demo initiative, and one error page; `receipt` is a receipt
/// page's path.
fn public_pages(address: SocketAddr, receipt: Option<&str>) -> Vec<(String, String)> {
    let mut paths = vec![
        "/".to_owned(),
        "/initiatives/demo".to_owned(),
        "/initiatives/demo/sign".to_owned(),
        "/initiatives/demo/sign/AT".to_owned(),
        "/initiatives/demo/my-statement".to_owned(),
        "/initiatives/no-such-initiative".to_owned(),
    ];
    paths.extend(receipt.map(str::to_owned));
    paths
        .into_iter()
        .map(|path| {
            let (_, body) = http(address, "GET", &path, "text/plain", "");
            (path, body)
        })
        .collect()
}

/// `ocs serve --config FILE` on a free port.
fn serve(config: &Path) -> (std::process::Child, SocketAddr) {
    let mut command = ocs();
    command
        .args(["serve", "--config"])
        .arg(config)
        .env("OCS_SERVER__LISTEN", "127.0.0.1:0");
    spawn_listening(command, |line| {
        let rest = line.strip_prefix("OpenOCS listening on http://")?;
        rest.trim_end_matches('/').parse().ok()
    })
}

#[test]
fn a_configured_initiative_collects_only_under_demo_and_demo_pages_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // `ocs demo`: no certificate, no lifecycle step, yet collecting, with the banner.
    let demo = Demo::start(&data);
    let shown = initiative(demo.address);
    assert_eq!(shown["collecting"], true, "{shown}");
    assert_eq!(shown["status"], "collecting", "{shown}");
    let (status, body) = statement(demo.address, "12345678");
    assert_eq!(status, 201, "{body}");
    let receipt: serde_json::Value = serde_json::from_str(&body).unwrap();
    let receipt = receipt["receipt_url"].as_str().unwrap().to_owned();
    let pages = public_pages(demo.address, Some(&receipt));
    assert!(pages.len() >= 6);
    for (path, page) in &pages {
        assert!(page.contains(BANNER), "no demo banner on {path}: {page}");
    }
    demo.stop();

    // The same configuration and database served by `ocs serve`: the file's initiative is
    // a draft until it has its certificate and is opened.
    let config = data.join("ocs.toml");
    let (mut child, address) = serve(&config);
    let shown = initiative(address);
    assert_eq!(shown["collecting"], false, "{shown}");
    assert_eq!(shown["status"], "draft", "{shown}");
    let (status, body) = statement(address, "87654321");
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("SIG-030"), "{body}");
    for (path, page) in public_pages(address, None) {
        assert!(
            !page.contains(BANNER),
            "demo banner under ocs serve on {path}"
        );
    }
    terminate(&mut child);

    // Regime "demo" cannot be written into a file for `ocs serve`.
    let text = std::fs::read_to_string(&config).unwrap();
    let marked = text.replace("regime = \"national\"", "regime = \"demo\"");
    std::fs::write(&config, marked).unwrap();
    let refused = ocs()
        .args(["check-config", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("only by `ocs demo`"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}
