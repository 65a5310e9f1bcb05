//! Two `ocs serve` processes (app nodes) on one PostgreSQL database: a person is counted once
//! whichever node they reach, an anti-bot proof works once across nodes, and both nodes show
//! the same exact counts while signing runs on both in parallel.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::Path;
use std::process::Child;

use serde_json::json;

use crate::{Demo, http, ocs, solved, spawn_listening, terminate};

/// One `ocs serve` child on the given database, stopped with SIGTERM when dropped.
pub(crate) struct Node {
    child: Child,
    pub(crate) address: SocketAddr,
}

impl Node {
    /// Starts `ocs serve` with `config` on `database_url`, on a free port, after opening
    /// the demo initiative through the lifecycle (`ocs serve` does not collect for a
    /// configured initiative without its certificate); checks that it collects.
    pub(crate) fn start(config: &Path, database_url: &str) -> Self {
        crate::open_for_collection(config, database_url);
        let mut command = ocs();
        command
            .args(["serve", "--config"])
            .arg(config)
            .env("OCS_DATABASE_URL", database_url)
            .env("OCS_SERVER__LISTEN", "127.0.0.1:0")
            // Many signatures from one loopback address: the per-address limit is not
            // what this test is about.
            .env("OCS_RATE_LIMITS__ENABLED", "false");
        let (child, address) = spawn_listening(command, |line| {
            let rest = line.strip_prefix("OpenOCS listening on http://")?;
            rest.trim_end_matches('/').parse().ok()
        });
        let (status, body) = http(address, "GET", "/api/v1/initiatives/demo", "text/plain", "");
        assert_eq!(status, 200, "{body}");
        assert!(
            body.contains("\"collecting\":true"),
            "not collecting: {body}"
        );
        Self { child, address }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// A fresh database on the test server (`OCS_TEST_POSTGRES_URL`), dropped at the end.
pub(crate) struct Database {
    admin_url: String,
    name: String,
    pub(crate) url: String,
}

impl Database {
    /// Creates a fresh database on the test server.
    pub(crate) fn create() -> Self {
        let admin_url = std::env::var("OCS_TEST_POSTGRES_URL").unwrap_or_else(|_| {
            panic!(
                "OCS_TEST_POSTGRES_URL is not set: this test needs a PostgreSQL server. \
                 Run ./scripts/test, which starts a throwaway cluster"
            )
        });
        let name = format!("ocs_nodes_{}_{}", std::process::id(), rand_suffix());
        run_sql(&admin_url, &format!("CREATE DATABASE {name}"));
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        let url = format!("{base}/{name}");
        Self {
            admin_url,
            name,
            url,
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        run_sql(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}

fn rand_suffix() -> u64 {
    use std::hash::BuildHasher as _;
    std::hash::RandomState::new().hash_one(std::thread::current().id()) & 0xFFFF_FFFF
}

pub(crate) fn run_sql(url: &str, sql: &str) {
    use sqlx::Connection as _;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut connection = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::raw_sql(sql).execute(&mut connection).await.unwrap();
        connection.close().await.unwrap();
    });
}

fn austrian(number: u32, proof: &str) -> String {
    json!({
        "nationality": "AT",
        "fields": {"full.first.names": "Lena", "family.names": "Huber",
                   "id.type": "id.card", "id.number": format!("{number:08}")},
        "consent": true,
        "altcha": proof,
    })
    .to_string()
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

fn total(node: SocketAddr) -> u64 {
    let (status, body) = http(
        node,
        "GET",
        "/api/v1/initiatives/demo/counters",
        "text/plain",
        "",
    );
    assert_eq!(status, 200);
    let counters: serde_json::Value = serde_json::from_str(&body).unwrap();
    counters["total"].as_u64().unwrap()
}

#[test]
fn two_nodes_on_one_postgres_count_each_person_once() {
    // The demo writes a configuration, secrets and keys; both nodes share them.
    let dir = tempfile::tempdir().unwrap();
    Demo::start(dir.path()).stop();
    let config = dir.path().join("ocs.toml");
    let database = Database::create();
    let (status, out) = {
        let output = ocs()
            .args(["migrate", "--config"])
            .arg(&config)
            .env("OCS_DATABASE_URL", &database.url)
            .output()
            .unwrap();
        (
            output.status,
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    assert!(status.success(), "ocs migrate on PostgreSQL: {out}");
    assert!(out.contains("applied"), "{out}");
    let a = Node::start(&config, &database.url);
    let b = Node::start(&config, &database.url);

    // The same person on node A, then on node B: one statement.
    assert_eq!(
        sign(a.address, &austrian(10_000_001, &solved(a.address))).0,
        201
    );
    assert_eq!(
        sign(b.address, &austrian(10_000_001, &solved(b.address))).0,
        201
    );
    assert_eq!(total(a.address), 1);
    assert_eq!(total(b.address), 1);

    // A proof from node A, used on A, then replayed on B for someone else: refused.
    let proof = solved(a.address);
    assert_eq!(sign(a.address, &austrian(10_000_002, &proof)).0, 201);
    let (status, body) = sign(b.address, &austrian(10_000_003, &proof));
    assert_eq!(status, 403, "a proof replayed on another node: {body}");

    // Parallel signing on both nodes, every third identity repeated.
    let nodes = [a.address, b.address];
    let workers: Vec<_> = (0..6u32)
        .map(|worker| {
            std::thread::spawn(move || {
                let mut sent = BTreeSet::new();
                for i in 0..30u32 {
                    let node = nodes[usize::try_from((worker + i) % 2).unwrap()];
                    let person = 20_000_000 + (worker * 30 + i) / 3 * 3;
                    let (status, body) = sign(node, &austrian(person, &solved(node)));
                    assert_eq!(status, 201, "{body}");
                    sent.insert(person);
                }
                sent
            })
        })
        .collect();
    let mut people = BTreeSet::new();
    for worker in workers {
        people.extend(worker.join().unwrap());
    }
    let expected = 2 + u64::try_from(people.len()).unwrap();
    assert_eq!(total(a.address), expected, "node A's count");
    assert_eq!(total(b.address), expected, "node B's count");

    // A node restarted on the same database counts the same.
    drop(b);
    let b = Node::start(&config, &database.url);
    assert_eq!(total(b.address), expected, "a restarted node's count");
    drop((a, b));
}

fn receipt_call(node: SocketAddr, what: &str, id: &str, secret: &str) -> (u16, String) {
    http(
        node,
        "POST",
        &format!("/api/v1/initiatives/demo/receipts/{what}"),
        "application/json",
        &json!({"statement_id": id, "secret": secret}).to_string(),
    )
}

#[test]
fn self_service_on_postgres_across_nodes_withdraws_and_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    Demo::start(dir.path()).stop();
    let config = dir.path().join("ocs.toml");
    let database = Database::create();
    let a = Node::start(&config, &database.url);
    let b = Node::start(&config, &database.url);
    let (status, body) = sign(a.address, &austrian(20_000_001, &solved(a.address)));
    assert_eq!(status, 201, "{body}");
    let receipt: serde_json::Value = serde_json::from_str(&body).unwrap();
    let id = receipt["statement_id"].as_str().unwrap().to_owned();
    let secret = receipt["receipt_secret"].as_str().unwrap().to_owned();
    sign(a.address, &austrian(20_000_002, &solved(a.address)));
    assert_eq!(total(b.address), 2);

    // Checked and withdrawn through the other node; wrong secrets answer like unknown ids.
    assert_eq!(receipt_call(b.address, "check", &id, &secret).0, 200);
    let wrong = receipt_call(b.address, "check", &id, "aaaa-aaaa-aaaa-aaaa-aaaa-aaaa");
    let unknown = receipt_call(b.address, "check", "0000000000000000000000000A", &secret);
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.0, 404);
    assert_eq!(receipt_call(b.address, "withdraw", &id, &secret).0, 200);
    assert_eq!(total(a.address), 1, "withdrawn on B, counted out on A");
    assert_eq!(receipt_call(a.address, "check", &id, &secret).0, 404);

    // The tag is free again: signing again counts once.
    assert_eq!(
        sign(a.address, &austrian(20_000_001, &solved(a.address))).0,
        201
    );
    assert_eq!(
        sign(b.address, &austrian(20_000_001, &solved(b.address))).0,
        201
    );
    assert_eq!(total(b.address), 2);
}
