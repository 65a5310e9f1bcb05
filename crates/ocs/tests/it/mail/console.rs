//! E-mail updates in the organiser console: an observer is refused the addresses, an
//! organiser exports them as CSV and queues an update, and both land in the audit log.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::Path;

use super::{SmtpServer, configured, confirm_by_mail, database_url, sign, statement};
use crate::nodes::Node;
use crate::{exchange, ocs, solved};

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
