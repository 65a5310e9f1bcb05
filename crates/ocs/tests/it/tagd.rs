//! `ocs tagd` as a real second process (ADR 0011 part 6): the demo signs through it, a
//! dictionary run through its socket is cut at the cap with an alarm, the web answers busy
//! then, and a process of another uid is refused.

use std::io::{BufRead as _, BufReader, Write as _};
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::{Demo, exchange, http, ocs, solved, terminate};

/// A running `ocs tagd`, its standard error in `log`.
struct Tagd {
    child: Child,
}

impl Tagd {
    fn start(config: &Path, socket: &Path, log: &Path) -> Self {
        let child = ocs()
            .args(["tagd", "--config"])
            .arg(config)
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .unwrap();
        let mut tagd = Self { child };
        for _ in 0..200 {
            if UnixStream::connect(socket).is_ok() {
                return tagd;
            }
            if let Ok(Some(status)) = tagd.child.try_wait() {
                panic!(
                    "tagd stopped ({status}): {}",
                    std::fs::read_to_string(log).unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        terminate(&mut tagd.child);
        panic!("tagd did not listen on {}", socket.display());
    }
}

impl Drop for Tagd {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// One JSON line out, one back, on a kept connection.
fn ask(connection: &mut BufReader<UnixStream>, request: &Value) -> Value {
    let mut line = request.to_string();
    line.push('\n');
    connection.get_mut().write_all(line.as_bytes()).unwrap();
    let mut answer = String::new();
    connection.read_line(&mut answer).unwrap();
    serde_json::from_str(&answer).unwrap_or_else(|_| panic!("not JSON: {answer:?}"))
}

fn sign(address: std::net::SocketAddr, number: &str) -> (u16, String, String) {
    let body = json!({"nationality": "AT", "fields": {"full.first.names": "Franz",
        "family.names": "Huber", "id.type": "id.card", "id.number": number},
        "consent": true, "altcha": solved(address)})
    .to_string();
    exchange(
        address,
        "POST",
        "/api/v1/initiatives/demo/statements",
        "Content-Type: application/json\r\n",
        &body,
    )
}

fn metric(address: std::net::SocketAddr, name: &str) -> u64 {
    let (status, body) = http(address, "GET", "/metrics", "text/plain", "");
    assert_eq!(status, 200, "{body}");
    body.lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} in {body}"))
        .parse()
        .unwrap()
}

#[test]
fn the_demo_signs_through_tagd_and_a_dictionary_is_cut_at_the_cap() {
    const CAP: u64 = 60;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // First run: the demo's configuration, database and the initiative's key file.
    Demo::start(&data).stop();
    let config = data.join("ocs.toml");
    let socket = data.join("tagd.sock");
    let text = std::fs::read_to_string(&config).unwrap()
        + "\n[tagd]\nsocket = \"tagd.sock\"\nalarm_floor_per_minute = 5\ncap_per_minute = "
        + &CAP.to_string()
        + "\n";
    std::fs::write(&config, text).unwrap();
    let log = dir.path().join("tagd.log");
    let tagd = Tagd::start(&config, &socket, &log);
    let mode = std::fs::metadata(&socket).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "socket mode {mode:o}");

    // The web process tags through tagd: a statement is recorded end to end.
    let demo = Demo::start(&data);
    let (status, _, answer) = sign(demo.address, "30000001");
    assert_eq!(status, 201, "{answer}");
    assert_eq!(metric(demo.address, "ocs_tags_total"), 1);

    // A compromised web process runs a dictionary through the socket: tagd answers up to
    // the cap, then busy until the minute ends, and logs the alarm with its code.
    let (initiative, key_id) = {
        let mut connection = BufReader::new(UnixStream::connect(&socket).unwrap());
        let held = ask(&mut connection, &json!({"op": "held"}));
        let initiative = held["initiatives"][0].as_u64().unwrap();
        let key = ask(
            &mut connection,
            &json!({"op": "make", "initiative": initiative}),
        );
        (initiative, key["key_id"].as_str().unwrap().to_owned())
    };
    // One connection sends the dictionary in batches of 10 until tagd says busy.
    let mut connection = BufReader::new(UnixStream::connect(&socket).unwrap());
    let mut tagged = 0_u64;
    let mut busy = None;
    for batch in 0..100 {
        let subjects: Vec<Value> = (0..10)
            .map(|i| json!({"kind": "statement", "identity": format!("AT|guess-{batch}-{i}")}))
            .collect();
        let answer = ask(
            &mut connection,
            &json!({"op": "tags", "initiative": initiative, "key_id": key_id, "subjects": subjects}),
        );
        match answer["answer"].as_str() {
            Some("tags") => tagged += 10,
            Some("busy") => {
                busy = Some(answer);
                break;
            }
            other => panic!("unexpected {other:?}: {answer}"),
        }
    }
    let busy = busy.expect("the dictionary was never cut");
    assert!(tagged <= CAP, "{tagged} tags before the cut");
    assert!(busy["retry_after_ms"].as_u64().unwrap() <= 60_000, "{busy}");
    // The web's next statement meets the same cap: refused before it is stored, 503 with
    // a wait, and counted as busy.
    let (status, _, answer) = sign(demo.address, "30000002");
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("SIG-040"), "{answer}");
    assert_eq!(metric(demo.address, "ocs_tag_busy_total"), 1);
    demo.stop();
    drop(tagd);
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("KEY-020"), "{logged}");
    // Tags and identities never reach tagd's log.
    assert!(!logged.contains("guess-"), "{logged}");
    assert!(!socket.exists(), "the socket is removed at shutdown");
}

#[test]
fn tagd_refuses_a_process_of_another_uid() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    let config = data.join("ocs.toml");
    let socket = data.join("tagd.sock");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[tagd]\nsocket = \"tagd.sock\"\n");
    std::fs::write(&config, text).unwrap();
    let log = dir.path().join("tagd.log");
    let _tagd = Tagd::start(&config, &socket, &log);
    let ping = ocs()
        .args(["tagd", "--ping", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&ping.stdout);
    assert!(ping.status.success(), "{printed}");
    assert!(printed.contains("tagd answers"), "{printed}");

    let uid = std::fs::metadata(dir.path()).unwrap().uid();
    if uid != 0 {
        eprintln!("skipped: running a client as another uid needs root (running as uid {uid})");
        return;
    }
    let stranger = 4243;
    for path in [dir.path(), data.as_path()] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let binary = dir.path().join("ocs-for-stranger");
    std::fs::copy(env!("CARGO_BIN_EXE_ocs"), &binary).unwrap();
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    let as_stranger = || {
        use std::os::unix::process::CommandExt as _;
        let output = std::process::Command::new(&binary)
            .args(["tagd", "--ping", "--config"])
            .arg(&config)
            .uid(stranger)
            .gid(stranger)
            .output()
            .unwrap();
        assert!(!output.status.success());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    // The socket's mode keeps the stranger out ...
    let refused = as_stranger();
    assert!(refused.contains("ermission denied"), "{refused}");
    // ... and with the mode loosened, tagd's peer check does.
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o666)).unwrap();
    let refused = as_stranger();
    assert!(refused.contains("KEY-012"), "{refused}");
    assert!(
        refused.contains(&format!("uid {stranger} may not ask")),
        "{refused}"
    );
}
