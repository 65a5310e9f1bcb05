//! The closed-loop load generator: `concurrency` tasks, each on its own keep-alive connection
//! to one node (task `i` to node `i mod nodes`), looping until the phase deadline. Nothing
//! new starts after the deadline; a request already sent finishes (or times out), so no
//! statement is abandoned mid-flight without being counted as uncertain.
//!
//! The requests themselves ([`statement`], [`baseline_request`], [`read_request`]) are shared
//! with the open-loop generator in `open_loop.rs`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use hyper::body::Bytes;
use hyper::{Method, StatusCode};
use tokio::task::JoinSet;

use crate::bodies::{form_body, statement_body};
use crate::client::{Connection, REQUEST_TIMEOUT};
use crate::setup::SLUG;
use crate::stats::{Tally, Window};

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

/// Which server a phase loads, and with what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `POST /sign` with a form, expecting 200.
    Baseline,
    /// Challenge, proof of work, then `POST …/statements` with JSON, expecting 201.
    Real,
    /// Alternately `GET /initiatives/{slug}` and `GET /api/v1/initiatives/{slug}/counters`,
    /// expecting 200.
    Reads,
    /// A browser signing: form page, form `POST` (303), receipt page
    /// ([`crate::browser::flow`]).
    Browser,
}

/// What every request of a phase shares: the serial numbers of unique identities (one
/// counter per run, so no two phases send the same signer) and whether to keep the
/// `statement_id` of each 201.
#[derive(Debug, Clone)]
pub struct Shared {
    /// The next identity's serial number.
    pub serials: Arc<AtomicU64>,
    /// Keep the ids of 201 answers in [`Tally::ids`].
    pub collect_ids: bool,
    /// Proofs solved ahead of the phase (`crate::proofs`); a statement fetches its own
    /// challenge when there is none.
    pub proofs: Option<Arc<crate::proofs::Proofs>>,
}

impl Shared {
    /// Serial numbers from 0, ids not collected.
    pub fn new() -> Self {
        Self {
            serials: Arc::new(AtomicU64::new(0)),
            collect_ids: false,
            proofs: None,
        }
    }

    /// The next identity's serial number.
    pub fn next_serial(&self) -> u64 {
        self.serials.fetch_add(1, Ordering::Relaxed)
    }
}

/// Runs one closed-loop phase against `nodes` and merges what every task saw.
pub async fn run(
    target: Target,
    nodes: &[SocketAddr],
    concurrency: usize,
    window: Window,
    shared: &Shared,
) -> anyhow::Result<Tally> {
    if nodes.is_empty() {
        bail!("no server to load");
    }
    let mut tasks = JoinSet::new();
    for (_, &address) in (0..concurrency).zip(nodes.iter().cycle()) {
        tasks.spawn(worker(target, address, window, shared.clone()));
    }
    let mut total = Tally::default();
    while let Some(result) = tasks.join_next().await {
        total.merge(result.context("a generator task failed")?);
    }
    Ok(total)
}

/// One task: its own connection, reopened after any failure.
async fn worker(target: Target, address: SocketAddr, window: Window, shared: Shared) -> Tally {
    let mut tally = Tally::default();
    let mut connection: Option<Connection> = None;
    let mut reads = 0_u64;
    while window.open() {
        let conn = match connection.as_mut() {
            Some(conn) => conn,
            None => match tokio::time::timeout(REQUEST_TIMEOUT, Connection::open(address)).await {
                Ok(Ok(conn)) => connection.insert(conn),
                Ok(Err(error)) => {
                    tally.error("connect", &format!("{error:#}"));
                    pause(&window).await;
                    continue;
                }
                Err(_) => {
                    tally.error("connect", "timed out");
                    continue;
                }
            },
        };
        let started = Instant::now();
        let keep = match target {
            Target::Baseline => baseline_request(conn, &window, started, &shared, &mut tally).await,
            Target::Real => statement(conn, &window, started, &shared, &mut tally).await,
            Target::Reads => {
                reads += 1;
                read_request(conn, &window, started, reads, &mut tally).await
            }
            Target::Browser => {
                crate::browser::flow(conn, &window, started, &shared, &mut tally).await
            }
        };
        if !keep {
            connection = None;
        }
    }
    tally
}

/// A short back-off after a failed connect, bounded by the deadline.
async fn pause(window: &Window) {
    let until = (Instant::now() + Duration::from_millis(20)).min(window.deadline);
    tokio::time::sleep_until(until.into()).await;
}

/// The result of one request: an answer, or a failure and whether the request may have
/// reached the server.
enum Outcome {
    Answer(crate::client::Answer),
    Failed(String),
    TimedOut,
}

async fn send(
    conn: &mut Connection,
    method: Method,
    path: &str,
    content_type: Option<&'static str>,
    body: Bytes,
) -> Outcome {
    match tokio::time::timeout(REQUEST_TIMEOUT, conn.send(method, path, content_type, body)).await {
        Ok(Ok(answer)) => Outcome::Answer(answer),
        Ok(Err(error)) => Outcome::Failed(format!("{error:#}")),
        Err(_) => Outcome::TimedOut,
    }
}

/// One baseline form post, timed from `started`. Returns whether the connection may be kept.
pub async fn baseline_request(
    conn: &mut Connection,
    window: &Window,
    started: Instant,
    shared: &Shared,
    tally: &mut Tally,
) -> bool {
    let body = Bytes::from(form_body(shared.next_serial()));
    match send(conn, Method::POST, "/sign", Some(FORM), body).await {
        Outcome::Answer(answer) => {
            tally.status(answer.status.as_u16(), answer.retry_after);
            if answer.status == StatusCode::OK {
                tally.success(window, started, None, Instant::now());
            } else {
                tally.error(
                    format!("sign HTTP {}", answer.status.as_u16()),
                    &answer.text(),
                );
            }
            true
        }
        Outcome::Failed(error) => {
            tally.error("sign: connection", &error);
            false
        }
        Outcome::TimedOut => {
            tally.error("sign: timeout", "");
            false
        }
    }
}

/// One read: the initiative page on odd `n`, the counters on even `n`, timed from `started`.
/// Returns whether the connection may be kept.
pub async fn read_request(
    conn: &mut Connection,
    window: &Window,
    started: Instant,
    n: u64,
    tally: &mut Tally,
) -> bool {
    let (kind, path) = if n % 2 == 1 {
        ("page", format!("/initiatives/{SLUG}"))
    } else {
        ("counters", format!("/api/v1/initiatives/{SLUG}/counters"))
    };
    match send(conn, Method::GET, &path, None, Bytes::new()).await {
        Outcome::Answer(answer) => {
            tally.status(answer.status.as_u16(), answer.retry_after);
            if answer.status == StatusCode::OK {
                tally.success(window, started, None, Instant::now());
            } else {
                tally.error(
                    format!("{kind} HTTP {}", answer.status.as_u16()),
                    &answer.text(),
                );
            }
            true
        }
        Outcome::Failed(error) => {
            tally.error(format!("{kind}: connection"), &error);
            false
        }
        Outcome::TimedOut => {
            tally.error(format!("{kind}: timeout"), "");
            false
        }
    }
}

/// One statement: challenge, proof of work, POST, timed from `started`. Returns whether the
/// connection may be kept. With a pool of proofs solved ahead (`Shared::proofs`) it takes
/// one from there, and gives it back when the answer is 503 (the proof was not spent).
pub async fn statement(
    conn: &mut Connection,
    window: &Window,
    started: Instant,
    shared: &Shared,
    tally: &mut Tally,
) -> bool {
    let solved = shared.proofs.as_ref().and_then(|proofs| proofs.take());
    let payload = match solved {
        Some(payload) => payload,
        None => match challenge_and_solve(conn, tally).await {
            Ok(payload) => payload,
            Err(keep) => return keep,
        },
    };
    let (keep, busy) = post_statement(conn, window, started, shared, tally, &payload).await;
    if busy && let Some(proofs) = &shared.proofs {
        proofs.give_back(payload);
    }
    keep
}

/// Fetches a challenge and solves it; `Err(keep)` when that failed (counted in `tally`).
async fn challenge_and_solve(conn: &mut Connection, tally: &mut Tally) -> Result<String, bool> {
    let challenge = match send(
        conn,
        Method::GET,
        "/api/v1/altcha/challenge",
        None,
        Bytes::new(),
    )
    .await
    {
        Outcome::Answer(answer) if answer.status == StatusCode::OK => answer,
        Outcome::Answer(answer) => {
            tally.status(answer.status.as_u16(), answer.retry_after);
            tally.error(
                format!("challenge HTTP {}", answer.status.as_u16()),
                &answer.text(),
            );
            return Err(true);
        }
        Outcome::Failed(error) => {
            tally.error("challenge: connection", &error);
            return Err(false);
        }
        Outcome::TimedOut => {
            tally.error("challenge: timeout", "");
            return Err(false);
        }
    };
    let parsed = match serde_json::from_slice::<ocs_crypto::Challenge>(&challenge.body) {
        Ok(parsed) => parsed,
        Err(error) => {
            tally.error(
                "challenge not JSON",
                &format!("{error}: {}", challenge.text()),
            );
            return Err(true);
        }
    };
    let Some(payload) = ocs_crypto::solve(&parsed) else {
        tally.error("challenge unsolvable", &challenge.text());
        return Err(true);
    };
    Ok(payload)
}

/// The POST of one statement with a solved `payload`. Returns whether the connection may be
/// kept, and whether the answer was 503 (the proof is still unspent).
async fn post_statement(
    conn: &mut Connection,
    window: &Window,
    started: Instant,
    shared: &Shared,
    tally: &mut Tally,
    payload: &str,
) -> (bool, bool) {
    let body = match statement_body(shared.next_serial(), payload) {
        Ok(body) => Bytes::from(body),
        Err(error) => {
            tally.error("building a statement", &format!("{error:#}"));
            return (true, false);
        }
    };
    let path = format!("/api/v1/initiatives/{SLUG}/statements");
    let post_started = Instant::now();
    match send(conn, Method::POST, &path, Some(JSON), body).await {
        Outcome::Answer(answer) if answer.status == StatusCode::CREATED => {
            tally.status(201, answer.retry_after);
            tally.success(window, started, Some(post_started), Instant::now());
            if shared.collect_ids {
                match statement_id(&answer.body) {
                    Some(id) => tally.ids.push(id),
                    None => tally.error("201 without statement_id", &answer.text()),
                }
            }
            (true, false)
        }
        Outcome::Answer(answer) => {
            tally.status(answer.status.as_u16(), answer.retry_after);
            tally.error(
                format!("statement HTTP {}", answer.status.as_u16()),
                &answer.text(),
            );
            (true, answer.status == StatusCode::SERVICE_UNAVAILABLE)
        }
        Outcome::Failed(error) => {
            tally.uncertain += 1;
            tally.error("statement: connection", &error);
            (false, false)
        }
        Outcome::TimedOut => {
            tally.uncertain += 1;
            tally.error("statement: timeout", "");
            (false, false)
        }
    }
}

/// The `statement_id` of a 201 answer's JSON body.
fn statement_id(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    value
        .get("statement_id")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_ids_are_read_from_created_answers() {
        let body = br#"{"statement_id":"0ABC","submitted_at":"x","receipt_url":"/r"}"#;
        assert_eq!(statement_id(body).as_deref(), Some("0ABC"));
        assert_eq!(statement_id(b"{}"), None);
        assert_eq!(statement_id(b"not json"), None);
    }
}
