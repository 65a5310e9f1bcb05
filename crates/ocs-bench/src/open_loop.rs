//! The open-loop generator: requests start on a fixed schedule (`rate` per second from the
//! start of the phase), whether or not earlier ones have been answered, so a slow server
//! cannot slow the load down and hide its own latency (coordinated omission). Each request's
//! latency runs from its **scheduled** start, not from when a connection was free.
//!
//! At most `max_outstanding` requests are in flight. A request due while that many are out is
//! not sent at all and counts as `client_dropped`: the figure says the client, not the
//! server, gave up on it. Request `k` goes to node `k mod nodes`, on a connection taken from
//! that node's pool of idle keep-alive connections (or a new one).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

use crate::client::{Connection, REQUEST_TIMEOUT};
use crate::load::{self, Shared, Target};
use crate::stats::{Tally, Window, as_f64, floor_count};

/// Idle connections to one node.
type Pool = Arc<Mutex<Vec<Connection>>>;

/// How often the scheduler wakes up; requests due in between start together, each timed
/// from its own scheduled instant.
const TICK: Duration = Duration::from_millis(1);

/// Runs one open-loop phase: `rate` requests per second of `target` from now until the
/// window's deadline.
pub async fn run(
    target: Target,
    nodes: &[SocketAddr],
    rate: f64,
    max_outstanding: usize,
    window: Window,
    shared: &Shared,
) -> anyhow::Result<Tally> {
    if nodes.is_empty() {
        bail!("no server to load");
    }
    if !(rate.is_finite() && rate > 0.0) {
        bail!("the open-loop rate must be a positive number, not {rate}");
    }
    let pools: Vec<(SocketAddr, Pool)> = nodes
        .iter()
        .map(|&address| (address, Pool::default()))
        .collect();
    let permits = Arc::new(Semaphore::new(max_outstanding.max(1)));
    let begin = Instant::now();
    let mut tasks = JoinSet::new();
    let mut total = Tally::default();
    let mut scheduled = 0_u64;
    let mut node = pools.iter().cycle();
    while window.open() {
        let due = floor_count(begin.elapsed().as_secs_f64() * rate);
        while scheduled < due {
            let at = begin + Duration::from_secs_f64(as_f64(scheduled) / rate);
            scheduled += 1;
            if at >= window.deadline {
                break;
            }
            let Some((address, pool)) = node.next() else {
                break;
            };
            match Arc::clone(&permits).try_acquire_owned() {
                Ok(permit) => {
                    tasks.spawn(one(
                        target,
                        *address,
                        Arc::clone(pool),
                        at,
                        scheduled,
                        window,
                        shared.clone(),
                        permit,
                    ));
                }
                Err(_) => total.client_dropped += 1,
            }
        }
        while let Some(result) = tasks.try_join_next() {
            total.merge(result.context("an open-loop request task failed")?);
        }
        tokio::time::sleep(TICK).await;
    }
    while let Some(result) = tasks.join_next().await {
        total.merge(result.context("an open-loop request task failed")?);
    }
    Ok(total)
}

/// One scheduled request; the permit is held until it is done.
#[expect(
    clippy::too_many_arguments,
    reason = "a spawned task takes what it needs by value"
)]
async fn one(
    target: Target,
    address: SocketAddr,
    pool: Pool,
    at: Instant,
    n: u64,
    window: Window,
    shared: Shared,
    _permit: OwnedSemaphorePermit,
) -> Tally {
    let mut tally = Tally::default();
    let idle = pool.lock().unwrap_or_else(PoisonError::into_inner).pop();
    let mut conn = match idle {
        Some(conn) => conn,
        None => match tokio::time::timeout(REQUEST_TIMEOUT, Connection::open(address)).await {
            Ok(Ok(conn)) => conn,
            Ok(Err(error)) => {
                tally.error("connect", &format!("{error:#}"));
                return tally;
            }
            Err(_) => {
                tally.error("connect", "timed out");
                return tally;
            }
        },
    };
    let keep = match target {
        Target::Baseline => {
            load::baseline_request(&mut conn, &window, at, &shared, &mut tally).await
        }
        Target::Real => load::statement(&mut conn, &window, at, &shared, &mut tally).await,
        Target::Reads => load::read_request(&mut conn, &window, at, n, &mut tally).await,
        Target::Browser => crate::browser::flow(&mut conn, &window, at, &shared, &mut tally).await,
    };
    if keep {
        pool.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(conn);
    }
    tally
}
