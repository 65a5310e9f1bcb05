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

/// With `[server.tls]`, `ocs healthcheck` asks over https and trusts the configured
/// certificate (pinned: the loopback address needs no matching name); a server presenting
/// another certificate, or one no system root vouches for, is unhealthy.
#[test]
fn healthcheck_speaks_https_and_trusts_the_configured_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let made = rcgen::generate_simple_self_signed(vec!["ocs.example".to_owned()]).unwrap();
    let cert_file = dir.path().join("fullchain.pem");
    let key_file = dir.path().join("privkey.pem");
    std::fs::write(&cert_file, made.cert.pem()).unwrap();
    std::fs::write(&key_file, made.signing_key.serialize_pem()).unwrap();
    let other = rcgen::generate_simple_self_signed(vec!["ocs.example".to_owned()]).unwrap();
    let other_cert = dir.path().join("other.pem");
    let other_key = dir.path().join("other-key.pem");
    std::fs::write(&other_cert, other.cert.pem()).unwrap();
    std::fs::write(&other_key, other.signing_key.serialize_pem()).unwrap();

    let mut command = ocs();
    command
        .args(["demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&data)
        .env("OCS_SERVER__TLS__CERT_FILE", &cert_file)
        .env("OCS_SERVER__TLS__KEY_FILE", &key_file);
    let (child, address) =
        crate::spawn_listening_with(command, std::process::Stdio::null(), |line| {
            let url = line
                .strip_prefix("Open:")?
                .trim()
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            url.split('/').next()?.parse().ok()
        });
    let demo = Demo { child, address };
    let config = data.join("ocs.toml");
    let with_listen = std::fs::read_to_string(&config).unwrap().replace(
        "listen = \"127.0.0.1:8080\"",
        &format!("listen = \"{address}\""),
    );
    let moved = data.join("healthcheck.toml");
    std::fs::write(&moved, with_listen).unwrap();
    let check = |args: &[&str], cert: &Path, key: &Path, config: Option<&Path>| {
        let mut command = ocs();
        command
            .arg("healthcheck")
            .args(args)
            .env_remove("OCS_CONFIG")
            .env("OCS_SERVER__TLS__CERT_FILE", cert)
            .env("OCS_SERVER__TLS__KEY_FILE", key);
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
    };
    let url = format!("https://{address}/healthz");

    // The default address is https with [server.tls], and the configured certificate is
    // trusted, although it names ocs.example and the check asks 127.0.0.1.
    let (code, text) = check(&[], &cert_file, &key_file, Some(&moved));
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains(&format!("healthy: {url}")), "{text}");
    let (code, text) = check(&["--url", &url], &cert_file, &key_file, Some(&moved));
    assert_eq!(code, Some(0), "{text}");
    // Another certificate configured than the one served: unhealthy.
    let (code, text) = check(&["--url", &url], &other_cert, &other_key, Some(&moved));
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("unhealthy"), "{text}");
    // No configuration: the system roots, which do not know a self-signed certificate.
    let (code, text) = check(&["--url", &url], &cert_file, &key_file, None);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("unhealthy"), "{text}");
    // Plain HTTP to the https port gets no 200.
    let (code, text) = check(
        &["--url", &format!("http://{address}/healthz")],
        &cert_file,
        &key_file,
        None,
    );
    assert_eq!(code, Some(1), "{text}");
    demo.stop();
}
