//! The one builder of the `ocs` command's async runtime: every subcommand that needs one
//! asks here, naming what it runs ([`Workload`]), so the runtime's drivers and thread counts
//! are decided in one place.

use std::future::Future;

use anyhow::Context as _;

/// What a command runs on the runtime; it decides the threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// One thing at a time (a query, an HTTP fetch, a migration, an export): the calling
    /// thread alone.
    Command,
    /// The whole application assembled in this process for one operator request (no server
    /// holds the database): two workers, so the store's writer and the services' tasks make
    /// progress while the request waits on them.
    Assembled,
    /// `ocs serve` and `ocs demo`: one worker per core.
    Server,
}

/// A new runtime for `workload`, with its I/O and time drivers.
pub fn build(workload: Workload) -> anyhow::Result<tokio::runtime::Runtime> {
    let mut builder = match workload {
        Workload::Command => tokio::runtime::Builder::new_current_thread(),
        Workload::Assembled => {
            let mut builder = tokio::runtime::Builder::new_multi_thread();
            builder.worker_threads(2);
            builder
        }
        Workload::Server => tokio::runtime::Builder::new_multi_thread(),
    };
    builder
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Runs `future` to its end on a new runtime for `workload`: its error, or the runtime's.
pub fn block_on<T>(
    workload: Workload,
    future: impl Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    build(workload)?.block_on(future)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command-line runtime is the calling thread alone and the assembled one has two
    /// workers; on every workload timers work (`enable_all`: a runtime without the time
    /// driver panics at the first timeout).
    #[test]
    fn each_workload_has_its_threads_and_drivers() {
        assert_eq!(build(Workload::Command).unwrap().metrics().num_workers(), 1);
        assert_eq!(
            build(Workload::Assembled).unwrap().metrics().num_workers(),
            2
        );
        for workload in [Workload::Command, Workload::Assembled, Workload::Server] {
            let slept = block_on(workload, async {
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                anyhow::Ok(workload)
            })
            .unwrap();
            assert_eq!(slept, workload);
        }
        let failed = block_on(Workload::Command, async { anyhow::bail!("refused") });
        assert_eq!(
            failed.map_err(|e| e.to_string()),
            Err::<(), _>("refused".to_owned())
        );
    }
}
