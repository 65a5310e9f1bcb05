//! Destruction on time with an injected clock: statements planted through the signing API
//! leave no trace in any file of the data directory afterwards, and backups no longer open.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::http::StatusCode;
use jiff::civil::date;
use jiff::tz::TimeZone;
use ocs_crypto::OsEntropy;
use ocs_domain::retention::{LifecycleDates, RetentionRules};
use ocs_domain::{InitiativeId, Slug};
use ocs_service::audit::Actor;
use ocs_service::backup::{BackupError, BackupKeys, restore_backup, write_backup};
use ocs_service::retention::{ConfiguredLifecycle, Destruction, DestructionParts};
use ocs_service::{Clock, MemoryAudit};
use ocs_storage::{StatementStore, Store};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};
use ocs_testkit::TestApp;

use crate::{austrian, post_statement, total};

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else if path.is_file() {
            // Regular files only: the administration socket lives here too.
            files.push(path);
        }
    }
    files
}

/// Every (file, marker index) where a marker occurs.
fn occurrences(dir: &Path, markers: &[Vec<u8>]) -> Vec<(PathBuf, usize)> {
    let mut found = Vec::new();
    for file in files_under(dir) {
        let bytes = std::fs::read(&file).unwrap();
        for (index, marker) in markers.iter().enumerate() {
            if bytes
                .windows(marker.len())
                .any(|window| window == marker.as_slice())
            {
                found.push((file.clone(), index));
            }
        }
    }
    found
}

/// The destruction job over the test app: `demo` submitted on 2026-12-20, `other` with its
/// collection start only.
pub fn job(
    app: &TestApp,
    keys: &BackupKeys,
    artefacts: &Path,
    audit: &Arc<MemoryAudit>,
) -> Destruction {
    let demo = InitiativeId::new(1);
    let lifecycle = ConfiguredLifecycle(HashMap::from([
        (
            demo,
            LifecycleDates {
                collection_start: Some(date(2026, 1, 1)),
                submitted_on: Some(date(2026, 12, 20)),
                withdrawn_on: None,
            },
        ),
        (
            InitiativeId::new(2),
            LifecycleDates {
                collection_start: Some(date(2026, 1, 1)),
                ..LifecycleDates::default()
            },
        ),
    ]));
    let store: Arc<dyn Store> = app.store.clone();
    let clock: Arc<dyn Clock> = app.clock.clone();
    Destruction::new(DestructionParts {
        initiatives: vec![
            (demo, Slug::parse("demo").unwrap()),
            (InitiativeId::new(2), Slug::parse("other").unwrap()),
        ],
        store: store.into(),
        clock,
        time_zone: TimeZone::UTC,
        rules: RetentionRules::default(),
        lifecycle: Arc::new(lifecycle),
        audit: audit.clone(),
        backup_keys: Some(keys.clone()),
        artefacts_dir: Some(artefacts.to_owned()),
        node: "test".to_owned(),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destruction_leaves_no_marker_in_the_data_directory_and_shreds_backups() {
    // Reads every file of the data folder, the SQLite database included: on SQLite whatever
    // the suite's backend.
    let app = TestApp::builder()
        .backend(ocs_testkit::TestBackend::Sqlite)
        .build()
        .await;
    let demo = InitiativeId::new(1);
    for number in 0..20 {
        let response = post_statement(&app, "demo", &austrian(&app, 90_000_000 + number)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    // A duplicate leaves a receipt alias; another initiative's statement must survive.
    post_statement(&app, "demo", &austrian(&app, 90_000_000)).await;
    post_statement(&app, "other", &austrian(&app, 91_000_000)).await;

    // The markers: what a statement leaves on disk (identifier, tag, ciphertext).
    let rows = app.store.statements(demo, 0, 100).await.unwrap();
    assert_eq!(rows.len(), 20);
    let markers: Vec<Vec<u8>> = rows
        .iter()
        .flat_map(|row| {
            [
                row.id.as_bytes().to_vec(),
                row.tag.as_bytes().to_vec(),
                row.envelope[40..72].to_vec(),
            ]
        })
        .collect();
    let data = app.data_dir().to_owned();
    // A server-side export artefact holding a marker, and a backup.
    let artefacts = data.join("artefacts");
    std::fs::create_dir_all(artefacts.join("demo")).unwrap();
    std::fs::write(artefacts.join("demo/demo-at.xml"), &markers[0]).unwrap();
    let keys = BackupKeys::new(data.join("keys"));
    let backup = data.join("demo.backup");
    assert_eq!(
        write_backup(app.store.as_ref(), &keys, demo, &OsEntropy, &backup)
            .await
            .unwrap(),
        20
    );
    // The backup restores while its key exists.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy =
        SqliteStore::open(&elsewhere.path().join("ocs.db"), SqliteOptions::default()).unwrap();
    assert_eq!(
        restore_backup(&copy, &keys, demo, &backup).await.unwrap(),
        20
    );
    assert_eq!(copy.statements(demo, 0, 100).await.unwrap().len(), 20);
    copy.close().await.unwrap();
    // The check can fail: before destruction the markers are on disk.
    let before = occurrences(&data, &markers);
    assert!(before.len() >= markers.len(), "{before:?}");

    let audit = Arc::new(MemoryAudit::default());
    let destruction = job(&app, &keys, &artefacts, &audit);
    // 2026-06-15: due 2027-01-20 (a month after submission), 219 days away.
    assert_eq!(destruction.days_until_destruction(demo).await, Some(219));
    assert!(destruction.run().await.unwrap().is_empty());
    assert_eq!(total(&app, "demo").await, 20);

    app.clock.set("2027-01-20T00:00:01Z".parse().unwrap());
    assert_eq!(destruction.days_until_destruction(demo).await, Some(0));
    let certificates = destruction.run().await.unwrap();
    assert_eq!(certificates.len(), 1, "{certificates:?}");
    let certificate = &certificates[0];
    assert_eq!(
        (
            certificate.statements,
            certificate.aliases,
            certificate.artefacts,
            certificate.backup_key
        ),
        (20, 1, 1, true)
    );

    let after = occurrences(&data, &markers);
    assert!(after.is_empty(), "markers left behind: {after:?}");
    assert_eq!(total(&app, "demo").await, 0);
    assert_eq!(
        total(&app, "other").await,
        1,
        "another initiative keeps its data"
    );
    // Crypto-shredding: the backup file is still there but opens no more, not even with a
    // new key under the same name.
    assert!(backup.exists());
    assert!(matches!(
        restore_backup(app.store.as_ref(), &keys, demo, &backup).await,
        Err(BackupError::NoKey(_))
    ));
    keys.load_or_create(demo, &OsEntropy).unwrap();
    assert!(matches!(
        restore_backup(app.store.as_ref(), &keys, demo, &backup).await,
        Err(BackupError::Crypto(_))
    ));
    assert_eq!(total(&app, "demo").await, 0);

    // The certificate is in the audit trail, without personal data.
    let events = audit.events();
    assert_eq!(events.len(), 1);
    let (_, event) = &events[0];
    assert_eq!(
        (event.actor.clone(), event.action.as_str()),
        (Actor::System, "data.destroyed")
    );
    assert!(event.detail.contains("statements 20"), "{}", event.detail);
    // Idempotent: nothing left, no second certificate (the new key is shredded once more
    // first, so make it go away to model a finished destruction).
    keys.shred(demo).unwrap();
    assert!(destruction.run().await.unwrap().is_empty());
    assert_eq!(audit.events().len(), 1);
}

/// The deadline comes from the console's lifecycle (first day of collection, withdrawal),
/// the configuration only fills gaps; destruction also purges the mail addresses, and its
/// certificate lands in the persistent audit trail.
#[expect(clippy::too_many_lines, reason = "one scenario, step by step")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destruction_follows_the_console_lifecycle_and_purges_mail_addresses() {
    use ocs_crypto::MailKey;
    use ocs_domain::access::Principal;
    use ocs_domain::lifecycle::Action;
    use ocs_domain::mail::EmailAddress;
    use ocs_service::audit::StoredAudit;
    use ocs_service::mail::{ConfirmationText, MailParts, MailService, MailSettings};

    // A draft: its period is recorded below, then it is opened and collects.
    let app = TestApp::builder().draft(1).build().await;
    let demo = InitiativeId::new(1);
    let store: Arc<dyn Store> = app.store.clone();
    let audit = Arc::new(StoredAudit::new(store.clone()));
    let (_, public) = ocs_crypto::generate_recipient_keys(&OsEntropy);
    let catalog = ocs_service::Catalog::new(vec![ocs_service::CatalogEntry {
        initiative: ocs_testkit::test_initiative(1, "demo"),
        recipients: vec![public],
        minimums: std::collections::BTreeMap::new(),
        authority_keys: std::collections::BTreeMap::new(),
        stored: false,
    }])
    .unwrap();
    let mail = Arc::new(MailService::new(MailParts {
        catalog: Arc::new(ocs_service::catalog::SharedCatalog::new(catalog)),
        store: app.store.clone().into(),
        clock: app.clock.clone(),
        entropy: Arc::new(OsEntropy),
        key: MailKey::new(&ocs_testkit::test_secret(7)),
        key_dir: None,
        audit: audit.clone(),
        settings: MailSettings {
            public_url: "https://ocs.example".into(),
            ..MailSettings::default()
        },
    }));
    let text = ConfirmationText {
        subject: "Please confirm".into(),
        body: "Confirm: {confirm}\nStop: {unsubscribe}\n".into(),
    };
    mail.subscribe(
        demo,
        &EmailAddress::parse("anna@example.eu").unwrap(),
        &text,
    )
    .await
    .unwrap();

    // Configured: collection from 2026-01-01, so due 2027-10-01.
    let configured = ConfiguredLifecycle(HashMap::from([(
        demo,
        LifecycleDates {
            collection_start: Some(date(2026, 1, 1)),
            ..LifecycleDates::default()
        },
    )]));
    let clock: Arc<dyn Clock> = app.clock.clone();
    let destruction = Destruction::new(DestructionParts {
        initiatives: vec![(demo, Slug::parse("demo").unwrap())],
        store: store.clone().into(),
        clock,
        time_zone: TimeZone::UTC,
        rules: RetentionRules::default(),
        lifecycle: Arc::new(configured),
        audit: audit.clone(),
        backup_keys: None,
        artefacts_dir: None,
        node: "test".to_owned(),
    })
    .with_mail(mail);
    assert_eq!(destruction.due_date(demo).await, Some(date(2027, 10, 1)));

    // The console records the period: its first day wins over the configuration.
    let actor = Actor::Operator("ops".into());
    let right = Principal::operator().can_manage(demo).unwrap();
    app.lifecycle
        .set_dates(
            &actor,
            right,
            Some(date(2026, 1, 5)),
            date(2026, 2, 2),
            date(2027, 1, 31),
        )
        .await
        .unwrap();
    assert_eq!(destruction.due_date(demo).await, Some(date(2027, 11, 2)));
    app.lifecycle
        .upload_certificate(
            &actor,
            right,
            b"%PDF-1.7 cert".to_vec(),
            "BVA",
            date(2026, 1, 5),
        )
        .await
        .unwrap();
    for (action, confirmation) in [
        (Action::StartTest, None),
        (Action::GoLive, Some("ECI(2025)000001")),
        (Action::Open, None),
    ] {
        app.lifecycle
            .apply(&actor, right, action, "", confirmation)
            .await
            .unwrap();
    }
    for number in 0..3 {
        let response = post_statement(&app, "demo", &austrian(&app, 92_000_000 + number)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    // Withdrawn today (2026-06-15): a month later.
    app.lifecycle
        .apply(&actor, right, Action::Withdraw, "no longer pursued", None)
        .await
        .unwrap();
    assert_eq!(destruction.due_date(demo).await, Some(date(2026, 7, 15)));
    assert_eq!(destruction.days_until_destruction(demo).await, Some(30));
    assert!(destruction.run().await.unwrap().is_empty());
    assert_eq!(total(&app, "demo").await, 3);

    app.clock.set("2026-07-15T00:00:01Z".parse().unwrap());
    let certificates = destruction.run().await.unwrap();
    assert_eq!(certificates.len(), 1, "{certificates:?}");
    assert_eq!(
        (certificates[0].statements, certificates[0].mail_addresses),
        (3, 1)
    );
    assert_eq!(total(&app, "demo").await, 0);
    // The addresses are gone: nothing left to purge.
    assert_eq!(app.store.purge_mail(demo).await.unwrap(), 0);
    // The certificate and the purge are in the hash-chained trail, without addresses.
    let trail = app.store.recent_audit(50).await.unwrap();
    let certificate = trail
        .iter()
        .find(|e| e.entry.action == "data.destroyed")
        .expect("destruction certificate in the audit trail");
    assert!(
        certificate.entry.detail.contains("statements 3")
            && certificate.entry.detail.contains("mail addresses 1"),
        "{}",
        certificate.entry.detail
    );
    assert!(trail.iter().any(|e| e.entry.action == "mail.purged"));
    assert!(trail.iter().all(|e| !e.entry.detail.contains("anna@")));
}

/// Scheduled backups (`[backup]`, issue 18 item 4) on the injected clock: one file per
/// initiative each interval, audited as the system; files older than `keep` go; at the
/// deadline the destruction job overwrites and removes them with the data and counts them in
/// its certificate, and no new one is written for that initiative.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheduled_backups_rotate_and_end_with_the_data_at_the_deadline() {
    use ocs_service::backup::scheduled::{BackupSchedule, ScheduledBackupParts, ScheduledBackups};

    let app = TestApp::builder()
        .backend(ocs_testkit::TestBackend::Sqlite)
        .build()
        .await;
    let demo = InitiativeId::new(1);
    for number in 0..3 {
        let response = post_statement(&app, "demo", &austrian(&app, 92_000_000 + number)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let data = app.data_dir().to_owned();
    let keys = BackupKeys::new(data.join("keys"));
    let folder = data.join("backups");
    let audit = Arc::new(MemoryAudit::default());
    let destruction = Arc::new(
        job(&app, &keys, &data.join("artefacts"), &audit).with_backups_dir(folder.clone()),
    );
    let backup_audit = Arc::new(MemoryAudit::default());
    let store: Arc<dyn Store> = app.store.clone();
    let clock: Arc<dyn Clock> = app.clock.clone();
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
    });
    let files = |slug: &str| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder.join(slug))
            .map(|entries| entries.map(|entry| entry.unwrap().path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    };

    // One backup per initiative, then nothing until the interval has passed.
    let round = backups.run_due().await.unwrap();
    assert_eq!(round.written.len(), 2, "{round:?}");
    let (_, first, count) = round.written.iter().find(|(id, ..)| *id == demo).unwrap();
    assert_eq!(*count, 3);
    assert!(backups.run_due().await.unwrap().written.is_empty());
    app.clock.advance(jiff::SignedDuration::from_hours(25));
    assert_eq!(backups.run_due().await.unwrap().written.len(), 2);
    assert_eq!(files("demo").len(), 2);
    // 50 hours after the first: it is older than `keep` and goes.
    app.clock.advance(jiff::SignedDuration::from_hours(25));
    let round = backups.run_due().await.unwrap();
    assert_eq!((round.written.len(), round.removed), (2, 2), "{round:?}");
    assert_eq!(files("demo").len(), 2);
    assert!(!first.exists());
    // Each one went through the audited backup use case, as the system; so did the removals.
    let events = backup_audit.events();
    let actions: Vec<&str> = events
        .iter()
        .map(|(_, event)| event.action.as_str())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|action| **action == ocs_service::custody::BACKUP_REQUESTED)
            .count(),
        6
    );
    assert_eq!(
        actions
            .iter()
            .filter(|action| **action == ocs_service::backup::scheduled::BACKUPS_REMOVED)
            .count(),
        2,
        "{actions:?}"
    );
    assert!(events.iter().all(|(_, event)| event.actor == Actor::System));

    // The deadline: the destruction job destroys the files with the data.
    app.clock.set("2027-01-20T00:00:01Z".parse().unwrap());
    let certificates = destruction.run().await.unwrap();
    assert_eq!(certificates.len(), 1, "{certificates:?}");
    assert_eq!(certificates[0].backup_files, 2);
    assert!(files("demo").is_empty());
    let (_, certificate) = &audit.events()[0];
    assert!(
        certificate.detail.contains("scheduled backup files 2"),
        "{}",
        certificate.detail
    );
    // And none is written for it any more; the other initiative goes on.
    let round = backups.run_due().await.unwrap();
    assert!(
        round.written.iter().all(|(id, ..)| *id != demo),
        "{round:?}"
    );
    assert!(files("demo").is_empty());
    // Months later: its old files have gone, a new one is there.
    assert_eq!(files("other").len(), 1);
}
