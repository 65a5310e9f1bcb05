//! The key and configuration commands of the binary.

use std::os::unix::fs::PermissionsExt as _;

use crate::ocs;

#[test]
fn keygen_writes_a_private_key_only_its_owner_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("organisers");
    let output = ocs()
        .args(["keygen", "--out"])
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("ocs-pk-1:"));
    assert!(stdout.contains("offline"));
    let mode = std::fs::metadata(dir.path().join("organisers.sk"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let public = std::fs::read_to_string(dir.path().join("organisers.pk")).unwrap();
    assert!(stdout.contains(public.trim()));
    // Never overwrite an existing key.
    let again = ocs()
        .args(["keygen", "--out"])
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(!again.status.success());
}

#[test]
fn check_config_refuses_a_world_readable_secret_and_says_how_to_fix_it() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("server.key");
    assert!(
        ocs()
            .args(["keygen", "--secret"])
            .arg(&secret)
            .status()
            .unwrap()
            .success()
    );
    assert!(
        ocs()
            .args(["keygen", "--secret"])
            .arg(dir.path().join("dedup.key"))
            .status()
            .unwrap()
            .success()
    );
    let config = dir.path().join("ocs.toml");
    std::fs::write(
        &config,
        "[database]\nurl = \"sqlite://data/ocs.db\"\n[secrets]\nserver_key_file = \"server.key\"\ndedup_key_file = \"dedup.key\"\n",
    )
    .unwrap();
    let ok = ocs()
        .args(["check-config", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("contents not shown"));

    let migrate = ocs()
        .args(["migrate", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );
    assert!(String::from_utf8_lossy(&migrate.stdout).contains("0001"));

    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let serve = ocs()
        .args(["serve", "--config"])
        .arg(&config)
        .env("OCS_SERVER__LISTEN", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!serve.status.success());
    let message = String::from_utf8_lossy(&serve.stderr);
    assert!(message.contains("chmod 600"), "{message}");

    let typo = dir.path().join("typo.toml");
    std::fs::write(&typo, "[databse]\nurl = \"x\"\n").unwrap();
    let bad = ocs()
        .args(["check-config", "--config"])
        .arg(&typo)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("databse"));
}
