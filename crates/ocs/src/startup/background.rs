//! The server's periodic work: the upkeep loop and the scheduled backups.

use std::sync::Arc;

use crate::app::App;

/// The upkeep loop: key batches every 500 ms; every 5 s stored initiatives and the
/// lifecycle schedule; every 30 s the shared jobs, each under its lease.
pub(super) fn spawn_upkeep(app: &App) -> tokio::task::JoinHandle<()> {
    let signing = app.signing.clone();
    let destruction = app.destruction.clone();
    let lifecycle = app.lifecycle.clone();
    let setup = app.setup.clone();
    let tally_log = app.tally_log.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(500));
        let mut ticks = 0u64;
        loop {
            tick.tick().await;
            signing.maintain();
            // Every 30 s: shared jobs, each under its lease.
            if ticks.is_multiple_of(60) {
                signing.prune_claims().await;
                match destruction.run().await {
                    Ok(done) if !done.is_empty() => {
                        tracing::info!(initiatives = done.len(), "destruction certified");
                    }
                    Ok(_) => {}
                    Err(error) => tracing::error!(%error, "destruction failed; retried"),
                }
                // Key files of initiatives destroyed on another node.
                if let Err(error) = signing.tag_keys().shred_destroyed().await {
                    tracing::error!(code = %error.code(), %error, "removing destroyed key files failed; retried");
                }
            }
            // Every 5 s: initiatives set up or edited on other nodes, then open and close on
            // schedule (under its lease), and read changes other nodes made.
            if ticks.is_multiple_of(10) {
                if let Err(error) = setup.reload().await {
                    tracing::warn!(%error, "reloading stored initiatives failed");
                }
                if let Err(error) = lifecycle.run_schedule().await {
                    tracing::warn!(code = %error.code(), %error, "lifecycle scheduler failed");
                }
                // Publish due batches of the tally logs; a conflict means another node
                // published first (PostgreSQL), and the next round reads it.
                if let Some(tally_log) = &tally_log
                    && let Err(error) = tally_log.publish_due().await
                {
                    tracing::warn!(%error, "tally log publication failed; retried");
                }
            }
            ticks = ticks.wrapping_add(1);
        }
    })
}

/// [backup] Every minute, a round of scheduled backups (each initiative when its interval has
/// passed, under the job lease); apart from the upkeep loop, so a long backup delays nothing.
pub(super) fn spawn_backups(
    backups: Arc<ocs_service::backup::scheduled::ScheduledBackups>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_mins(1));
        loop {
            tick.tick().await;
            match backups.run_due().await {
                Ok(round) if !round.written.is_empty() || round.removed > 0 => {
                    tracing::info!(
                        written = round.written.len(),
                        removed = round.removed,
                        "scheduled backups"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "scheduled backup failed; retried"),
            }
        }
    })
}
