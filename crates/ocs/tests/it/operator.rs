//! The operator's commands as one path: every state-changing `ocs` command leaves a row in
//! the stored audit trail that `ocs audit verify` covers; an initiative created in the
//! database (not the configuration file) is found by every command; and with `ocs demo`
//! running the commands reach it through its administration socket, which refuses other
//! local users.

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::{Demo, ocs};

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs `command`, asserts success, returns what it printed.
fn ok(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(output.status.success(), "{:?}: {}", command, text(&output));
    text(&output)
}

/// `ocs ARGS --config CONFIG`.
fn run(config: &Path, args: &[&str]) -> Command {
    let mut command = ocs();
    command.args(args).arg("--config").arg(config);
    command
}

/// `(actor_kind, actor_name, action)` of every audit row, in order.
fn audit_rows(database: &Path) -> Vec<(String, String, String)> {
    let connection = rusqlite::Connection::open(database).unwrap();
    connection
        .prepare("SELECT actor_kind, actor_name, action FROM audit_log ORDER BY sequence")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn verify_intact(config: &Path, rows: usize) {
    let printed = ok(&mut run(config, &["audit", "verify"]));
    assert!(
        printed.contains(&format!("audit trail intact: {rows} rows")),
        "{printed}"
    );
}

fn write_password(dir: &Path) -> PathBuf {
    let file = dir.join("password.txt");
    std::fs::write(&file, "correct horse battery staple\n").unwrap();
    file
}

const PERSON: &str = r#"{"full.first.names":"Franz","family.names":"Huber",
    "id.type":"id.card","id.number":"56565656"}"#;

/// Adds a `[mail]` section (no SMTP server needed: nothing is sent without subscribers).
fn with_mail(data: &Path) {
    let key = data.join("secrets/mail.key");
    ok(ocs()
        .args(["keygen", "--secret"])
        .arg(&key)
        .stdout(Stdio::null()));
    let config = data.join("ocs.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(
        "\n[mail]\nkey_file = \"secrets/mail.key\"\nsmtp_host = \"127.0.0.1\"\n\
         security = \"none\"\nsender = \"Demo <updates@demo.example>\"\n\
         public_url = \"http://ocs.test\"\n",
    );
    std::fs::write(&config, text).unwrap();
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one step per state-changing command, each a few lines"
)]
fn every_state_changing_command_leaves_an_audit_row_that_verify_covers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    with_mail(&data);
    let config = data.join("ocs.toml");
    let password = write_password(dir.path());
    let fields = dir.path().join("fields.json");
    std::fs::write(&fields, PERSON).unwrap();
    let signing = dir.path().join("org");
    ok(ocs().args(["keygen", "--signing", "--out"]).arg(&signing));
    ok(ocs()
        .args([
            "export",
            "sealed-key",
            "--initiative",
            "demo",
            "--manifest-key",
        ])
        .arg(dir.path().join("org.sign.sk"))
        .arg("--out")
        .arg(dir.path().join("demo")));
    let body = dir.path().join("update.txt");
    std::fs::write(&body, "The initiative is collecting.").unwrap();
    let tester = |command: &mut Command| {
        command.env("USER", "tester");
        ok(command)
    };

    let mut steps: Vec<(&'static str, String)> = Vec::new();
    let mut step = |action: &'static str, printed: String| steps.push((action, printed));
    step(
        "account.created",
        tester(
            run(
                &config,
                &["admin", "add-user", "ana", "--role", "organiser"],
            )
            .args(["--initiative", "demo", "--password-file"])
            .arg(&password),
        ),
    );
    step(
        "account.disabled",
        tester(&mut run(&config, &["admin", "disable", "ana"])),
    );
    step(
        "account.enabled",
        tester(&mut run(&config, &["admin", "enable", "ana"])),
    );
    step(
        "account.reset",
        tester(
            run(&config, &["admin", "reset", "ana"])
                .arg("--password-file")
                .arg(&password),
        ),
    );
    step(
        "statement.paper-entered",
        tester(
            run(
                &config,
                &["paper", "add", "--initiative", "demo", "--country", "AT"],
            )
            .arg("--fields-file")
            .arg(&fields),
        ),
    );
    let backup = dir.path().join("demo.backup");
    step(
        "backup.requested",
        tester(
            run(&config, &["backup", "--initiative", "demo"])
                .arg("--out")
                .arg(&backup),
        ),
    );
    step(
        "backup.restore-requested",
        tester(
            run(&config, &["backup", "restore", "--initiative", "demo"])
                .arg("--in")
                .arg(&backup),
        ),
    );
    step(
        "export.sealed-requested",
        tester(
            run(&config, &["export", "sealed", "--initiative", "demo"])
                .arg("--sealed-key")
                .arg(dir.path().join("demo.xsign.sk"))
                .arg("--certificate")
                .arg(dir.path().join("demo.xsign.cert"))
                .arg("--out")
                .arg(dir.path().join("sealed")),
        ),
    );
    step(
        "export.requested",
        tester(
            run(&config, &["export", "--initiative", "demo"])
                .arg("--private-key")
                .arg(data.join("keys/demo-recipient.sk"))
                .arg("--signing-key")
                .arg(dir.path().join("org.sign.sk"))
                .arg("--out")
                .arg(dir.path().join("export")),
        ),
    );
    step(
        "mail.exported",
        tester(
            run(&config, &["mail", "export", "--initiative", "demo"])
                .arg("--out")
                .arg(dir.path().join("addresses.csv")),
        ),
    );
    step(
        "mail.update_queued",
        tester(
            run(&config, &["mail", "send", "--initiative", "demo"])
                .args(["--subject", "News", "--body-file"])
                .arg(&body),
        ),
    );
    step(
        "initiative.start-test",
        tester(&mut run(
            &config,
            &["initiative", "--initiative", "demo", "start-test"],
        )),
    );

    let rows = audit_rows(&data.join("data/ocs.db"));
    for (action, printed) in &steps {
        assert!(
            rows.iter()
                .any(|(kind, name, a)| a == action && kind == "operator" && name == "tester"),
            "no `cli:tester {action}` row after `{printed}`; rows: {rows:?}"
        );
    }
    // Besides the file's initiative stored at the first command (the store is its one
    // source), every row is the operator's.
    assert!(
        rows.iter()
            .filter(|(_, _, action)| action != "initiative.configured-created")
            .all(|(kind, name, _)| kind == "operator" && name == "tester"),
        "{rows:?}"
    );
    assert!(!steps.iter().any(|(_, printed)| printed.contains("Huber")));
    verify_intact(&config, rows.len());

    // A refused step changes nothing and leaves no row.
    let refused = run(
        &config,
        &["admin", "add-user", "bob", "--role", "organiser"],
    )
    .args(["--initiative", "nowhere", "--password-file"])
    .arg(&password)
    .output()
    .unwrap();
    assert!(!refused.status.success());
    assert!(text(&refused).contains("SIG-031"), "{}", text(&refused));
    assert_eq!(audit_rows(&data.join("data/ocs.db")).len(), rows.len());
}

/// The register export of an initiative that exists only in the database.
const REGISTER_XML: &str = r#"<export><initiative registrationNumber="ECI(2026)000042" registrationDate="2026-05-02" url="https://register.example/2026/000042">
    <organisers><organiser role="representative"><firstName>Alex</firstName><familyName>Example</familyName></organiser></organisers>
    <languages><language code="en" original="true"><title>Save the rivers</title><subject>S</subject><description>O</description></language></languages>
  </initiative></export>"#;

#[test]
fn an_initiative_created_in_the_database_is_exported_backed_up_and_gets_an_account() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    let config = data.join("ocs.toml");
    let xml = dir.path().join("register.xml");
    std::fs::write(&xml, REGISTER_XML).unwrap();
    let notice = dir.path().join("privacy.txt");
    std::fs::write(&notice, "We process your data to submit the initiative.").unwrap();
    let keys = dir.path().join("rivers");
    ok(ocs().args(["keygen", "--out"]).arg(&keys));
    ok(ocs().args(["keygen", "--signing", "--out"]).arg(&keys));
    let public = std::fs::read_to_string(dir.path().join("rivers.pk")).unwrap();
    // The same `InitiativeSetup::create` as the console's new-initiative form: stored in the
    // database, absent from the configuration file.
    ok(
        run(&config, &["initiative", "--initiative", "rivers", "create"])
            .arg("--register-xml")
            .arg(&xml)
            .arg("--privacy-notice-file")
            .arg(&notice)
            .args(["--storage-country", "AT", "--regime", "national"])
            .args(["--recipient-key", public.trim()]),
    );
    assert!(!std::fs::read_to_string(&config).unwrap().contains("rivers"));

    let password = write_password(dir.path());
    let printed = ok(run(
        &config,
        &["admin", "add-user", "rita", "--role", "organiser"],
    )
    .args(["--initiative", "rivers", "--password-file"])
    .arg(&password));
    assert!(printed.contains("account rita created"), "{printed}");
    let listed = ok(&mut run(&config, &["admin", "list-users"]));
    assert!(
        listed.contains("rita") && listed.contains("organiser"),
        "{listed}"
    );

    let fields = dir.path().join("fields.json");
    std::fs::write(&fields, PERSON).unwrap();
    let printed = ok(run(
        &config,
        &["paper", "add", "--initiative", "rivers", "--country", "AT"],
    )
    .arg("--fields-file")
    .arg(&fields));
    assert!(printed.contains("recorded paper statement"), "{printed}");

    let backup = dir.path().join("rivers.backup");
    let printed = ok(run(&config, &["backup", "--initiative", "rivers"])
        .arg("--out")
        .arg(&backup));
    assert!(printed.contains("wrote 1 statements"), "{printed}");

    let out = dir.path().join("export");
    let printed = ok(run(&config, &["export", "--initiative", "rivers"])
        .arg("--private-key")
        .arg(dir.path().join("rivers.sk"))
        .arg("--signing-key")
        .arg(dir.path().join("rivers.sign.sk"))
        .arg("--out")
        .arg(&out));
    assert!(printed.contains("1 statements"), "{printed}");
    let xml = std::fs::read_to_string(out.join("rivers-at.xml")).unwrap();
    assert!(xml.contains("Huber"));

    let rows = audit_rows(&data.join("data/ocs.db"));
    for action in [
        "initiative.created",
        "account.created",
        "statement.paper-entered",
        "backup.requested",
        "export.requested",
        "export.finished",
    ] {
        assert!(
            rows.iter()
                .any(|(kind, _, a)| kind == "operator" && a == action),
            "{action}: {rows:?}"
        );
    }
    verify_intact(&config, rows.len());
}

/// The uid this test runs as (the owner of a folder it made).
fn own_uid(dir: &Path) -> u32 {
    std::fs::metadata(dir).unwrap().uid()
}

#[test]
fn with_the_demo_running_commands_go_through_the_admin_socket_and_other_users_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    let config = data.join("ocs.toml");
    let socket = data.join("data/ocs.db.admin.sock");
    let mode = std::fs::metadata(&socket).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "socket mode {mode:o}");

    let password = write_password(dir.path());
    let printed = ok(run(
        &config,
        &["admin", "add-user", "ana", "--role", "host-admin"],
    )
    .args(["--as", "tester", "--password-file"])
    .arg(&password));
    assert!(printed.contains("account ana created"), "{printed}");
    let fields = dir.path().join("fields.json");
    std::fs::write(&fields, PERSON).unwrap();
    let printed = ok(run(
        &config,
        &["paper", "add", "--initiative", "demo", "--country", "AT"],
    )
    .env("USER", "tester")
    .arg("--fields-file")
    .arg(&fields));
    assert!(
        printed.starts_with("recorded paper statement "),
        "{printed}"
    );
    // The running server counts it at once (its own store took the write).
    let (status, body) = crate::http(
        demo.address,
        "GET",
        "/api/v1/initiatives/demo/counters",
        "text/plain",
        "",
    );
    assert_eq!(status, 200, "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["total"], 1, "{body}");

    let uid = own_uid(dir.path());
    let shown = ok(&mut run(&config, &["audit", "show", "--limit", "5"]));
    let recorded = format!("operator:tester (uid {uid}) account.created");
    assert!(shown.contains(&recorded), "{shown}");
    assert!(
        shown.contains(&format!(
            "operator:tester (uid {uid}) statement.paper-entered"
        )),
        "{shown}"
    );
    let verified = ok(&mut run(&config, &["audit", "verify"]));
    assert!(verified.contains("audit trail intact"), "{verified}");
    // The private key is not sent to the server: `ocs export` says what to do instead.
    let export = run(&config, &["export", "--initiative", "demo"])
        .arg("--private-key")
        .arg(data.join("keys/demo-recipient.sk"))
        .arg("--signing-key")
        .arg(data.join("keys/demo-recipient.sk"))
        .arg("--out")
        .arg(dir.path().join("export"))
        .output()
        .unwrap();
    assert!(!export.status.success());
    assert!(
        text(&export).contains("ocs export sealed"),
        "{}",
        text(&export)
    );

    if uid != 0 {
        eprintln!(
            "skipped the second-user part: it needs root to run a client as another uid \
             (running as uid {uid})"
        );
        return;
    }
    refuses_another_uid(dir.path(), &data, &config, &socket);
    let rows = audit_rows(&data.join("data/ocs.db"));
    assert!(!rows.iter().any(|(_, name, _)| name.contains("stranger")));
    demo.stop();
    // The server logged the requests (at trace level), never their content.
    let log = std::fs::read_to_string(data.join("logs/ocs.log")).unwrap();
    assert!(log.contains("administration request"), "{log}");
    for secret in ["Huber", "56565656", "correct horse battery staple"] {
        assert!(!log.contains(secret), "{secret} in the log");
    }
    assert!(!socket.exists(), "the socket is removed at shutdown");
}

#[test]
fn on_postgres_the_commands_work_directly_next_to_a_running_node() {
    use crate::nodes::{Database, Node};
    let dir = tempfile::tempdir().unwrap();
    Demo::start(dir.path()).stop();
    let config = dir.path().join("ocs.toml");
    let database = Database::create();
    let node = Node::start(&config, &database.url);
    let on_postgres = |command: &mut Command| {
        command
            .env("OCS_DATABASE_URL", &database.url)
            .env("USER", "tester");
        ok(command)
    };
    let password = write_password(dir.path());
    let printed = on_postgres(
        run(
            &config,
            &["admin", "add-user", "ana", "--role", "host-admin"],
        )
        .arg("--password-file")
        .arg(&password),
    );
    assert!(printed.contains("account ana created"), "{printed}");
    let fields = dir.path().join("fields.json");
    std::fs::write(&fields, PERSON).unwrap();
    let printed = on_postgres(
        run(
            &config,
            &["paper", "add", "--initiative", "demo", "--country", "AT"],
        )
        .arg("--fields-file")
        .arg(&fields),
    );
    assert!(printed.contains("recorded paper statement"), "{printed}");
    // No socket on PostgreSQL: the command wrote to the shared database itself.
    assert!(!dir.path().join("data/ocs.db.admin.sock").exists());
    let (status, body) = crate::http(
        node.address,
        "GET",
        "/api/v1/initiatives/demo/counters",
        "text/plain",
        "",
    );
    assert_eq!(status, 200, "{body}");
    let counters: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        counters["total"], 1,
        "the node counts the paper statement: {body}"
    );
    let shown = on_postgres(&mut run(&config, &["audit", "show", "--limit", "5"]));
    assert!(shown.contains("operator:tester account.created"), "{shown}");
    assert!(
        shown.contains("operator:tester statement.paper-entered"),
        "{shown}"
    );
    let verified = on_postgres(&mut run(&config, &["audit", "verify"]));
    assert!(verified.contains("audit trail intact"), "{verified}");
    drop(node);
}

/// Runs `ocs admin list-users` as a uid that is neither the server's nor root: refused by
/// the socket's file mode, and by the server's peer check once the mode is loosened.
fn refuses_another_uid(dir: &Path, data: &Path, config: &Path, socket: &Path) {
    // A throwaway uid with no account: it can reach the configuration and the binary, not
    // the socket. No system user is needed for the kernel to run a process as a uid.
    let stranger = 4242;
    for path in [dir, data, &data.join("data")] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // The server creates every file owner-only (umask 077); the stranger may read this one
    // so that what refuses it is the socket, not the configuration file.
    std::fs::set_permissions(config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let as_stranger = || {
        use std::os::unix::process::CommandExt as _;
        // A copy of the binary the stranger can reach: the checkout may sit in a private
        // folder (a fresh clone under a 0700 temporary directory).
        let binary = dir.join("ocs-for-stranger");
        if !binary.exists() {
            std::fs::copy(env!("CARGO_BIN_EXE_ocs"), &binary).unwrap();
            std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let mut command = Command::new(&binary);
        command
            .args(["admin", "list-users", "--config"])
            .arg(config);
        command.uid(stranger).gid(stranger).env("USER", "stranger");
        command.output().unwrap()
    };
    let refused = as_stranger();
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("refuses this user"),
        "{}",
        text(&refused)
    );
    // Even with the file mode loosened, the server checks the peer's uid itself.
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o666)).unwrap();
    let refused = as_stranger();
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains(&format!("refused: uid {stranger} may not administer")),
        "{}",
        text(&refused)
    );
}
