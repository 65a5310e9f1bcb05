//! Whole-database snapshots of the scheduled backups (`[backup] snapshot_key`, issue 18
//! item 4) against the destruction job, on the injected clock: a snapshot names the
//! initiatives it holds, rotates after `keep`, and goes whole when one of them is destroyed,
//! counted in the certificate.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::http::StatusCode;
use ocs_crypto::{OsEntropy, generate_recipient_keys};
use ocs_domain::InitiativeId;
use ocs_service::audit::Actor;
use ocs_service::backup::BackupKeys;
use ocs_service::backup::scheduled::{BackupSchedule, ScheduledBackupParts, ScheduledBackups};
use ocs_service::backup::snapshot::{self, Snapshots};
use ocs_service::{Clock, MemoryAudit};
use ocs_storage::Store;
use ocs_testkit::TestApp;

use crate::destruction::job;
use crate::{austrian, post_statement};

fn statements_in(database: &Path) -> i64 {
    rusqlite::Connection::open(database)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM statements", [], |row| row.get(0))
        .unwrap()
}

fn snapshot_files(backups: &Path) -> Vec<PathBuf> {
    snapshot::files(backups)
        .unwrap()
        .into_iter()
        .map(|(_, path)| path)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[expect(clippy::too_many_lines, reason = "one schedule, step by step")]
async fn database_snapshots_go_with_any_initiative_they_hold_and_are_counted_in_its_certificate() {
    let app = TestApp::builder()
        .backend(ocs_testkit::TestBackend::Sqlite)
        .build()
        .await;
    let demo = InitiativeId::new(1);
    for number in 0..3 {
        let response = post_statement(&app, "demo", &austrian(&app, 93_000_000 + number)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let data = app.data_dir().to_owned();
    let keys = BackupKeys::new(data.join("keys"));
    let folder = data.join("backups");
    let audit = Arc::new(MemoryAudit::default());
    let destruction = Arc::new(
        job(&app, &keys, &data.join("artefacts"), &audit).with_backups_dir(folder.clone()),
    );
    let (snapshot_private, snapshot_public) = generate_recipient_keys(&OsEntropy);
    let backup_audit = Arc::new(MemoryAudit::default());
    let store: Arc<dyn Store> = app.store.clone();
    let clock: Arc<dyn Clock> = app.clock.clone();
    let source = app
        .application
        .app()
        .backend
        .snapshot_source()
        .expect("SQLite copies itself");
    let backups = ScheduledBackups::new(ScheduledBackupParts {
        schedule: BackupSchedule {
            dir: folder.clone(),
            interval: jiff::SignedDuration::from_hours(24),
            keep: jiff::SignedDuration::from_hours(48),
            snapshot_key: None,
        },
        store: store.into(),
        keys: keys.clone(),
        destruction: destruction.clone(),
        audit: backup_audit.clone(),
        clock,
        entropy: Arc::new(OsEntropy),
        node: "test".to_owned(),
    })
    .with_snapshots(Snapshots {
        source,
        key: snapshot_public,
    });

    // A snapshot holding the initiative with data, which opens with the private half.
    let round = backups.run_due().await.unwrap();
    let (first, holds) = round.snapshot.clone().expect("a snapshot was taken");
    assert_eq!(holds, vec![demo], "{round:?}");
    let header = snapshot::read_header(&first).unwrap();
    assert_eq!(header.holds[0].slug, "demo");
    assert_eq!(
        header.earliest_deadline(),
        Some(jiff::civil::date(2027, 1, 20))
    );
    let restored = data.join("restored.db");
    snapshot::restore(&first, &snapshot_private, &restored).unwrap();
    assert_eq!(statements_in(&restored), 3);
    std::fs::remove_file(&restored).unwrap();
    // Not due again within the interval; then one per interval, and older than keep goes.
    assert!(backups.run_due().await.unwrap().snapshot.is_none());
    app.clock.advance(jiff::SignedDuration::from_hours(25));
    assert!(backups.run_due().await.unwrap().snapshot.is_some());
    app.clock.advance(jiff::SignedDuration::from_hours(25));
    let round = backups.run_due().await.unwrap();
    assert!(round.snapshot.is_some());
    assert_eq!(round.snapshots_removed, 1, "{round:?}");
    assert!(!first.exists());
    assert_eq!(snapshot_files(&folder).len(), 2);
    let actions: Vec<ocs_storage::AuditAction> = backup_audit
        .events()
        .iter()
        .filter(|(_, event)| event.actor == Actor::System)
        .map(|(_, event)| event.action.clone())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == snapshot::SNAPSHOT_TAKEN)
            .count(),
        3
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == snapshot::SNAPSHOTS_REMOVED)
            .count(),
        1
    );

    // The deadline: destruction removes both snapshots (they hold the demo's statements)
    // and counts them in its certificate.
    app.clock.set("2027-01-20T00:00:01Z".parse().unwrap());
    let certificates = destruction.run().await.unwrap();
    assert_eq!(certificates.len(), 1, "{certificates:?}");
    assert_eq!(certificates[0].database_snapshots, 2);
    assert!(snapshot_files(&folder).is_empty());
    let (_, certificate) = &audit.events()[0];
    assert!(
        certificate.detail.contains("database snapshots 2"),
        "{}",
        certificate.detail
    );
    // The next snapshot no longer holds it, and destruction finds nothing more to do.
    let round = backups.run_due().await.unwrap();
    let (_, holds) = round.snapshot.expect("a snapshot after the destruction");
    assert!(!holds.contains(&demo), "{holds:?}");
    assert!(destruction.run().await.unwrap().is_empty());
    // No clear copy was ever left in the backup folder.
    let work: Vec<_> = std::fs::read_dir(snapshot::folder(&folder).join(".work"))
        .unwrap()
        .collect();
    assert!(work.is_empty(), "{work:?}");
}

/// A snapshot taken while an initiative it would hold is past its deadline (destruction has
/// not run yet) is not taken, and one already there is removed by the round.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_snapshot_is_kept_or_taken_past_the_deadline_of_an_initiative_it_holds() {
    let app = TestApp::builder()
        .backend(ocs_testkit::TestBackend::Sqlite)
        .build()
        .await;
    let response = post_statement(&app, "demo", &austrian(&app, 94_000_000)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let data = app.data_dir().to_owned();
    let keys = BackupKeys::new(data.join("keys"));
    let folder = data.join("backups");
    let audit = Arc::new(MemoryAudit::default());
    let destruction = Arc::new(
        job(&app, &keys, &data.join("artefacts"), &audit).with_backups_dir(folder.clone()),
    );
    let store: Arc<dyn Store> = app.store.clone();
    let clock: Arc<dyn Clock> = app.clock.clone();
    let backups = ScheduledBackups::new(ScheduledBackupParts {
        schedule: BackupSchedule {
            dir: folder.clone(),
            interval: jiff::SignedDuration::from_hours(24),
            // Kept a year: only the deadline can end it.
            keep: jiff::SignedDuration::from_hours(24 * 366),
            snapshot_key: None,
        },
        store: store.into(),
        keys,
        destruction,
        audit: Arc::new(MemoryAudit::default()),
        clock,
        entropy: Arc::new(OsEntropy),
        node: "test".to_owned(),
    })
    .with_snapshots(Snapshots {
        source: app.application.app().backend.snapshot_source().unwrap(),
        key: generate_recipient_keys(&OsEntropy).1,
    });
    assert!(backups.run_due().await.unwrap().snapshot.is_some());
    assert_eq!(snapshot_files(&folder).len(), 1);
    app.clock.set("2027-01-20T00:00:01Z".parse().unwrap());
    let round = backups.run_due().await.unwrap();
    assert_eq!(round.snapshots_removed, 1, "{round:?}");
    assert!(round.snapshot.is_none(), "{round:?}");
    assert!(snapshot_files(&folder).is_empty());
}
