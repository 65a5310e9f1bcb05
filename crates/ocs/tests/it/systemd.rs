//! `Type=notify`: the real binary tells a datagram socket, standing in for systemd, that it
//! is ready once it listens, feeds the watchdog while it runs and says when it stops.

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use crate::{Demo, http};

fn next(manager: &UnixDatagram) -> String {
    let mut buffer = [0u8; 512];
    let length = manager.recv(&mut buffer).expect("a notification");
    String::from_utf8(buffer[..length].to_vec()).unwrap()
}

#[test]
fn the_server_notifies_ready_watchdog_and_stopping() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("notify.sock");
    let manager = UnixDatagram::bind(&socket).unwrap();
    // Only so a broken server fails the test instead of hanging it.
    manager
        .set_read_timeout(Some(Duration::from_mins(2)))
        .unwrap();
    let demo = Demo::start_with(
        &dir.path().join("data"),
        |command| {
            command
                .env("NOTIFY_SOCKET", &socket)
                .env("WATCHDOG_USEC", "200000");
        },
        std::process::Stdio::null(),
    );
    let ready = next(&manager);
    assert!(ready.starts_with("READY=1\n"), "{ready}");
    assert!(
        ready.contains(&format!("STATUS=listening on {}", demo.address)),
        "{ready}"
    );
    // Ready means listening: the health check answers.
    let (status, _) = http(demo.address, "GET", "/healthz", "text/plain", "");
    assert_eq!(status, 200);
    assert_eq!(next(&manager), "WATCHDOG=1");
    assert_eq!(next(&manager), "WATCHDOG=1");
    demo.stop();
    let mut after = next(&manager);
    while after == "WATCHDOG=1" {
        after = next(&manager);
    }
    assert!(after.starts_with("STOPPING=1"), "{after}");
}

/// `LoadCredential=`: secrets named as `$CREDENTIALS_DIRECTORY/…` in the configuration are
/// read from the folder systemd names (files mode 0400, as systemd makes them); without the
/// variable the server refuses and shows the configured path.
#[test]
fn serve_reads_its_secrets_from_the_credentials_folder() {
    use std::os::unix::fs::PermissionsExt as _;

    let dir = tempfile::tempdir().unwrap();
    let credentials = dir.path().join("credentials");
    std::fs::create_dir(&credentials).unwrap();
    for name in ["server.key", "dedup.key"] {
        let path = credentials.join(name);
        let output = crate::ocs()
            .args(["keygen", "--secret"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    }
    let config = dir.path().join("ocs.toml");
    std::fs::write(
        &config,
        "[database]\nurl = \"sqlite://data/ocs.db\"\n[secrets]\n\
         server_key_file = \"$CREDENTIALS_DIRECTORY/server.key\"\n\
         dedup_key_file = \"$CREDENTIALS_DIRECTORY/dedup.key\"\n",
    )
    .unwrap();
    let migrate = crate::ocs()
        .args(["migrate", "--config"])
        .arg(&config)
        .env_remove("CREDENTIALS_DIRECTORY")
        .output()
        .unwrap();
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );

    let outside = crate::ocs()
        .args(["serve", "--config"])
        .arg(&config)
        .env("OCS_SERVER__LISTEN", "127.0.0.1:0")
        .env_remove("CREDENTIALS_DIRECTORY")
        .output()
        .unwrap();
    assert!(!outside.status.success());
    let message = String::from_utf8_lossy(&outside.stderr);
    assert!(
        message.contains("$CREDENTIALS_DIRECTORY/server.key"),
        "{message}"
    );

    let mut command = crate::ocs();
    command
        .args(["serve", "--config"])
        .arg(&config)
        .env("OCS_SERVER__LISTEN", "127.0.0.1:0")
        .env("CREDENTIALS_DIRECTORY", &credentials);
    let (mut child, address) = crate::spawn_listening(command, |line| {
        let rest = line.strip_prefix("OpenOCS listening on http://")?;
        rest.trim_end_matches('/').parse().ok()
    });
    let (status, _) = http(address, "GET", "/healthz", "text/plain", "");
    assert_eq!(status, 200);
    crate::terminate(&mut child);
}

/// The configuration shipped beside the unit is valid and names the credentials folder.
#[test]
fn the_packaged_configuration_checks() {
    let config =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packaging/systemd/ocs.toml");
    let output = crate::ocs()
        .args(["check-config", "--config"])
        .arg(&config)
        .env("CREDENTIALS_DIRECTORY", "/run/credentials/ocs.service")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        printed.contains("/run/credentials/ocs.service/server.key"),
        "{printed}"
    );
}
