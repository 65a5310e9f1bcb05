//! Optional e-mail updates end to end: the real `ocs serve` sends through a real SMTP server
//! (aiosmtpd, installed by `scripts/lib/smtp.sh`) on loopback, and the tests read the
//! delivered messages from its maildir. Without the server these tests fail, never skip.

use std::fmt::Write as _;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::json;

use crate::nodes::Node;
use crate::{Demo, exchange, http, ocs, solved};

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

fn file_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for name in ["ocs.db", "ocs.db-wal"] {
        if let Ok(more) = std::fs::read(dir.join("data").join(name)) {
            bytes.extend(more);
        }
    }
    bytes
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// At rest: no statement id in any mail row, and the address is nowhere in clear.
fn assert_nothing_links_or_leaks(dir: &Path, statement_id: &str, addresses: &[&str]) {
    let (subscribers, _, blobs) = mail_rows(dir);
    assert_eq!(subscribers, 1);
    let bytes = file_bytes(dir);
    assert!(bytes.len() > 4096);
    for needle in addresses
        .iter()
        .flat_map(|a| [a.to_string(), a.to_lowercase()])
        .chain(["Lena.Huber".to_owned()])
    {
        assert!(
            !contains(&bytes, needle.as_bytes()),
            "{needle} is in clear in the database file"
        );
    }
    // The needle is real: the statement id's bytes are in the statements table...
    let id_bytes = *ocs_domain::StatementId::parse(statement_id)
        .unwrap()
        .as_bytes();
    assert!(contains(&bytes, &id_bytes));
    // ...and in no mail row.
    assert!(!blobs.is_empty());
    for blob in &blobs {
        assert!(!contains(blob, &id_bytes));
        assert!(!contains(blob, statement_id.as_bytes()));
    }
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

#[test]
fn ticked_box_confirm_update_unsubscribe_through_a_real_smtp_server() {
    let mut smtp = SmtpServer::new();
    smtp.start();
    let dir = tempfile::tempdir().unwrap();
    let config = configured(dir.path(), smtp.port);
    let address = "Lena.Huber@Example.EU";
    let delivered_to = "Lena.Huber@example.eu";

    let node = Node::start(&config, &database_url(dir.path()));
    let (status, body) = sign(
        node.address,
        &statement(1, &solved(node.address), Some((true, address))),
    );
    assert_eq!(status, 201, "{body}");
    let created: serde_json::Value = serde_json::from_str(&body).unwrap();
    let statement_id = created["statement_id"].as_str().unwrap().to_owned();

    confirm_by_mail(&smtp, node.address, delivered_to);
    drop(node);

    assert_nothing_links_or_leaks(dir.path(), &statement_id, &[address, delivered_to]);

    // The organisers queue an update (SQLite serves one process: the server is stopped).
    let body_file = dir.path().join("update.txt");
    std::fs::write(&body_file, "We reached 100 000 supporters. Thank you!\n").unwrap();
    let out = ocs_mail(
        &database_url(dir.path()),
        &config,
        &[
            "send".as_ref(),
            "--initiative".as_ref(),
            "demo".as_ref(),
            "--subject".as_ref(),
            "Good news".as_ref(),
            "--body-file".as_ref(),
            body_file.as_os_str(),
        ],
    );
    assert!(out.contains("queued 1 messages"), "{out}");

    let csv = dir.path().join("subscribers.csv");
    ocs_mail(
        &database_url(dir.path()),
        &config,
        &[
            "export".as_ref(),
            "--initiative".as_ref(),
            "demo".as_ref(),
            "--out".as_ref(),
            csv.as_os_str(),
        ],
    );
    let exported = std::fs::read_to_string(&csv).unwrap();
    assert!(exported.starts_with("email,confirmed_on\nLena.Huber@example.eu,"));
    assert_eq!(exported.lines().count(), 2);

    // The server sends the update, with its own unsubscribe link and the RFC 8058 headers.
    let node = Node::start(&config, &database_url(dir.path()));
    // Maildir file names do not sort in delivery order: find the update by its subject.
    let mails = smtp.wait_for(delivered_to, 2);
    let update = mails
        .iter()
        .find(|m| m.header("Subject") == Some("Good news"))
        .expect("the update arrived");
    assert!(update.body.starts_with("We reached 100 000 supporters."));
    assert_eq!(
        update.header("List-Unsubscribe-Post").unwrap(),
        "List-Unsubscribe=One-Click"
    );
    let unsubscribe = update.link("unsubscribe");
    assert_eq!(
        update.header("List-Unsubscribe").unwrap(),
        format!("<http://ocs.test{unsubscribe}>")
    );
    // One-click, as a mail client sends it (RFC 8058).
    let (status, page) = http(
        node.address,
        "POST",
        &unsubscribe,
        "application/x-www-form-urlencoded",
        "List-Unsubscribe=One-Click",
    );
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Unsubscribed"));
    let (subscribers, queued, _) = mail_rows(dir.path());
    assert_eq!((subscribers, queued), (0, 0), "the address is gone");
    drop(node);
}

#[test]
fn unticked_box_stores_and_sends_nothing_and_a_bad_address_stores_nothing() {
    let mut smtp = SmtpServer::new();
    smtp.start();
    let dir = tempfile::tempdir().unwrap();
    let config = configured(dir.path(), smtp.port);
    let node = Node::start(&config, &database_url(dir.path()));

    // A bad address with the box ticked: a coded field error, and nothing stored at all.
    let (status, body) = sign(
        node.address,
        &statement(2, &solved(node.address), Some((true, "not an address"))),
    );
    assert_eq!(status, 422, "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["errors"][0]["code"], "MAIL-001");
    assert_eq!(answer["errors"][0]["field"], "mail_address");
    let (_, counters) = http(
        node.address,
        "GET",
        "/api/v1/initiatives/demo/counters",
        "text/plain",
        "",
    );
    let counters: serde_json::Value = serde_json::from_str(&counters).unwrap();
    assert_eq!(counters["total"], 0, "no statement was stored");

    // The box left unticked: the address is ignored.
    let (status, body) = sign(
        node.address,
        &statement(3, &solved(node.address), Some((false, "ann@example.eu"))),
    );
    assert_eq!(status, 201, "{body}");
    // The HTML form shows the box unticked, with the address field always present.
    let (status, page) = http(
        node.address,
        "GET",
        "/initiatives/demo/sign/AT",
        "text/plain",
        "",
    );
    assert_eq!(status, 200);
    assert!(
        page.contains("name=\"mail_updates\" value=\"yes\">"),
        "unticked"
    );
    assert!(page.contains("name=\"mail_address\""));
    // The HTML form (no JavaScript needed for the box): a bad address comes back with the
    // box still ticked, the input kept and the coded message; nothing is stored.
    let form = |proof: &str, address: &str| {
        format!(
            "full.first.names=Lena&family.names=Huber&id.type=id.card&id.number=00000005\
             &consent=yes&mail_updates=yes&mail_address={address}&altcha={}",
            proof
                .replace('+', "%2B")
                .replace('/', "%2F")
                .replace('=', "%3D")
        )
    };
    let (status, page) = http(
        node.address,
        "POST",
        "/initiatives/demo/sign/AT",
        "application/x-www-form-urlencoded",
        &form(&solved(node.address), "ann%40example"),
    );
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("MAIL-001"), "{page}");
    assert!(page.contains("name=\"mail_updates\" value=\"yes\" checked"));
    assert!(page.contains("value=\"ann@example\""));
    drop(node);
    let (subscribers, queued, _) = mail_rows(dir.path());
    assert_eq!((subscribers, queued), (0, 0));
    assert!(smtp.messages_to("ann@example.eu").is_empty());
    let connection = rusqlite::Connection::open(dir.path().join("data").join("ocs.db")).unwrap();
    let statements: i64 = connection
        .query_row("SELECT COUNT(*) FROM statements", [], |r| r.get(0))
        .unwrap();
    assert_eq!(statements, 1, "only the statement with the unticked box");
}

#[test]
fn signing_succeeds_while_smtp_is_down_and_the_mail_follows_later() {
    // The SMTP server's port is chosen but nothing listens there yet.
    let mut smtp = SmtpServer::new();
    let dir = tempfile::tempdir().unwrap();
    let config = configured(dir.path(), smtp.port);
    let node = Node::start(&config, &database_url(dir.path()));
    let (status, body) = sign(
        node.address,
        &statement(4, &solved(node.address), Some((true, "bo@example.eu"))),
    );
    assert_eq!(status, 201, "signing does not wait for mail: {body}");

    // The worker tried and failed; the message waits in the outbox with an attempt counted.
    let connection = rusqlite::Connection::open_with_flags(
        dir.path().join("data").join("ocs.db"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut attempts = 0i64;
    for _ in 0..600 {
        attempts = connection
            .query_row(
                "SELECT COALESCE(MAX(attempts), 0) FROM mail_outbox",
                [],
                |r| r.get(0),
            )
            .unwrap_or(0);
        if attempts > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        attempts > 0,
        "the worker attempted delivery and kept the message"
    );
    assert!(smtp.messages_to("bo@example.eu").is_empty());

    // The server comes back: the retry delivers it.
    smtp.start();
    let mails = smtp.wait_for("bo@example.eu", 1);
    assert!(mails[0].body.contains("/mail/confirm/"));
    let mut queued = 1i64;
    for _ in 0..200 {
        queued = connection
            .query_row("SELECT COUNT(*) FROM mail_outbox", [], |r| r.get(0))
            .unwrap();
        if queued == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(queued, 0, "a delivered message leaves the outbox");
    let (_, metrics) = http(node.address, "GET", "/metrics", "text/plain", "");
    assert!(metrics.contains("ocs_mail_sent_total 1"), "{metrics}");
    assert!(!metrics.contains("ocs_mail_retried_total 0"), "{metrics}");
    drop(node);
}

#[test]
fn two_nodes_on_postgres_send_each_message_once() {
    let mut smtp = SmtpServer::new();
    smtp.start();
    let dir = tempfile::tempdir().unwrap();
    let config = configured(dir.path(), smtp.port);
    let database = crate::nodes::Database::create();
    let a = Node::start(&config, &database.url);
    let b = Node::start(&config, &database.url);
    let recipients: Vec<String> = (0..4).map(|i| format!("p{i}@example.eu")).collect();
    for (i, recipient) in recipients.iter().enumerate() {
        let node = if i % 2 == 0 { a.address } else { b.address };
        let number = 10 + u32::try_from(i).unwrap();
        let (status, body) = sign(
            node,
            &statement(number, &solved(node), Some((true, recipient))),
        );
        assert_eq!(status, 201, "{body}");
    }
    for recipient in &recipients {
        smtp.wait_for(recipient, 1);
    }
    let confirm = smtp.messages_to(&recipients[0])[0].link("confirm");
    let (status, _) = http(b.address, "POST", &confirm, "text/plain", "");
    assert_eq!(status, 200);

    // On PostgreSQL the command runs next to the nodes; one of them sends.
    let body_file = dir.path().join("update.txt");
    std::fs::write(&body_file, "Hello from the organisers.\n").unwrap();
    let out = ocs_mail(
        &database.url,
        &config,
        &[
            "send".as_ref(),
            "--initiative".as_ref(),
            "demo".as_ref(),
            "--subject".as_ref(),
            "Update".as_ref(),
            "--body-file".as_ref(),
            body_file.as_os_str(),
        ],
    );
    assert!(out.contains("queued 1 messages"), "{out}");
    let mails = smtp.wait_for(&recipients[0], 2);
    assert!(mails.iter().any(|m| m.header("Subject") == Some("Update")));
    // Both nodes run a worker; the lease lets one send: nobody got a message twice.
    drop(a);
    drop(b);
    assert_eq!(smtp.messages_to(&recipients[0]).len(), 2);
    for recipient in &recipients[1..] {
        assert_eq!(smtp.messages_to(recipient).len(), 1, "{recipient}");
    }
}

/// A browser-like console visitor: keeps the cookies it is given and sends a page's hidden
/// form fields back with the next form.
struct ConsoleClient {
    node: SocketAddr,
    cookies: Vec<(String, String)>,
    hidden: Vec<(String, String)>,
}

impl ConsoleClient {
    fn new(node: SocketAddr) -> Self {
        Self {
            node,
            cookies: Vec::new(),
            hidden: Vec::new(),
        }
    }

    fn cookie_header(&self) -> String {
        if self.cookies.is_empty() {
            return String::new();
        }
        let pairs: Vec<String> = self
            .cookies
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        format!("Cookie: {}\r\n", pairs.join("; "))
    }

    fn absorb(&mut self, head: &str, body: &str) {
        for line in head.lines() {
            let Some(value) = line
                .strip_prefix("set-cookie: ")
                .or_else(|| line.strip_prefix("Set-Cookie: "))
            else {
                continue;
            };
            let pair = value.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                self.cookies.retain(|(n, _)| n != name);
                if !value.is_empty() {
                    self.cookies.push((name.to_owned(), value.to_owned()));
                }
            }
        }
        self.hidden.clear();
        let mut rest = body;
        while let Some(at) = rest.find("<input type=\"hidden\" name=\"") {
            rest = &rest[at + 27..];
            let name = &rest[..rest.find('"').unwrap()];
            let value_at = rest.find("value=\"").unwrap() + 7;
            let value = &rest[value_at..value_at + rest[value_at..].find('"').unwrap()];
            if !self.hidden.iter().any(|(n, _)| n == name) {
                self.hidden.push((name.to_owned(), value.to_owned()));
            }
        }
    }

    fn get(&mut self, path: &str) -> (u16, String, String) {
        let cookies = self.cookie_header();
        let (status, head, body) = exchange(self.node, "GET", path, &cookies, "");
        self.absorb(&head, &body);
        (status, head, body)
    }

    /// Posts `fields` and the hidden fields of the last page, url-encoded.
    fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let mut body = String::new();
        let hidden = self.hidden.clone();
        let all = fields
            .iter()
            .map(|(n, v)| (*n, *v))
            .chain(hidden.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        for (name, value) in all {
            if !body.is_empty() {
                body.push('&');
            }
            let _ = write!(body, "{name}={}", form_encode(value));
        }
        let headers = format!(
            "{}Content-Type: application/x-www-form-urlencoded\r\nOrigin: http://{}\r\n",
            self.cookie_header(),
            self.node
        );
        let (status, head, answer) = exchange(self.node, "POST", path, &headers, &body);
        self.absorb(&head, &answer);
        (status, head, answer)
    }
}

fn form_encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char);
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// RFC 4648 base32 (no padding), as the enrolment page shows the TOTP secret.
fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut bits, mut value, mut out) = (0u32, 0u64, Vec::new());
    for ch in text.bytes().filter(|b| *b != b'=') {
        let index = ALPHABET.iter().position(|a| *a == ch).unwrap() as u64;
        value = (value << 5) | index;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from(value >> bits).unwrap());
            value &= (1 << bits) - 1;
        }
    }
    out
}

/// Signs in as `name` for the first time: the enrolment page, then a code computed from the
/// secret it shows.
fn console_sign_in(client: &mut ConsoleClient, name: &str, password: &str) {
    let (status, _, _) = client.get("/console/sign-in");
    assert_eq!(status, 200);
    let (status, _, page) = client.post(
        "/console/sign-in",
        &[("name", name), ("password", password), ("code", "")],
    );
    assert_eq!(status, 200, "{page}");
    let at = page
        .find("<code>")
        .expect("the enrolment page shows the secret")
        + 6;
    let secret = &page[at..at + page[at..].find("</code>").unwrap()];
    let secret = ocs_crypto::totp::TotpSecret::from_bytes(base32_decode(secret));
    #[expect(
        clippy::disallowed_methods,
        reason = "the server under test reads the real clock"
    )]
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = format!("{:06}", secret.code_at(i64::try_from(now).unwrap()));
    let (status, head, page) = client.post(
        "/console/sign-in",
        &[("name", name), ("password", password), ("code", &code)],
    );
    assert_eq!(status, 303, "{head}\n{page}");
}

/// `ocs admin add-user NAME --role ROLE --initiative demo` with the password
/// "a long enough password".
fn add_console_user(config: &Path, name: &str, role: &str) {
    let password = config.with_file_name(format!("{name}.pw"));
    std::fs::write(&password, "a long enough password\n").unwrap();
    let output = ocs()
        .args(["admin", "--as", "root", "--config"])
        .arg(config)
        .args(["add-user", name, "--role", role, "--initiative", "demo"])
        .arg("--password-file")
        .arg(&password)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
}

/// The CSV download of the console's e-mail page.
fn export_in_the_console(ann: &mut ConsoleClient) {
    let (status, head, csv) = ann.post("/console/initiatives/demo/mail/export", &[]);
    assert_eq!(status, 200, "{head}");
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains("content-type: text/csv; charset=utf-8"),
        "{head}"
    );
    assert!(
        head.contains("content-disposition: attachment; filename=\"demo-subscribers-"),
        "{head}"
    );
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert!(
        csv.starts_with("email,confirmed_on\nMia.Berger@example.eu,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 2);
}

#[test]
fn organisers_export_and_write_to_subscribers_from_the_console() {
    let mut smtp = SmtpServer::new();
    smtp.start();
    let dir = tempfile::tempdir().unwrap();
    let config = configured(dir.path(), smtp.port);
    add_console_user(&config, "ann", "organiser");
    add_console_user(&config, "olga", "observer");

    let node = Node::start(&config, &database_url(dir.path()));
    let address = "Mia.Berger@Example.EU";
    let delivered_to = "Mia.Berger@example.eu";
    let (status, body) = sign(
        node.address,
        &statement(7, &solved(node.address), Some((true, address))),
    );
    assert_eq!(status, 201, "{body}");
    confirm_by_mail(&smtp, node.address, delivered_to);

    // An observer may read the dashboard but not the addresses.
    let mut olga = ConsoleClient::new(node.address);
    console_sign_in(&mut olga, "olga", "a long enough password");
    let (status, _, _) = olga.get("/console/initiatives/demo/mail");
    assert_eq!(status, 403);

    let mut ann = ConsoleClient::new(node.address);
    console_sign_in(&mut ann, "ann", "a long enough password");
    let (status, _, page) = ann.get("/console/initiatives/demo");
    assert_eq!(status, 200);
    assert!(
        page.contains("/console/initiatives/demo/mail\""),
        "dashboard links the page"
    );
    let (status, _, page) = ann.get("/console/initiatives/demo/mail");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Confirmed addresses: 1"), "{page}");

    export_in_the_console(&mut ann);

    // Refused updates queue nothing and keep what was typed.
    let (_, _, page) = ann.get("/console/initiatives/demo/mail");
    assert!(page.contains("Send the update"));
    let (status, _, page) = ann.post(
        "/console/initiatives/demo/mail/send",
        &[("subject", "Milestone"), ("body", "We did it")],
    );
    assert_eq!(status, 422);
    assert!(page.contains("MAIL-015"), "the box must be ticked: {page}");
    assert!(page.contains("value=\"Milestone\"") && page.contains(">We did it</textarea>"));
    let (status, _, page) = ann.post(
        "/console/initiatives/demo/mail/send",
        &[
            ("subject", "Milestone\r\nBcc: everyone@example.org"),
            ("body", "x"),
            ("confirm", "yes"),
        ],
    );
    assert_eq!(status, 422);
    assert!(page.contains("MAIL-011"), "{page}");

    let (status, _, page) = ann.post(
        "/console/initiatives/demo/mail/send",
        &[
            ("subject", "Milestone reached"),
            ("body", "We passed 500 000 supporters.\r\nThank you!"),
            ("confirm", "yes"),
        ],
    );
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("The update is queued for 1 addresses."),
        "{page}"
    );
    let mails = smtp.wait_for(delivered_to, 2);
    let update = mails
        .iter()
        .find(|m| m.header("Subject") == Some("Milestone reached"))
        .expect("the update arrived");
    assert!(
        update
            .body
            .starts_with("We passed 500 000 supporters.\nThank you!"),
        "{}",
        update.body
    );
    assert!(update.body.contains(&update.link("unsubscribe")));
    assert!(
        !mails.iter().any(|m| m
            .header("Subject")
            .is_some_and(|s| s.starts_with("Milestone\r"))),
        "the refused update was not sent"
    );

    // Both actions are in the audit log with counts, never the address.
    let (_, _, audit) = ann.get("/console/initiatives/demo/audit");
    assert!(
        audit.contains("mail.exported") && audit.contains("mail.update_queued"),
        "{audit}"
    );
    assert!(!audit.to_lowercase().contains("mia.berger"));
    drop(node);
}
