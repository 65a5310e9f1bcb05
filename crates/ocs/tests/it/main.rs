//! Tests of the real `ocs` binary: the demo over a socket, no personal data in any file of the
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::missing_panics_doc,
    reason = "test code: a failed step ends the test with its message"
)]
//! data folder, and the key and configuration commands.

mod backup;
mod cli;
mod configured;
mod console;
mod drill;
mod export;
mod export_open;
mod healthcheck;
mod keys;
mod leak;
mod log_verify;
mod mail;
mod nodes;
mod operator;
mod paper;
mod regime;
mod retention;
mod snapshot;
mod systemd;
mod tagd;
mod tls;
mod tour;
mod upgrade;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The `ocs` binary under test.
pub fn ocs() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ocs"))
}

/// A running `ocs demo`, stopped with SIGTERM when dropped.
pub struct Demo {
    /// The child process.
    pub child: Child,
    /// Where it listens.
    pub address: SocketAddr,
}

impl Demo {
    /// Starts the demo on a free loopback port with maximal logging.
    pub fn start(data_dir: &Path) -> Self {
        Self::start_with(data_dir, |_| {}, Stdio::null())
    }

    /// Like [`Demo::start`], with more settings on the command and stderr sent to `stderr`.
    pub fn start_with(
        data_dir: &Path,
        configure: impl FnOnce(&mut Command),
        stderr: impl Into<Stdio>,
    ) -> Self {
        let mut command = ocs();
        command
            .args(["demo", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .env("RUST_LOG", "trace");
        configure(&mut command);
        let (child, address) = spawn_listening_with(command, stderr.into(), |line| {
            let url = line
                .strip_prefix("Open:")?
                .trim()
                .trim_start_matches("http://");
            url.split('/').next()?.parse().ok()
        });
        Self { child, address }
    }

    /// Stops the demo with SIGTERM (graceful) and waits for it.
    pub fn stop(mut self) {
        terminate(&mut self.child);
    }
}

/// Spawns `command` with its stdout read line by line (stderr dropped) until `address_in`
/// finds the address it listens on in a (trimmed) line; stdout keeps being drained after.
fn spawn_listening(
    command: Command,
    address_in: impl Fn(&str) -> Option<SocketAddr>,
) -> (Child, SocketAddr) {
    spawn_listening_with(command, Stdio::null(), address_in)
}

fn spawn_listening_with(
    mut command: Command,
    stderr: Stdio,
    address_in: impl Fn(&str) -> Option<SocketAddr>,
) -> (Child, SocketAddr) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .unwrap();
        if let Some(address) = address_in(line.trim()) {
            break address;
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, address)
}

fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    for _ in 0..100 {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Drop for Demo {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// One HTTP/1.1 exchange; returns status and body.
pub fn http(
    address: SocketAddr,
    method: &str,
    path: &str,
    content_type: &str,
    body: &str,
) -> (u16, String) {
    // A post to an HTML form is sent as a browser sends it: after opening the form page,
    // with its cookie and `csrf` field (RFC 8058 one-click unsubscribes excepted).
    let html_form = method == "POST"
        && !path.starts_with("/api/")
        && (!path.starts_with("/console/") || path == "/console/sign-in")
        && !body.contains("List-Unsubscribe");
    if html_form {
        let (cookie, token) = form_pass(address, path);
        let body = if body.is_empty() {
            format!("csrf={token}")
        } else {
            format!("{body}&csrf={token}")
        };
        return http_with(
            address,
            method,
            path,
            &format!("Content-Type: application/x-www-form-urlencoded\r\nCookie: {cookie}\r\n"),
            &body,
        );
    }
    let _ = content_type;
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Opens the form page at `path` and returns its form cookie (`name=value`) and `csrf` token.
pub fn form_pass(address: SocketAddr, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let cookie = answer
        .lines()
        .filter_map(|l| l.strip_prefix("set-cookie: "))
        .find(|c| c.contains("ocs_form="))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("no form cookie from GET {path}: {answer}"))
        .to_owned();
    let start = answer.find("name=\"csrf\" value=\"").unwrap() + 19;
    let token = answer[start..].split('"').next().unwrap().to_owned();
    (cookie, token)
}

/// One HTTP/1.1 exchange with extra header lines (each ending in `\r\n`); returns status
/// and body.
pub fn http_with(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
) -> (u16, String) {
    let (status, _, body) = exchange(address, method, path, headers, body);
    (status, body)
}

/// One HTTP/1.1 exchange with extra header lines (each ending in `\r\n`); returns status,
/// response head and body.
pub fn exchange(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    (status, head.to_owned(), body.to_owned())
}

/// Opens the initiative `demo` of `config` on `database_url` the way organisers must, with
/// `ocs initiative`: collection dates from the file (notice a month before), a certificate,
/// test mode, live, open. A step that finds it already done (a second node) is skipped.
pub fn open_for_collection(config: &Path, database_url: &str) {
    let text = std::fs::read_to_string(config).unwrap();
    let value = |key: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(&format!("{key} = \"")))
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no {key} in {}", config.display()))
            .to_owned()
    };
    let start: jiff::civil::Date = value("collection_start").parse().unwrap();
    let notice = start.checked_sub(jiff::Span::new().days(30)).unwrap();
    let certificate = config.with_file_name("certificate.pdf");
    std::fs::write(&certificate, b"%PDF-1.7 test certificate").unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        let output = ocs()
            .args([
                "initiative",
                "--initiative",
                "demo",
                "--as",
                "tests",
                "--config",
            ])
            .arg(config)
            .args(args)
            .env("OCS_DATABASE_URL", database_url)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    };
    let (_, status) = run(&["status".as_ref()]);
    if status.contains("collecting") {
        return;
    }
    let (notice, start, end) = (
        notice.to_string(),
        start.to_string(),
        value("collection_end"),
    );
    let number = value("registration_number");
    for step in [
        vec![
            "dates", "--notice", &notice, "--start", &start, "--end", &end,
        ],
        vec![
            "certificate",
            "--file",
            certificate.to_str().unwrap(),
            "--authority",
            "Test authority",
            "--date",
            &notice,
        ],
        vec!["start-test"],
        vec!["go-live", "--confirm", &number],
        vec!["open"],
    ] {
        let args: Vec<&std::ffi::OsStr> = step.iter().map(std::convert::AsRef::as_ref).collect();
        let (done, output) = run(&args);
        assert!(done, "ocs initiative {step:?}: {output}");
    }
}

/// Fetches and solves a proof-of-work challenge.
pub fn solved(address: SocketAddr) -> String {
    let (status, body) = http(address, "GET", "/api/v1/altcha/challenge", "text/plain", "");
    assert_eq!(status, 200);
    let challenge: ocs_crypto::Challenge = serde_json::from_str(&body).unwrap();
    ocs_crypto::solve(&challenge).unwrap()
}
