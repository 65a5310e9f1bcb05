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

/// A bad-secret case: what, file content and mode (`None`: missing), expected hint.
type Case<'a> = (&'a str, Option<(&'a str, u32)>, &'a str);

/// `ocs serve` with each kind of bad secret: it stops before listening and says how to make
/// a proper one.
#[test]
fn serve_refuses_missing_empty_default_and_readable_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("ocs.toml");
    std::fs::write(
        &config,
        "[database]\nurl = \"sqlite://data/ocs.db\"\n[secrets]\nserver_key_file = \"server.key\"\ndedup_key_file = \"dedup.key\"\n[http]\nmetrics_token_file = \"metrics.token\"\n",
    )
    .unwrap();
    let server = dir.path().join("server.key");
    let dedup = dir.path().join("dedup.key");
    let token = dir.path().join("metrics.token");
    for path in [&dedup, &token] {
        assert!(
            ocs()
                .args(["keygen", "--secret"])
                .arg(path)
                .status()
                .unwrap()
                .success()
        );
    }
    // `ocs serve` refuses an unmigrated database first (UPG-001); migrate it, so each
    // case below reaches the secrets.
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
    let write = |content: &str, mode: u32| {
        let _ = std::fs::remove_file(&server);
        std::fs::write(&server, content).unwrap();
        std::fs::set_permissions(&server, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    let serve = || {
        let output = ocs()
            .args(["serve", "--config"])
            .arg(&config)
            .env("OCS_SERVER__LISTEN", "127.0.0.1:0")
            .output()
            .unwrap();
        assert!(!output.status.success(), "serve must refuse to start");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let zero = "0".repeat(64);
    let cases: [Case<'_>; 6] = [
        ("missing", None, "ocs keygen --secret"),
        ("empty", Some(("", 0o600)), "ocs keygen --secret"),
        ("placeholder", Some(("changeme\n", 0o600)), "changeme"),
        ("all zeros", Some((&zero, 0o600)), "repeated"),
        (
            "world-readable",
            Some((
                "Zm9vYmFyYmF6cXV4cXV1eHh5enp5eDEyMzQ1Njc4OTAxMjM0NTY3OA==\n",
                0o604,
            )),
            "chmod 600",
        ),
        (
            "group-readable",
            Some((
                "Zm9vYmFyYmF6cXV4cXV1eHh5enp5eDEyMzQ1Njc4OTAxMjM0NTY3OA==\n",
                0o640,
            )),
            "chmod 600",
        ),
    ];
    for (what, content, hint) in cases {
        match content {
            None => {
                let _ = std::fs::remove_file(&server);
            }
            Some((text, mode)) => write(text, mode),
        }
        let message = serve();
        assert!(message.contains(hint), "{what}: {message}");
    }
    // A good server secret, but a metrics token others can read.
    assert!(
        ocs()
            .args(["keygen", "--secret"])
            .arg({
                let _ = std::fs::remove_file(&server);
                &server
            })
            .status()
            .unwrap()
            .success()
    );
    std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o644)).unwrap();
    let message = serve();
    assert!(message.contains("metrics_token_file"), "{message}");
    assert!(message.contains("chmod 600"), "{message}");
}
