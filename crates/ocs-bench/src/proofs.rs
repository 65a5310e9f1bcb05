//! Proofs of work solved before an open-loop phase starts, so that on a 2-core machine the
//! generator's own challenge requests and hashing do not eat the time it needs to send the
//! load on schedule (the burst at 3× capacity left tens of thousands of statements unsent).
//!
//! A statement answered 503 did not spend its proof (admission refuses before the proof is
//! checked), so its payload goes back to the pool and a later statement sends it again,
//! instead of fetching and solving a new challenge. When the pool is empty a statement
//! fetches its own challenge, as in the closed-loop phases.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context as _, bail};
use hyper::body::Bytes;
use hyper::{Method, StatusCode};
use tokio::task::JoinSet;

use crate::client::{Connection, REQUEST_TIMEOUT};

/// Solved challenge payloads, ready to send.
#[derive(Debug, Default)]
pub struct Proofs(Mutex<Vec<String>>);

impl Proofs {
    /// One payload, if any is left.
    pub fn take(&self) -> Option<String> {
        self.lock().pop()
    }

    /// Puts back a payload whose statement was refused before its proof was checked.
    pub fn give_back(&self, payload: String) {
        self.lock().push(payload);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Fetches and solves `count` challenges from `nodes` (round-robin), on `connections`
    /// keep-alive connections.
    pub async fn fill(
        nodes: &[SocketAddr],
        count: usize,
        connections: usize,
    ) -> anyhow::Result<Arc<Self>> {
        if nodes.is_empty() {
            bail!("no server to fetch challenges from");
        }
        let connections = connections.clamp(1, count.max(1));
        let proofs = Arc::new(Self(Mutex::new(Vec::with_capacity(count))));
        let mut tasks = JoinSet::new();
        for (task, &address) in (0..connections).zip(nodes.iter().cycle()) {
            // Task `task` solves the challenges `task`, `task + connections`, …
            let share = count / connections + usize::from(task < count % connections);
            let proofs = Arc::clone(&proofs);
            tasks.spawn(async move { solve_some(address, share, &proofs).await });
        }
        while let Some(result) = tasks.join_next().await {
            result.context("a challenge task failed")??;
        }
        Ok(proofs)
    }
}

async fn solve_some(address: SocketAddr, count: usize, proofs: &Proofs) -> anyhow::Result<()> {
    let mut conn = None;
    for _ in 0..count {
        let open = match conn.as_mut() {
            Some(open) => open,
            None => conn.insert(
                tokio::time::timeout(REQUEST_TIMEOUT, Connection::open(address))
                    .await
                    .context("connecting for challenges timed out")??,
            ),
        };
        let answer = tokio::time::timeout(
            REQUEST_TIMEOUT,
            open.send(Method::GET, "/api/v1/altcha/challenge", None, Bytes::new()),
        )
        .await
        .context("a challenge timed out")??;
        if answer.status != StatusCode::OK {
            bail!("challenge HTTP {}: {}", answer.status, answer.text());
        }
        let challenge: ocs_crypto::Challenge =
            serde_json::from_slice(&answer.body).context("the challenge is not JSON")?;
        let payload = ocs_crypto::solve(&challenge).context("an unsolvable challenge")?;
        proofs.give_back(payload);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_given_back_are_taken_again() {
        let proofs = Proofs::default();
        assert_eq!(proofs.take(), None);
        proofs.give_back("a".to_owned());
        proofs.give_back("b".to_owned());
        assert_eq!(proofs.take().as_deref(), Some("b"));
        assert_eq!(proofs.take().as_deref(), Some("a"));
        assert_eq!(proofs.take(), None);
    }
}
