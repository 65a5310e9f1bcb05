//! Issue 16, item 5 from the command line: `ocs initiative hold|lift-hold|status|
//! commission-submitted|verified|annex-vii` reach the running server's retention use cases
//! through its administration socket (audited with the caller's uid), refuse with their
//! codes, and the trail stays intact.

use std::path::Path;
use std::process::Output;

use crate::{Demo, ocs};

fn initiative(config: &Path, args: &[&str]) -> Output {
    ocs()
        .args([
            "initiative",
            "--initiative",
            "demo",
            "--as",
            "tester",
            "--config",
        ])
        .arg(config)
        .args(args)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Today in the demo's zone (its clock is the real one).
#[expect(
    clippy::disallowed_methods,
    reason = "the demo server runs on the real clock"
)]
fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Brussels").unwrap())
        .date()
        .to_string()
}

#[test]
fn legal_holds_and_the_commission_submission_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    let config = data.join("ocs.toml");

    // Not submitted to the authorities: neither the Commission submission nor a
    // certificate can be recorded.
    let early = initiative(&config, &["commission-submitted", "--on", &today()]);
    assert!(!early.status.success());
    assert!(text(&early).contains("RET-001"), "{}", text(&early));
    let early = initiative(
        &config,
        &[
            "verified",
            "--country",
            "AT",
            "--valid",
            "1",
            "--authority",
            "BMI",
            "--issued-on",
            &today(),
        ],
    );
    assert!(text(&early).contains("RET-001"), "{}", text(&early));

    let blank = initiative(&config, &["hold", "--reason", " "]);
    assert!(!blank.status.success());
    assert!(text(&blank).contains("RET-004"), "{}", text(&blank));
    let held = initiative(&config, &["hold", "--reason", "Case C-7/26 at the Court"]);
    assert!(held.status.success(), "{}", text(&held));
    let again = initiative(&config, &["hold", "--reason", "again"]);
    assert!(text(&again).contains("RET-005"), "{}", text(&again));

    let status = initiative(&config, &["status"]);
    assert!(status.status.success(), "{}", text(&status));
    let shown = text(&status);
    assert!(shown.contains("Case C-7/26 at the Court"), "{shown}");
    assert!(
        shown.contains("destruction suspended by a legal hold"),
        "{shown}"
    );

    let annex = initiative(&config, &["annex-vii"]);
    assert!(annex.status.success(), "{}", text(&annex));
    let document: serde_json::Value = serde_json::from_slice(&annex.stdout).unwrap();
    assert_eq!(document["format"], "ocs-annex-vii-1");
    assert_eq!(document["certified"], serde_json::json!([]));
    let as_text = initiative(&config, &["annex-vii", "--text"]);
    assert!(as_text.status.success(), "{}", text(&as_text));
    assert!(
        text(&as_text).contains("4. Number of valid statements of support certified:"),
        "{}",
        text(&as_text)
    );
    let pdf = config.parent().unwrap().join("annex-vii.pdf");
    let written = initiative(&config, &["annex-vii", "--pdf", pdf.to_str().unwrap()]);
    assert!(written.status.success(), "{}", text(&written));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .arg("-meta")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("<pdfaid:part>2</pdfaid:part>"));
    // An existing file is not overwritten.
    let again = initiative(&config, &["annex-vii", "--pdf", pdf.to_str().unwrap()]);
    assert!(!again.status.success());

    let lifted = initiative(
        &config,
        &[
            "lift-hold",
            "--concluded-on",
            &today(),
            "--reason",
            "settled",
        ],
    );
    assert!(lifted.status.success(), "{}", text(&lifted));
    let status = text(&initiative(&config, &["status"]));
    assert!(status.contains("legal hold  -"), "{status}");
    assert!(!status.contains("suspended"), "{status}");

    // Through the socket: the server recorded the caller's uid with each step.
    let shown = ocs()
        .args(["audit", "show", "--limit", "5", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let shown = text(&shown);
    assert!(shown.contains("retention.hold-set"), "{shown}");
    assert!(shown.contains("(uid "), "{shown}");
    assert!(shown.contains("proceedings concluded on"), "{shown}");
    demo.stop();
    let verified = ocs()
        .args(["audit", "verify", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(verified.status.success(), "{}", text(&verified));
}

/// Issue 20: `ocs initiative keys` lists the recipient keys with their holders'
/// confirmations; `key-destroyed` records one (audited) and refuses a key of no recipient
/// (`KEY-010`) or no holder's name (`KEY-011`).
#[test]
fn key_holders_confirm_destroying_recipient_keys_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let _demo = Demo::start(&data);
    let config = data.join("ocs.toml");
    let public = ocs_crypto::read_public_key(&data.join("keys/demo-recipient.pk")).unwrap();

    let before = initiative(&config, &["keys"]);
    assert!(before.status.success(), "{}", text(&before));
    assert!(
        text(&before).contains("destruction certificate  none yet"),
        "{}",
        text(&before)
    );
    assert!(text(&before).contains("NOT confirmed"), "{}", text(&before));

    let stranger = ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy).1;
    let refused = initiative(
        &config,
        &[
            "key-destroyed",
            "--key",
            &stranger.to_text(),
            "--holder",
            "me",
        ],
    );
    assert!(!refused.status.success());
    assert!(text(&refused).contains("KEY-010"), "{}", text(&refused));
    let nameless = initiative(
        &config,
        &["key-destroyed", "--key", &public.to_text(), "--holder", " "],
    );
    assert!(text(&nameless).contains("KEY-011"), "{}", text(&nameless));

    let done = initiative(
        &config,
        &[
            "key-destroyed",
            "--key",
            &public.to_text(),
            "--holder",
            "the representative",
        ],
    );
    assert!(done.status.success(), "{}", text(&done));
    let after = initiative(&config, &["keys"]);
    assert!(!text(&after).contains("NOT confirmed"), "{}", text(&after));
    assert!(
        text(&after).contains("confirmed by the representative"),
        "{}",
        text(&after)
    );
}
