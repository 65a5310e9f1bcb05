//! `ocs healthcheck`: exit 0 while the server's `/healthz` answers 200, 1 otherwise, with the
//! address from `--url` or from the configuration.

use std::path::Path;

use crate::{Demo, ocs};

fn healthcheck(args: &[&str], config: Option<&Path>) -> (Option<i32>, String) {
    let mut command = ocs();
    command
        .arg("healthcheck")
        .args(args)
        .env_remove("OCS_CONFIG");
    if let Some(config) = config {
        command.arg("--config").arg(config);
    }
    let output = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

#[test]
fn healthcheck_follows_the_running_server() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    let address = demo.address;

    let url = format!("http://{address}/healthz");
    let (code, text) = healthcheck(&["--url", &url], None);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("healthy"), "{text}");

    // The default address comes from the configuration's `server.listen`.
    let config = data.join("ocs.toml");
    let with_listen = std::fs::read_to_string(&config).unwrap().replace(
        "listen = \"127.0.0.1:8080\"",
        &format!("listen = \"{address}\""),
    );
    let moved = data.join("healthcheck.toml");
    std::fs::write(&moved, with_listen).unwrap();
    let (code, text) = healthcheck(&[], Some(&moved));
    assert_eq!(code, Some(0), "{text}");

    // Another answer than 200 is unhealthy.
    let (code, text) = healthcheck(&["--url", &format!("http://{address}/no-such-page")], None);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("404"), "{text}");

    // No server: unhealthy.
    demo.stop();
    let (code, text) = healthcheck(&["--url", &url], None);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("unhealthy"), "{text}");
}
