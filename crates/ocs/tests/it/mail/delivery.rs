//! The mail worker: a message waits out an SMTP outage and is retried, and two nodes on one
//! PostgreSQL database send each message once.

use std::time::Duration;

use super::{SmtpServer, configured, database_url, ocs_mail, sign, statement};
use crate::nodes::Node;
use crate::{http, solved};

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
