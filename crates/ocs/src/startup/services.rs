//! The background services the assembly adds to the signing path (destruction, scheduled
//! backups, tally logs), and the catalogue, set-up and lifecycle use cases the CLI shares.

use std::sync::Arc;

use ocs_crypto::{OsEntropy, SecretKey};
use ocs_service::backup::BackupKeys;
use ocs_service::catalog::{Catalog, SharedCatalog};
use ocs_service::lifecycle::{LifecycleParts, LifecycleService};
use ocs_service::retention::{ConfiguredLifecycle, Destruction, DestructionParts};
use ocs_service::setup::InitiativeSetup;
use ocs_service::{AuditSink, Clock, SystemClock};

use crate::backend::Backend;
use crate::config::Config;

/// [backup] The scheduled backups over the destruction job's initiatives and deadlines.
pub(super) fn scheduled_backups(
    config: &Config,
    backend: &Backend,
    destruction: &Arc<Destruction>,
    audit: Arc<dyn AuditSink>,
    clock: Arc<dyn Clock>,
    node: &str,
) -> anyhow::Result<Option<Arc<ocs_service::backup::scheduled::ScheduledBackups>>> {
    use ocs_service::backup::scheduled::{ScheduledBackupParts, ScheduledBackups};
    let Some(schedule) = config.backup.clone() else {
        return Ok(None);
    };
    let store = backend.store();
    let snapshots = crate::backup::snapshots(&schedule, backend)?;
    let backups = ScheduledBackups::new(ScheduledBackupParts {
        schedule,
        store: store.into(),
        keys: BackupKeys::new(config.backup_keys_dir.clone()),
        destruction: destruction.clone(),
        audit,
        clock,
        entropy: Arc::new(OsEntropy),
        node: node.to_owned(),
    });
    Ok(Some(Arc::new(match snapshots {
        Some(snapshots) => backups.with_snapshots(snapshots),
        None => backups,
    })))
}

/// [tally log] The public tally logs over the store (ADR 0007): keys derived from the server
/// key, named after the public URL (or the listen address), published by `[counters]`.
pub(super) fn tally_log(
    config: &Config,
    catalog: Arc<SharedCatalog>,
    store: Arc<dyn ocs_storage::Store>,
    server_key: &SecretKey,
    clock: Arc<dyn Clock>,
) -> Arc<ocs_service::tally_log::TallyLog> {
    let host = config.public_url.as_deref().map_or_else(
        || config.listen.to_string(),
        |url| {
            url.trim_start_matches("https://")
                .trim_start_matches("http://")
                .to_owned()
        },
    );
    Arc::new(
        ocs_service::tally_log::TallyLog::new(
            store,
            catalog,
            clock,
            ocs_crypto::LogKeys::new(server_key),
            &host,
            config.counters,
        )
        .with_witnesses(config.tally_log.witnesses.clone()),
    )
}

/// The destruction job over the configured initiatives, deadlines and folders.
pub(super) fn destruction(
    config: &Config,
    store: Arc<dyn ocs_storage::Store>,
    node: &str,
    audit: Arc<dyn AuditSink>,
    clock: Arc<dyn Clock>,
) -> Destruction {
    let lifecycle = ConfiguredLifecycle(
        config
            .initiatives
            .iter()
            .map(|entry| (entry.initiative.id, entry.lifecycle))
            .collect(),
    );
    Destruction::new(DestructionParts {
        initiatives: config
            .initiatives
            .iter()
            .map(|entry| (entry.initiative.id, entry.initiative.slug.clone()))
            .collect(),
        store: store.into(),
        clock,
        time_zone: config.time_zone.clone(),
        rules: config.retention,
        lifecycle: Arc::new(lifecycle),
        audit,
        backup_keys: Some(BackupKeys::new(config.backup_keys_dir.clone())),
        artefacts_dir: config.artefacts_dir.clone(),
        node: node.to_owned(),
    })
}

/// The catalogue every service reads, empty until [`InitiativeSetup::reload`] fills it from
/// the store (where [`crate::configured::seed`] put the configuration file's initiatives).
pub fn catalog() -> SharedCatalog {
    SharedCatalog::new(Catalog::default())
}

/// The initiative set-up use cases over `store` and `catalog`, for the server and the CLI.
pub fn setup_service(
    config: &Config,
    catalog: Arc<SharedCatalog>,
    store: Arc<dyn ocs_storage::Store>,
) -> InitiativeSetup {
    InitiativeSetup::new(
        store,
        catalog,
        Arc::new(config.table.clone()),
        Arc::new(SystemClock),
        config.time_zone.clone(),
    )
    .with_demo(config.demo)
}

/// The lifecycle use cases over `store`, for the server and the CLI.
pub fn lifecycle_service(
    config: &Config,
    catalog: Arc<SharedCatalog>,
    store: Arc<dyn ocs_storage::Store>,
    node: &str,
) -> LifecycleService {
    LifecycleService::new(LifecycleParts {
        catalog,
        store: store.into(),
        clock: Arc::new(SystemClock),
        time_zone: config.time_zone.clone(),
        rules: config.lifecycle.clone(),
        node: node.to_owned(),
    })
}
