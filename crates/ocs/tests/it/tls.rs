//! HTTPS without a proxy (`[server.tls]`, issue 18 item 3), on the real binary with
//! certificates made here: the site answers over https with `Secure` `__Host-` cookies, the
//! plain-HTTP listener only redirects, and a replaced certificate is served from the next
//! connection on, without a restart.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use crate::Demo;

/// A self-signed certificate for `localhost` and its key, as PEM.
fn certificate() -> (String, String) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    (made.cert.pem(), made.signing_key.serialize_pem())
}

/// Writes `text` to `path` the way ACME clients do: a new file renamed over the old one.
fn replace(path: &Path, text: &str) {
    let partial = path.with_extension("new");
    std::fs::write(&partial, text).unwrap();
    std::fs::rename(&partial, path).unwrap();
}

/// A GET over https to `localhost` at `address`, trusting only `trusted` (PEM), on a new
/// connection; the status and `set-cookie` headers, or the error.
fn get(address: SocketAddr, path: &str, trusted: &str) -> Result<(u16, Vec<String>), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .tls_built_in_root_certs(false)
            .add_root_certificate(reqwest::Certificate::from_pem(trusted.as_bytes()).unwrap())
            .resolve("localhost", address)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap();
        let response = client
            .get(format!("https://localhost:{}{path}", address.port()))
            .send()
            .await
            .map_err(|error| format!("{error:?}"))?;
        let cookies = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|value| value.to_str().unwrap().to_owned())
            .collect();
        Ok((response.status().as_u16(), cookies))
    })
}

/// The head of a plain-HTTP answer from `address` to `GET path` with `Host: host`.
fn plain_head(address: SocketAddr, host: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
        .split_once("\r\n\r\n")
        .map_or(answer.clone(), |(head, _)| head.to_owned())
}

#[test]
fn https_answers_http_redirects_and_a_replaced_certificate_is_served_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cert_file = dir.path().join("fullchain.pem");
    let key_file = dir.path().join("privkey.pem");
    let (first_cert, first_key) = certificate();
    std::fs::write(&cert_file, &first_cert).unwrap();
    std::fs::write(&key_file, &first_key).unwrap();

    let redirect = Mutex::new(None::<SocketAddr>);
    let mut command = crate::ocs();
    command
        .args(["demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&data)
        .env("OCS_SERVER__TLS__CERT_FILE", &cert_file)
        .env("OCS_SERVER__TLS__KEY_FILE", &key_file)
        .env("OCS_SERVER__TLS__REDIRECT_LISTEN", "127.0.0.1:0");
    let (child, address) =
        crate::spawn_listening_with(command, std::process::Stdio::null(), |line| {
            if let Some(rest) = line.strip_prefix("OpenOCS redirecting http://") {
                *redirect.lock().unwrap() = rest.split('/').next()?.parse().ok();
                return None;
            }
            let url = line
                .strip_prefix("Open:")?
                .trim()
                .trim_start_matches("http://");
            url.split('/').next()?.parse().ok()
        });
    let demo = Demo { child, address };
    let redirect = redirect
        .lock()
        .unwrap()
        .expect("the redirect listener was announced");

    // HTTPS answers, and its cookies are the `Secure` `__Host-` ones.
    let (status, _) = get(address, "/healthz", &first_cert).unwrap();
    assert_eq!(status, 200);
    let (status, cookies) = get(address, "/initiatives/demo/sign/AT", &first_cert).unwrap();
    assert_eq!(status, 200);
    let form_cookie = cookies
        .iter()
        .find(|cookie| cookie.contains("ocs_form="))
        .expect("the sign form sets its cookie");
    assert!(form_cookie.starts_with("__Host-ocs_form="), "{form_cookie}");
    assert!(form_cookie.contains("Secure"), "{form_cookie}");
    // Plain HTTP on the HTTPS port gets no page.
    let mut plain = TcpStream::connect(address).unwrap();
    plain
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    plain
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    let _ = plain.read_to_end(&mut answer);
    assert!(
        !answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );

    // The plain-HTTP listener only redirects, to the same path and query on https.
    let head = plain_head(
        redirect,
        &format!("localhost:{}", redirect.port()),
        "/initiatives/demo?lang=de",
    );
    assert!(head.starts_with("HTTP/1.1 308"), "{head}");
    let location = format!(
        "location: https://localhost:{}/initiatives/demo?lang=de",
        address.port()
    );
    assert!(head.to_ascii_lowercase().contains(&location), "{head}");
    assert!(head.contains("nosniff"), "{head}");

    // Renewed: the next connection gets the new certificate, and the old one is not trusted
    // for it any more.
    let (second_cert, second_key) = certificate();
    replace(&key_file, &second_key);
    replace(&cert_file, &second_cert);
    let (status, _) = get(address, "/healthz", &second_cert).unwrap();
    assert_eq!(status, 200);
    let refused = get(address, "/healthz", &first_cert).unwrap_err();
    assert!(refused.to_lowercase().contains("certificate"), "{refused}");

    // A pair that does not fit (a new certificate, its key not yet written) is not used:
    // the previous pair goes on serving.
    let (third_cert, _) = certificate();
    replace(&cert_file, &third_cert);
    let (status, _) = get(address, "/healthz", &second_cert).unwrap();
    assert_eq!(status, 200);
    assert!(get(address, "/healthz", &third_cert).is_err());
    demo.stop();
}
