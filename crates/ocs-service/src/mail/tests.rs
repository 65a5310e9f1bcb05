//! The mail use cases on a real SQLite file. Delivery here goes to a transport that keeps
//! the messages (or fails on demand); the real SMTP path is tested end to end in
//! `crates/ocs/tests/it/mail/` against a local SMTP server.

use std::path::Path;

use jiff::civil::date;
use ocs_crypto::{SecretKey, SeededEntropy, generate_recipient_keys};
use ocs_domain::access::CanManage;
use ocs_domain::initiative::{InitiativeTranslations, OrganiserRole};
use ocs_domain::{CollectionPeriod, Initiative, InitiativeStatus, Organiser};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};
use parking_lot::Mutex;

use super::*;
use crate::audit::MemoryAudit;

/// The right to manage the fixture's initiative (number 3).
fn manage() -> CanManage {
    ocs_domain::access::Principal::operator()
        .can_manage(InitiativeId::new(3))
        .unwrap()
}
use crate::catalog::{Catalog, CatalogEntry, SharedCatalog};

struct FixedClock(Mutex<Timestamp>);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.0.lock()
    }
}

#[derive(Default)]
struct KeepingTransport {
    sent: Mutex<Vec<OutgoingMail>>,
    down: Mutex<bool>,
}

#[async_trait::async_trait]
impl MailTransport for KeepingTransport {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), SendError> {
        if *self.down.lock() {
            return Err(SendError::Temporary("connection refused".into()));
        }
        self.sent.lock().push(mail.clone());
        Ok(())
    }
}

fn initiative() -> Initiative {
    let start: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let end: Timestamp = "2026-12-31T00:00:00Z".parse().unwrap();
    Initiative {
        id: InitiativeId::new(3),
        slug: Slug::parse("clean-air").unwrap(),
        registration_number: "ECI(2025)000003".into(),
        registration_date: date(2025, 12, 1),
        title: "Clean air".into(),
        subject: "Subject".into(),
        objectives: "Objectives".into(),
        organisers: vec![Organiser {
            name: "Alex Example".into(),
            role: OrganiserRole::Representative,
            email: None,
        }],
        register_url: "https://register.example/3".into(),
        website: None,
        privacy_notice: "Privacy".into(),
        period: CollectionPeriod::new(start, end, date(2026, 1, 1), date(2026, 12, 31), 12)
            .unwrap(),
        status: InitiativeStatus::Collecting,
        translations: InitiativeTranslations::default(),
        regime: ocs_domain::Regime::National,
        storage_country: ocs_domain::CountryCode::BE,
        data_protection: ocs_domain::initiative::DataProtection::default(),
    }
}

struct Fixture {
    service: MailService,
    clock: Arc<FixedClock>,
    audit: Arc<MemoryAudit>,
}

fn fixture(path: &Path) -> Fixture {
    let store = Arc::new(SqliteStore::open(path, SqliteOptions::default()).unwrap());
    let (_, public) = generate_recipient_keys(&SeededEntropy::new(1));
    let catalog = Catalog::new(vec![CatalogEntry {
        initiative: initiative(),
        recipients: vec![public],
        minimums: BTreeMap::new(),
        authority_keys: BTreeMap::new(),
        stored: false,
    }])
    .unwrap();
    let clock = Arc::new(FixedClock(Mutex::new(
        "2026-03-04T10:11:12Z".parse().unwrap(),
    )));
    let audit = Arc::new(MemoryAudit::default());
    let service = MailService::new(MailParts {
        catalog: Arc::new(SharedCatalog::new(catalog)),
        store: store.into(),
        clock: clock.clone(),
        entropy: Arc::new(SeededEntropy::new(9)),
        key: MailKey::new(&SecretKey::from_bytes([5; 32])),
        key_dir: None,
        audit: audit.clone(),
        settings: MailSettings {
            public_url: "https://ocs.example".into(),
            ..MailSettings::default()
        },
    });
    Fixture {
        service,
        clock,
        audit,
    }
}

fn text() -> ConfirmationText {
    ConfirmationText {
        subject: "Please confirm".into(),
        body: "Confirm: {confirm}\nStop: {unsubscribe}\n".into(),
    }
}

fn link_in<'a>(body: &'a str, kind: &str) -> &'a str {
    let start = body.find(&format!("/mail/{kind}/")).unwrap() + kind.len() + 7;
    let rest = &body[start..];
    &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())]
}

#[tokio::test]
async fn double_opt_in_then_update_then_unsubscribe() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(&dir.path().join("ocs.db"));
    let address = EmailAddress::parse("Anna@Example.EU").unwrap();
    let added = f
        .service
        .subscribe(InitiativeId::new(3), &address, &text())
        .await
        .unwrap();
    assert_eq!(added, Added::Pending);
    let transport = KeepingTransport::default();
    // Nothing confirmed yet: an update reaches nobody.
    let queued = f
        .service
        .send_update(manage(), "News", "Hello", Actor::Operator("ops".into()))
        .await
        .unwrap();
    assert_eq!(queued, 0);
    let round = f.service.deliver_due(&transport).await.unwrap().unwrap();
    assert_eq!(round.sent, 1);
    let confirmation = transport.sent.lock().pop().unwrap();
    assert_eq!(confirmation.to, "Anna@example.eu");
    assert!(
        confirmation
            .unsubscribe_url
            .starts_with("https://ocs.example/mail/unsubscribe/")
    );
    let token = link_in(&confirmation.body, "confirm").to_owned();
    assert_eq!(
        f.service.confirm(&token).await.unwrap(),
        Some(InitiativeId::new(3))
    );
    assert_eq!(f.service.confirm(&token).await.unwrap(), None, "used once");

    let queued = f
        .service
        .send_update(manage(), "News", "Hello", Actor::Operator("ops".into()))
        .await
        .unwrap();
    assert_eq!(queued, 1);
    f.service.deliver_due(&transport).await.unwrap();
    let update = transport.sent.lock().pop().unwrap();
    assert_eq!(update.subject, "News");
    assert!(update.body.starts_with("Hello\n"));
    assert!(update.body.contains(&update.unsubscribe_url));

    let exported = f
        .service
        .export_confirmed(manage(), Actor::Operator("ops".into()))
        .await
        .unwrap();
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0].address, "Anna@example.eu");
    assert_eq!(exported[0].confirmed_on, date(2026, 3, 4));

    let unsubscribe = link_in(&update.unsubscribe_url, "unsubscribe").to_owned();
    assert_eq!(
        f.service.unsubscribe(&unsubscribe).await.unwrap(),
        Some(InitiativeId::new(3))
    );
    assert!(
        f.service
            .export_confirmed(manage(), Actor::Operator("ops".into()))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(f.service.unsubscribe("forged").await.unwrap(), None);

    // The audit trail has counts and actions, never the address.
    let events = f.audit.events();
    let actions: Vec<&str> = events.iter().map(|(_, e)| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "mail.update_queued",
            "mail.update_queued",
            "mail.exported",
            "mail.exported"
        ]
    );
    assert!(
        events
            .iter()
            .all(|(_, e)| !e.detail.to_lowercase().contains("anna"))
    );
}

#[tokio::test]
async fn failed_delivery_is_retried_with_backoff_then_given_up() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(&dir.path().join("ocs.db"));
    let address = EmailAddress::parse("bo@example.eu").unwrap();
    f.service
        .subscribe(InitiativeId::new(3), &address, &text())
        .await
        .unwrap();
    let transport = KeepingTransport::default();
    *transport.down.lock() = true;
    let round = f.service.deliver_due(&transport).await.unwrap().unwrap();
    assert_eq!(round.retried, 1);
    // Not due again before the backoff has passed.
    let round = f.service.deliver_due(&transport).await.unwrap().unwrap();
    assert_eq!(round, Delivery::default());
    *f.clock.0.lock() += SignedDuration::from_secs(30);
    *transport.down.lock() = false;
    let round = f.service.deliver_due(&transport).await.unwrap().unwrap();
    assert_eq!(round.sent, 1);
    assert_eq!(transport.sent.lock().len(), 1);

    assert_eq!(f.service.backoff(1), SignedDuration::from_secs(30));
    assert_eq!(f.service.backoff(3), SignedDuration::from_secs(120));
    assert_eq!(f.service.backoff(30), SignedDuration::from_hours(1));

    // A message that keeps failing is given up after max_attempts.
    let other = EmailAddress::parse("cy@example.eu").unwrap();
    f.service
        .subscribe(InitiativeId::new(3), &other, &text())
        .await
        .unwrap();
    *transport.down.lock() = true;
    let mut failed = 0;
    for _ in 0..20 {
        *f.clock.0.lock() += SignedDuration::from_hours(2);
        failed += f
            .service
            .deliver_due(&transport)
            .await
            .unwrap()
            .unwrap()
            .failed;
    }
    assert_eq!(failed, 1);
}

#[tokio::test]
async fn purge_removes_an_initiatives_addresses_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(&dir.path().join("ocs.db"));
    for address in ["a@example.eu", "b@example.eu"] {
        let address = EmailAddress::parse(address).unwrap();
        f.service
            .subscribe(InitiativeId::new(3), &address, &text())
            .await
            .unwrap();
    }
    assert_eq!(
        f.service
            .purge_initiative_mail(InitiativeId::new(3))
            .await
            .unwrap(),
        2
    );
    let transport = KeepingTransport::default();
    let round = f.service.deliver_due(&transport).await.unwrap().unwrap();
    assert_eq!(
        round.sent, 0,
        "queued confirmations went with the addresses"
    );
    let events = f.audit.events();
    assert_eq!(events[0].1.action, "mail.purged");
    assert_eq!(events[0].1.actor, Actor::System);
}

#[tokio::test]
async fn the_database_file_holds_no_address_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    let f = fixture(&path);
    let address = EmailAddress::parse("distinctive.person@example.eu").unwrap();
    f.service
        .subscribe(InitiativeId::new(3), &address, &text())
        .await
        .unwrap();
    drop(f);
    let mut bytes = std::fs::read(&path).unwrap();
    let mut wal = path.clone().into_os_string();
    wal.push("-wal");
    if let Ok(more) = std::fs::read(&wal) {
        bytes.extend(more);
    }
    assert!(bytes.len() > 4096);
    assert!(!bytes.windows(18).any(|w| w == b"distinctive.person"));
}

#[test]
fn an_update_needs_a_one_line_subject_and_a_text_within_limits() {
    assert_eq!(check_update("News", "Hello"), Ok(()));
    let long_subject = "é".repeat(MAX_SUBJECT_CHARS);
    assert_eq!(
        check_update(&long_subject, "Hello"),
        Ok(()),
        "counted in characters"
    );
    let cases = [
        ("", "Hello", UpdateProblem::EmptySubject),
        ("  ", "Hello", UpdateProblem::EmptySubject),
        (
            "News\r\nBcc: x@example.org",
            "Hello",
            UpdateProblem::SubjectNotOneLine,
        ),
        ("News\n", "Hello", UpdateProblem::SubjectNotOneLine),
        (
            &format!("{long_subject}x"),
            "Hello",
            UpdateProblem::SubjectTooLong,
        ),
        ("News", " \n\t", UpdateProblem::EmptyBody),
        (
            "News",
            &"a".repeat(MAX_BODY_BYTES + 1),
            UpdateProblem::BodyTooLong,
        ),
    ];
    for (subject, body, problem) in cases {
        assert_eq!(check_update(subject, body), Err(problem), "{subject:?}");
    }
}

#[tokio::test]
async fn a_bad_update_queues_nothing_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(&dir.path().join("ocs.db"));
    let slug = Slug::parse("clean-air").unwrap();
    let error = f
        .service
        .send_update(
            manage(),
            "News\r\nBcc: all",
            "Hello",
            Actor::Operator("ops".into()),
        )
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        MailError::BadUpdate(UpdateProblem::SubjectNotOneLine)
    ));
    assert!(
        f.audit.events().is_empty(),
        "a refused update is not audited as sent"
    );
    assert_eq!(f.service.subscriber_count(&slug).await.unwrap(), 0);
}

#[test]
fn the_csv_export_defuses_formula_like_values() {
    let rows = [
        ExportedAddress {
            address: "anna@example.eu".to_owned(),
            confirmed_on: date(2026, 3, 4),
        },
        ExportedAddress {
            address: "=cmd@example.eu".to_owned(),
            confirmed_on: date(2026, 3, 5),
        },
    ];
    assert_eq!(
        addresses_csv(&rows),
        "email,confirmed_on\nanna@example.eu,2026-03-04\n'=cmd@example.eu,2026-03-05\n"
    );
}

/// Each initiative's addresses are sealed under its own key; purging one initiative (its key
/// destroyed with its rows) leaves another's mail readable and deliverable.
#[tokio::test]
async fn one_initiatives_purge_leaves_another_initiatives_mail_readable() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(&dir.path().join("ocs.db"));
    for (initiative, address) in [(3, "a@example.eu"), (4, "b@example.eu")] {
        let address = EmailAddress::parse(address).unwrap();
        f.service
            .subscribe(InitiativeId::new(initiative), &address, &text())
            .await
            .unwrap();
    }
    f.service
        .purge_initiative_mail(InitiativeId::new(3))
        .await
        .unwrap();
    let event = &f.audit.events()[0].1;
    assert!(
        event.detail.contains("initiative mail key destroyed"),
        "{event:?}"
    );
    let transport = KeepingTransport::default();
    let round = f.service.deliver_due(&transport).await.unwrap().unwrap();
    assert_eq!((round.sent, round.failed), (1, 0));
    assert_eq!(transport.sent.lock()[0].to, "b@example.eu");
}
