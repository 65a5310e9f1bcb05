//! `ocs keys` (ADR 0012): a rotated token key signs the challenges a restarted server
//! issues, the older key id is listed as still verifying, and a bad role is refused.

use crate::{Demo, http, ocs};

fn challenge_signature(address: std::net::SocketAddr) -> String {
    let (status, body) = http(address, "GET", "/api/v1/altcha/challenge", "text/plain", "");
    assert_eq!(status, 200, "{body}");
    let challenge: ocs_crypto::Challenge = serde_json::from_str(&body).unwrap();
    challenge.signature
}

#[test]
fn a_rotated_token_key_signs_after_a_restart_and_the_old_one_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    // Key id 0, from the server key file: the first byte of the signature.
    assert!(challenge_signature(demo.address).starts_with("00"));
    demo.stop();

    let config = data.join("ocs.toml");
    let rotated = ocs()
        .args(["keys", "rotate", "--role", "tokens", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&rotated.stdout);
    assert!(rotated.status.success(), "{said}");
    assert!(said.contains("key id 1"), "{said}");
    assert!(data.join("secrets/keys/tokens-1.key").exists(), "{said}");

    let listed = ocs()
        .args(["keys", "list", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.status.success(), "{list}");
    let line = |role: &str, id: u8| {
        list.lines()
            .find(|l| l.starts_with(role) && l.contains(&format!(" id {id} ")))
            .unwrap_or_else(|| panic!("no {role} {id} in {list}"))
            .to_owned()
    };
    assert!(line("tokens", 0).ends_with("verifies"), "{list}");
    assert!(line("tokens", 1).ends_with("signs"), "{list}");
    assert!(line("pepper", 0).ends_with("signs"), "{list}");

    let demo = Demo::start(&data);
    assert!(challenge_signature(demo.address).starts_with("01"));
    demo.stop();

    let refused = ocs()
        .args(["keys", "rotate", "--role", "root", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unknown role"));
}
