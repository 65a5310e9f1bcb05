//! One job lease: how every shared background job (lifecycle schedule, mail outbox,
//! destruction, scheduled backup, claim pruning) makes sure one node at a time runs it.
//!
//! Several app nodes may share one database. Each shared job has a name and a lease length;
//! a run first takes (or renews) the lease row for this node and does its work only when the
//! node holds it afterwards. A lease is never released: it runs out, so a node that dies
//! mid-run blocks the job for one lease length at most.

use std::future::Future;

use jiff::{SignedDuration, Timestamp};
use ocs_storage::{Coordination, StorageError};

/// A shared job: the name of its lease row and how long one run holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// The lease row's name (the same on every node).
    pub name: &'static str,
    /// How long a run holds the lease; a run should end well inside it.
    pub hold: SignedDuration,
}

impl Job {
    /// A job named `name` whose runs hold the lease for `hold`.
    #[must_use]
    pub const fn new(name: &'static str, hold: SignedDuration) -> Self {
        Self { name, hold }
    }

    /// Takes or renews this job's lease for `node` at `now`. Returns whether `node` holds
    /// it afterwards (`false` while another node's lease runs).
    ///
    /// # Errors
    /// The store's error when the lease row cannot be read or written.
    pub async fn take(
        &self,
        leases: &dyn Coordination,
        node: &str,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        let until = now.checked_add(self.hold).unwrap_or(now);
        leases.try_lease(self.name, node, until, now).await
    }

    /// Runs `work` when `node` holds this job's lease at `now`: `Ok(Some(..))` with its
    /// result, `Ok(None)` (and `work` never polled) while another node holds it.
    ///
    /// # Errors
    /// `lease_error` of the store's error when taking the lease fails; `work`'s error.
    pub async fn run<T, E>(
        &self,
        leases: &dyn Coordination,
        node: &str,
        now: Timestamp,
        lease_error: impl FnOnce(StorageError) -> E,
        work: impl Future<Output = Result<T, E>>,
    ) -> Result<Option<T>, E> {
        if !self.take(leases, node, now).await.map_err(lease_error)? {
            return Ok(None);
        }
        work.await.map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocs_storage::LocalCoordination;

    const JOB: Job = Job::new("test-job", SignedDuration::from_secs(60));

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).expect("valid timestamp")
    }

    #[tokio::test]
    async fn one_node_holds_the_lease_until_it_runs_out() {
        let leases = LocalCoordination::default();
        assert!(JOB.take(&leases, "a", at(0)).await.expect("lease"));
        assert!(!JOB.take(&leases, "b", at(30)).await.expect("lease"));
        // The holder renews it; the other node still waits.
        assert!(JOB.take(&leases, "a", at(50)).await.expect("lease"));
        assert!(!JOB.take(&leases, "b", at(100)).await.expect("lease"));
        // Once the renewed lease ran out, the other node takes it.
        assert!(JOB.take(&leases, "b", at(111)).await.expect("lease"));
    }

    #[tokio::test]
    async fn run_does_the_work_only_on_the_holder() {
        let leases = LocalCoordination::default();
        let ran = JOB
            .run(&leases, "a", at(0), |e| e.to_string(), async { Ok(7) })
            .await;
        assert_eq!(ran, Ok(Some(7)));
        let mut polled = false;
        let skipped = JOB
            .run(&leases, "b", at(1), |e| e.to_string(), async {
                polled = true;
                Ok(8)
            })
            .await;
        assert_eq!(skipped, Ok(None));
        assert!(!polled, "the other node's work never ran");
    }
}
