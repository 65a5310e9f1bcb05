//! The load generator: `concurrency` tasks, each on its own keep-alive connection, looping
//! until the phase deadline. Nothing new starts after the deadline; a request already sent
//! finishes (or times out), so no statement is abandoned mid-flight without being counted
//! as uncertain.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use hyper::body::Bytes;
use hyper::{Method, StatusCode};
use tokio::task::JoinSet;

use crate::bodies::{form_body, statement_body};
use crate::client::{Connection, REQUEST_TIMEOUT};
use crate::setup::SLUG;
use crate::stats::{Tally, Window};

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

/// Which server a phase loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `POST /sign` with a form, expecting 200.
    Baseline,
    /// Challenge, proof of work, then `POST …/statements` with JSON, expecting 201.
    Real,
}

/// Runs one phase against `address` and merges what every task saw.
pub async fn run(
    target: Target,
    address: SocketAddr,
    concurrency: usize,
    window: Window,
) -> anyhow::Result<Tally> {
    let counter = Arc::new(AtomicU64::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..concurrency {
        let counter = Arc::clone(&counter);
        tasks.spawn(worker(target, address, window, counter));
    }
    let mut total = Tally::default();
    while let Some(result) = tasks.join_next().await {
        total.merge(result.context("a generator task failed")?);
    }
    Ok(total)
}

/// One task: its own connection, reopened after any failure.
async fn worker(
    target: Target,
    address: SocketAddr,
    window: Window,
    counter: Arc<AtomicU64>,
) -> Tally {
    let mut tally = Tally::default();
    let mut connection: Option<Connection> = None;
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
        let keep = match target {
            Target::Baseline => baseline_request(conn, &window, &counter, &mut tally).await,
            Target::Real => statement(conn, &window, &counter, &mut tally).await,
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

/// One baseline form post. Returns whether the connection may be kept.
async fn baseline_request(
    conn: &mut Connection,
    window: &Window,
    counter: &AtomicU64,
    tally: &mut Tally,
) -> bool {
    let n = counter.fetch_add(1, Ordering::Relaxed);
    let body = Bytes::from(form_body(n));
    let started = Instant::now();
    match send(conn, Method::POST, "/sign", Some(FORM), body).await {
        Outcome::Answer(answer) if answer.status == StatusCode::OK => {
            tally.success(window, started, None, Instant::now());
            true
        }
        Outcome::Answer(answer) => {
            tally.error(
                format!("sign HTTP {}", answer.status.as_u16()),
                &answer.text(),
            );
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

/// One statement: challenge, proof of work, POST. Returns whether the connection may be
/// kept.
async fn statement(
    conn: &mut Connection,
    window: &Window,
    counter: &AtomicU64,
    tally: &mut Tally,
) -> bool {
    let started = Instant::now();
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
            tally.error(
                format!("challenge HTTP {}", answer.status.as_u16()),
                &answer.text(),
            );
            return true;
        }
        Outcome::Failed(error) => {
            tally.error("challenge: connection", &error);
            return false;
        }
        Outcome::TimedOut => {
            tally.error("challenge: timeout", "");
            return false;
        }
    };
    let parsed = match serde_json::from_slice::<ocs_crypto::Challenge>(&challenge.body) {
        Ok(parsed) => parsed,
        Err(error) => {
            tally.error(
                "challenge not JSON",
                &format!("{error}: {}", challenge.text()),
            );
            return true;
        }
    };
    let Some(payload) = ocs_crypto::solve(&parsed) else {
        tally.error("challenge unsolvable", &challenge.text());
        return true;
    };
    let n = counter.fetch_add(1, Ordering::Relaxed);
    let body = match statement_body(n, &payload) {
        Ok(body) => Bytes::from(body),
        Err(error) => {
            tally.error("building a statement", &format!("{error:#}"));
            return true;
        }
    };
    let path = format!("/api/v1/initiatives/{SLUG}/statements");
    let post_started = Instant::now();
    match send(conn, Method::POST, &path, Some(JSON), body).await {
        Outcome::Answer(answer) if answer.status == StatusCode::CREATED => {
            tally.success(window, started, Some(post_started), Instant::now());
            true
        }
        Outcome::Answer(answer) => {
            tally.error(
                format!("statement HTTP {}", answer.status.as_u16()),
                &answer.text(),
            );
            true
        }
        Outcome::Failed(error) => {
            tally.uncertain += 1;
            tally.error("statement: connection", &error);
            false
        }
        Outcome::TimedOut => {
            tally.uncertain += 1;
            tally.error("statement: timeout", "");
            false
        }
    }
}
