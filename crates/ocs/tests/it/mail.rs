//! Optional e-mail updates end to end: the real `ocs serve` sends through a real SMTP server
//! (aiosmtpd, installed by `scripts/lib/smtp.sh`) on loopback, and the tests read the
//! delivered messages from its maildir. Without the server these tests fail, never skip.
//!
//! This file holds the SMTP server, the message parser and the steps the tests share.

mod console;
mod delivery;
mod signing;

use std::fmt::Write as _;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::json;

use crate::{Demo, http, ocs};

/// The python that runs aiosmtpd: from `OCS_TEST_SMTP_PYTHON` (scripts/test), or installed
/// now by `scripts/lib/smtp.sh install`. Panics when neither works.
fn smtp_python() -> PathBuf {
    if let Some(python) = std::env::var_os("OCS_TEST_SMTP_PYTHON") {
        return PathBuf::from(python);
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/lib/smtp.sh");
    let output = Command::new("bash")
        .arg(&script)
        .arg("install")
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the SMTP test server (aiosmtpd) could not be installed by {}: these tests need it",
        script.display()
    );
    PathBuf::from(String::from_utf8(output.stdout).unwrap().trim())
}

/// A real SMTP server (aiosmtpd) writing to a maildir; killed when dropped.
struct SmtpServer {
    child: Option<Child>,
    port: u16,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpServer {
    /// A server on a free port, not started yet.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self {
            child: None,
            port: free_port(),
            maildir: dir.path().join("maildir"),
            _dir: dir,
        }
    }

    /// Starts (or restarts) aiosmtpd on the server's port and waits until it accepts.
    fn start(&mut self) {
        let child = Command::new(smtp_python())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&self.maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        for _ in 0..300 {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("aiosmtpd did not start on port {}", self.port);
    }

    /// Every message delivered so far to `recipient`.
    fn messages_to(&self, recipient: &str) -> Vec<Mail> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        let mut mails: Vec<(PathBuf, Mail)> = entries
            .map(|entry| entry.unwrap().path())
            .map(|path| {
                let text = std::fs::read_to_string(&path).unwrap();
                (path, Mail::parse(&text))
            })
            .filter(|(_, mail)| {
                mail.header("X-RcptTo")
                    .is_some_and(|to| to.eq_ignore_ascii_case(recipient))
            })
            .collect();
        mails.sort_by(|a, b| a.0.cmp(&b.0));
        mails.into_iter().map(|(_, mail)| mail).collect()
    }

    /// Waits (bounded) until `count` messages reached `recipient`; panics otherwise.
    fn wait_for(&self, recipient: &str, count: usize) -> Vec<Mail> {
        for _ in 0..600 {
            let mails = self.messages_to(recipient);
            if mails.len() >= count {
                return mails;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("no message {count} to {recipient} arrived at the SMTP server");
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A delivered message: unfolded headers and the decoded text body.
struct Mail {
    headers: Vec<(String, String)>,
    body: String,
}

impl Mail {
    fn parse(text: &str) -> Self {
        let text = text.replace("\r\n", "\n");
        let (head, body) = text.split_once("\n\n").unwrap();
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.lines() {
            if line.starts_with([' ', '\t']) {
                // Unfolding removes the line break only (RFC 5322 §2.2.3).
                headers.last_mut().unwrap().1.push_str(line);
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.to_owned(), value.trim().to_owned()));
            }
        }
        let mut mail = Self {
            headers,
            body: String::new(),
        };
        mail.body = match mail.header("Content-Transfer-Encoding") {
            Some(e) if e.eq_ignore_ascii_case("quoted-printable") => quoted_printable(body),
            Some(e) if e.eq_ignore_ascii_case("base64") => {
                use base64::Engine as _;
                let compact: String = body.split_whitespace().collect();
                String::from_utf8(
                    base64::engine::general_purpose::STANDARD
                        .decode(compact)
                        .unwrap(),
                )
                .unwrap()
            }
            _ => body.to_owned(),
        };
        mail
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path of the first link to `/mail/{kind}/` in the body.
    fn link(&self, kind: &str) -> String {
        let marker = format!("/mail/{kind}/");
        let start = self.body.find(&marker).expect("a link in the body");
        let rest = &self.body[start..];
        rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())].to_owned()
    }
}

fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(byte) =
                u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or(""), 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// A demo data folder with a `[mail]` section that sends to `smtp_port`.
fn configured(dir: &Path, smtp_port: u16) -> PathBuf {
    Demo::start(dir).stop();
    let key = dir.join("secrets").join("mail.key");
    let status = ocs()
        .args(["keygen", "--secret"])
        .arg(&key)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let config = dir.join("ocs.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    write!(
        text,
        r#"
[mail]
key_file = "secrets/mail.key"
smtp_host = "127.0.0.1"
smtp_port = {smtp_port}
security = "none"
sender = "Clean Air ECI <updates@demo.example>"
reply_to = "team@demo.example"
public_url = "http://ocs.test"
poll_millis = 100
retry_base_seconds = 1
retry_max_seconds = 2
timeout_seconds = 5
"#
    )
    .unwrap();
    std::fs::write(&config, text).unwrap();
    config
}

fn database_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("data").join("ocs.db").display())
}

fn statement(number: u32, proof: &str, mail: Option<(bool, &str)>) -> String {
    let mut body = json!({
        "nationality": "AT",
        "fields": {"full.first.names": "Lena", "family.names": "Huber",
                   "id.type": "id.card", "id.number": format!("{number:08}")},
        "consent": true,
        "altcha": proof,
    });
    if let Some((ticked, address)) = mail {
        body["mail_updates"] = json!(ticked);
        body["mail_address"] = json!(address);
    }
    body.to_string()
}

fn sign(node: SocketAddr, body: &str) -> (u16, String) {
    http(
        node,
        "POST",
        "/api/v1/initiatives/demo/statements",
        "application/json",
        body,
    )
}

/// Rows of the mail tables, read from the SQLite file (the server may be running: WAL).
fn mail_rows(dir: &Path) -> (i64, i64, Vec<Vec<u8>>) {
    let connection = rusqlite::Connection::open_with_flags(
        dir.join("data").join("ocs.db"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let count = |table: &str| -> i64 {
        connection
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let mut blobs = Vec::new();
    for (table, columns) in [
        (
            "mail_subscribers",
            "address_hash, sealed_address, COALESCE(confirm_hash, x'')",
        ),
        ("mail_outbox", "message_id, address_hash, sealed_message"),
    ] {
        let mut query = connection
            .prepare(&format!("SELECT {columns} FROM {table}"))
            .unwrap();
        let rows = query
            .query_map([], |row| {
                Ok((0..3)
                    .map(|i| row.get::<_, Vec<u8>>(i).unwrap())
                    .collect::<Vec<_>>())
            })
            .unwrap();
        for row in rows {
            blobs.extend(row.unwrap());
        }
    }
    (count("mail_subscribers"), count("mail_outbox"), blobs)
}

/// Runs `ocs mail ARGS --config CONFIG` on the test database; returns stdout.
fn ocs_mail(database_url: &str, config: &Path, args: &[&std::ffi::OsStr]) -> String {
    let output = ocs()
        .arg("mail")
        .args(args)
        .arg("--config")
        .arg(config)
        .env("OCS_DATABASE_URL", database_url)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// The confirmation message arrives, with a working link (a button page, then the POST).
fn confirm_by_mail(smtp: &SmtpServer, node: SocketAddr, delivered_to: &str) {
    // The confirmation message, with a working link.
    let confirmation = smtp.wait_for(delivered_to, 1).remove(0);
    assert!(
        confirmation
            .header("Subject")
            .unwrap()
            .contains("Please confirm your e-mail updates: Demo: Clean air in every European city")
    );
    assert_eq!(
        confirmation.header("From").unwrap(),
        "\"Clean Air ECI\" <updates@demo.example>"
    );
    assert_eq!(
        confirmation.header("Reply-To").unwrap(),
        "team@demo.example"
    );
    assert!(
        confirmation
            .header("List-Unsubscribe")
            .unwrap()
            .starts_with("<http://ocs.test/mail/unsubscribe/")
    );
    let confirm = confirmation.link("confirm");
    let (status, page) = http(node, "GET", &confirm, "text/plain", "");
    assert_eq!(status, 200);
    assert!(page.contains("<form method=\"post\""), "{page}");
    let (status, page) = http(node, "POST", &confirm, "text/plain", "");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Address confirmed"), "{page}");
    let (status, _) = http(node, "POST", &confirm, "text/plain", "");
    assert_eq!(status, 404, "a confirmation link works once");
}
