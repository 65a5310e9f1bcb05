//! E-mail updates chosen at signing: a ticked box is confirmed, updated and unsubscribed
//! through the real server, nothing at rest links or leaks the address, and an unticked box
//! or a bad address stores nothing.

use std::path::Path;

use super::{
    SmtpServer, configured, confirm_by_mail, database_url, mail_rows, ocs_mail, sign, statement,
};
use crate::nodes::Node;
use crate::{http, solved};

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
