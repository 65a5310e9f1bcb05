//! The lifecycle service on a real SQLite file with a manual clock: certificate gating, the
//! scheduler across the period boundaries, working days, and the audit trail it leaves.

use std::collections::BTreeMap;

use jiff::civil::date;
use ocs_crypto::{SeededEntropy, generate_recipient_keys};
use ocs_domain::lifecycle::HolidayCalendar;
use ocs_domain::{CollectionPeriod, InitiativeStatus, Slug};
use ocs_storage::{AuditLog, Coordination};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};
use parking_lot::Mutex;

use super::*;
use crate::catalog::{Catalog, CatalogEntry, SharedCatalog};

struct ManualClock(Mutex<Timestamp>);

impl ManualClock {
    fn set(&self, text: &str) {
        *self.0.lock() = text.parse().unwrap();
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock()
    }
}

const ID: InitiativeId = InitiativeId::new(9);

fn manage() -> ocs_domain::access::CanManage {
    ocs_domain::access::Principal::account(ocs_domain::access::Role::Organiser, Some(ID))
        .can_manage(ID)
        .unwrap()
}

fn catalog() -> Catalog {
    let start: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let end: Timestamp = "2026-12-31T00:00:00Z".parse().unwrap();
    let (_, public) = generate_recipient_keys(&SeededEntropy::new(1));
    Catalog::new(vec![CatalogEntry {
        initiative: Initiative {
            id: ID,
            slug: Slug::parse("bees").unwrap(),
            registration_number: "ECI(2026)000009".into(),
            registration_date: date(2026, 1, 15),
            title: "t".into(),
            subject: "s".into(),
            objectives: "o".into(),
            organisers: vec![],
            register_url: "https://register.example/9".into(),
            website: None,
            privacy_notice: "p".into(),
            period: CollectionPeriod::new(start, end, date(2026, 1, 1), date(2026, 12, 31), 12)
                .unwrap(),
            status: InitiativeStatus::Draft,
            translations: ocs_domain::initiative::InitiativeTranslations::default(),
            regime: ocs_domain::Regime::National,
            storage_country: ocs_domain::CountryCode::BE,
            data_protection: ocs_domain::initiative::DataProtection::default(),
        },
        recipients: vec![public],
        minimums: BTreeMap::new(),
        authority_keys: BTreeMap::new(),
        stored: false,
    }])
    .unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Arc<SqliteStore>,
    clock: Arc<ManualClock>,
    service: LifecycleService,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("l.db"), SqliteOptions::default()).unwrap());
    let clock = Arc::new(ManualClock(Mutex::new(
        "2026-03-20T09:00:00Z".parse().unwrap(),
    )));
    let service = LifecycleService::new(LifecycleParts {
        catalog: Arc::new(SharedCatalog::new(catalog())),
        store: store.clone().into(),
        clock: clock.clone(),
        time_zone: TimeZone::get("Europe/Brussels").unwrap(),
        rules: DateRules {
            // Good Friday and Easter Monday 2026.
            calendar: HolidayCalendar::new([date(2026, 4, 3), date(2026, 4, 6)]),
            ..DateRules::default()
        },
        node: "node-a".into(),
    });
    Fixture {
        _dir: dir,
        store,
        clock,
        service,
    }
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one initiative's whole life, step by step"
)]
async fn an_initiative_goes_through_its_life_on_schedule() {
    let f = fixture();
    let ops = Actor::Operator("ops".into());
    let s = &f.service;
    // Notice on Thursday 2 April: ten working days later (skipping Easter) is 20 April.
    let refused = s
        .set_dates(
            &ops,
            manage(),
            Some(date(2026, 4, 2)),
            date(2026, 4, 17),
            date(2027, 4, 16),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "LIF-013");
    s.set_dates(
        &ops,
        manage(),
        Some(date(2026, 4, 2)),
        date(2026, 4, 20),
        date(2027, 4, 19),
    )
    .await
    .unwrap();
    assert_eq!(
        s.apply(&ops, manage(), Action::StartTest, "", None)
            .await
            .unwrap(),
        Stage::Test
    );
    assert_eq!(s.board().get(ID).unwrap().0, Stage::Test);
    let wrong = s
        .apply(&ops, manage(), Action::GoLive, "", Some("ECI(2026)000008"))
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), "LIF-003");
    s.apply(&ops, manage(), Action::GoLive, "", Some("ECI(2026)000009"))
        .await
        .unwrap();
    // No certificate: the scheduler does not open, and opening by hand is refused.
    f.clock.set("2026-04-20T08:00:00Z");
    assert!(s.run_schedule().await.unwrap().is_empty());
    assert_eq!(
        s.apply(&ops, manage(), Action::Open, "", None)
            .await
            .unwrap_err()
            .code(),
        "LIF-004"
    );
    assert_eq!(
        s.upload_certificate(
            &ops,
            manage(),
            b"not a pdf".to_vec(),
            "BVA",
            date(2026, 4, 1)
        )
        .await
        .unwrap_err()
        .code(),
        "LIF-022"
    );
    s.upload_certificate(
        &ops,
        manage(),
        b"%PDF-1.7 x".to_vec(),
        "BVA",
        date(2026, 4, 1),
    )
    .await
    .unwrap();
    // 20 April 00:00 in Brussels is 19 April 22:00 UTC.
    f.clock.set("2026-04-19T21:59:59Z");
    assert!(s.run_schedule().await.unwrap().is_empty());
    f.clock.set("2026-04-19T22:00:00Z");
    assert_eq!(s.run_schedule().await.unwrap(), [(ID, Action::Open)]);
    assert_eq!(s.board().get(ID).unwrap().0, Stage::Collecting);
    assert_eq!(
        s.public_certificate(ID).await.unwrap(),
        Some(b"%PDF-1.7 x".to_vec())
    );
    // Pause needs a reason.
    assert_eq!(
        s.apply(&ops, manage(), Action::Pause, " ", None)
            .await
            .unwrap_err()
            .code(),
        "LIF-002"
    );
    s.apply(&ops, manage(), Action::Pause, "server move", None)
        .await
        .unwrap();
    // The last day is 19 April 2027; closing at 20 April 00:00 Brussels (22:00 UTC).
    f.clock.set("2027-04-19T21:59:59Z");
    assert!(s.run_schedule().await.unwrap().is_empty());
    f.clock.set("2027-04-19T22:00:00Z");
    assert_eq!(s.run_schedule().await.unwrap(), [(ID, Action::Close)]);
    assert_eq!(s.board().get(ID).unwrap().0, Stage::Closed);
    // Closed is closed: opening again is illegal.
    assert_eq!(
        s.apply(&ops, manage(), Action::Open, "", None)
            .await
            .unwrap_err()
            .code(),
        "LIF-001"
    );
    let trail: Vec<(String, String)> = f
        .store
        .audit_entries(0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.entry.actor_kind, row.entry.action.to_string()))
        .collect();
    let expected = [
        ("operator", "initiative.managed"),
        ("operator", "initiative.dates"),
        ("operator", "initiative.start-test"),
        ("operator", "initiative.go-live"),
        ("operator", "initiative.certificate"),
        ("system", "initiative.open"),
        ("operator", "initiative.pause"),
        ("system", "initiative.close"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(trail, expected);
}

#[tokio::test]
async fn the_scheduler_runs_on_the_node_holding_the_lease() {
    let f = fixture();
    let now = f.clock.now();
    let later = now.checked_add(SignedDuration::from_secs(600)).unwrap();
    assert!(
        f.store
            .try_lease(SCHEDULE_JOB, "other-node", later, now)
            .await
            .unwrap()
    );
    let ops = Actor::Operator("ops".into());
    f.service
        .set_dates(
            &ops,
            manage(),
            Some(date(2026, 4, 2)),
            date(2026, 4, 20),
            date(2027, 4, 19),
        )
        .await
        .unwrap();
    // While another node holds the lease this one does nothing, even when a close is due.
    f.clock.set("2028-01-01T00:00:00Z");
    assert!(f.service.run_schedule().await.unwrap().is_empty());
}
