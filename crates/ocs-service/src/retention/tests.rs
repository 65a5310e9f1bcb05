//! The destruction job on a real SQLite file: a run that fails between the delete and the
//! compaction writes no certificate and leaves the destruction pending; after a restart the
//! next run compacts, certifies with the counts of the first delete, and finishes.

use jiff::Timestamp;
use jiff::civil::date;
use ocs_domain::{CountryCode, DedupTag, StatementId};
use ocs_storage::{DestructionLog, EidSubjects, SealedStatement, StatementStore};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};
use parking_lot::Mutex;

use super::*;
use crate::audit::{MemoryAudit, StoredAudit};

struct FixedClock(Mutex<Timestamp>);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.0.lock()
    }
}

fn sealed(initiative: u32, serial: u8) -> SealedStatement {
    SealedStatement {
        id: StatementId::from_bytes([serial; 16]),
        initiative: InitiativeId::new(initiative),
        nationality: CountryCode::SE,
        submitted_at: Timestamp::from_second(1_700_000_000).unwrap(),
        tag: DedupTag::from_bytes([serial; 32]),
        envelope: vec![serial; 200],
        test: false,
        receipt_verifier: None,
        paper: false,
        log_entry: None,
    }
}

/// The job over `store`: initiative 1 was submitted in 2025 (long past its deadline on the
/// clock's day), initiative 2 has no deadline yet.
fn job(store: Arc<SqliteStore>, audit: Arc<MemoryAudit>) -> Destruction {
    let lifecycle = ConfiguredLifecycle(HashMap::from([(
        InitiativeId::new(1),
        LifecycleDates {
            collection_start: Some(date(2024, 6, 1)),
            submitted_on: Some(date(2025, 6, 1)),
            withdrawn_on: None,
        },
    )]));
    let clock = FixedClock(Mutex::new(Timestamp::from_second(1_800_000_000).unwrap()));
    Destruction::new(DestructionParts {
        initiatives: vec![
            (InitiativeId::new(1), Slug::parse("first").unwrap()),
            (InitiativeId::new(2), Slug::parse("second").unwrap()),
        ],
        store: store.into(),
        clock: Arc::new(clock),
        time_zone: TimeZone::UTC,
        rules: RetentionRules::default(),
        lifecycle: Arc::new(lifecycle),
        audit,
        backup_keys: None,
        artefacts_dir: None,
        node: "test".to_owned(),
    })
}

fn certificates(audit: &MemoryAudit) -> Vec<String> {
    audit
        .events()
        .into_iter()
        .filter(|(_, event)| event.action == DESTROYED_ACTION)
        .map(|(_, event)| event.detail)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_between_delete_and_compaction_is_finished_and_certified_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    let store = Arc::new(SqliteStore::open(&path, SqliteOptions::default()).unwrap());
    for serial in 1..=3 {
        store.record_statement(sealed(1, serial)).await.unwrap();
    }
    store.record_statement(sealed(2, 9)).await.unwrap();
    assert!(
        store
            .reserve_eid_subject(InitiativeId::new(1), DedupTag::from_bytes([7; 32]))
            .await
            .unwrap()
    );
    let audit = Arc::new(MemoryAudit::default());

    // A reader holds a snapshot from before the delete: the compaction cannot empty the
    // write-ahead log and fails after the deletes committed.
    let mut reader = rusqlite::Connection::open(&path).unwrap();
    let snapshot = reader.transaction().unwrap();
    let _: i64 = snapshot
        .query_row("SELECT COUNT(*) FROM statements", [], |row| row.get(0))
        .unwrap();
    let destruction = job(Arc::clone(&store), Arc::clone(&audit));
    assert!(destruction.run().await.is_err());
    assert!(certificates(&audit).is_empty(), "no certificate yet");
    let pending = store.pending_destructions().await.unwrap();
    assert_eq!(pending.len(), 1);
    assert!(
        !store
            .holds_initiative_data(InitiativeId::new(1))
            .await
            .unwrap()
    );
    snapshot.commit().unwrap();
    drop(reader);

    // The process stops; a new one opens the file and runs the job again.
    drop(destruction);
    drop(store);
    let store = Arc::new(SqliteStore::open(&path, SqliteOptions::default()).unwrap());
    let destruction = job(Arc::clone(&store), Arc::clone(&audit));
    let done = destruction.run().await.unwrap();
    assert_eq!(done.len(), 1);
    let certificate = &done[0];
    assert_eq!(certificate.initiative, InitiativeId::new(1));
    assert_eq!(certificate.statements, 3, "the counts of the first delete");
    assert_eq!(certificate.eid_subjects, 1);
    let written = certificates(&audit);
    assert_eq!(written.len(), 1);
    assert!(written[0].contains("statements 3;"), "{}", written[0]);
    assert!(written[0].contains("eID subjects 1;"), "{}", written[0]);
    assert!(written[0].contains("eid_subjects"), "{}", written[0]);
    assert!(store.pending_destructions().await.unwrap().is_empty());
    // Nothing pending and nothing left: a later run certifies nothing again; the other
    // initiative is untouched.
    assert!(destruction.run().await.unwrap().is_empty());
    assert_eq!(
        store
            .statements(InitiativeId::new(2), 0, 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

/// The tags of initiative 1 in `table` of the database file `copy`.
fn copied_tags(copy: &std::path::Path, table: &str, column: &str) -> Vec<Vec<u8>> {
    let copy = rusqlite::Connection::open(copy).unwrap();
    let mut query = copy
        .prepare(&format!(
            "SELECT {column} FROM {table} WHERE initiative_id = 1"
        ))
        .unwrap();
    query
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Issue 20: a copy of the database taken before the deadline (a backup, a dump, a replica)
/// still holds the tags after destruction; with everything the deployment holds afterwards
/// (the keys folder, the server key, the shared de-duplication secret, the live database) no
/// tag of the copy can be recomputed, so no guess of a person's identity can be tested.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_copy_from_before_the_deadline_cannot_be_linked_to_a_person_after_it() {
    use crate::initiative_keys::{DestroyedKeys, Keyring};
    use ocs_crypto::{DedupKey, InitiativeKeyWrap, SecretKey, SeededEntropy};
    use ocs_storage::InitiativeKeyLog as _;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ocs.db");
    let keys_dir = dir.path().join("keys");
    let store = Arc::new(SqliteStore::open(&path, SqliteOptions::default()).unwrap());
    let server_key = SecretKey::from_bytes([3; 32]);
    let shared = DedupKey::new(SecretKey::from_bytes([4; 32]));
    let ring = |seed| {
        let store: Arc<dyn ocs_storage::Store> = store.clone();
        Keyring::new(
            &keys_dir,
            InitiativeKeyWrap::new(&server_key),
            shared.clone(),
            store,
            Arc::new(SeededEntropy::new(seed)),
            Arc::new(FixedClock(Mutex::new(
                Timestamp::from_second(1_700_000_000).unwrap(),
            ))),
        )
    };
    let keyring = Arc::new(ring(1));
    let one = InitiativeId::new(1);
    // The signer's identity as the signing path normalises it, and an eID identifier.
    let identity = "SE|198001011234";
    let eid_identity = "eid|SE/SE/198001011234";
    let mut statement = sealed(1, 1);
    statement.tag = keyring.statement_tag(one, identity).await.unwrap();
    // A new initiative gets random subkeys, named in the store by their key id.
    let key_id = store
        .initiative_key(one)
        .await
        .unwrap()
        .unwrap()
        .key_id
        .expect("random subkeys");
    store.record_statement(statement.clone()).await.unwrap();
    let eid_tag = keyring.eid_tag(one, eid_identity).await.unwrap();
    assert!(store.reserve_eid_subject(one, eid_tag).await.unwrap());

    // Before the deadline someone keeps a copy of the database.
    let copy = dir.path().join("copy-before-the-deadline.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    // The copy is real: with the key, the guess is confirmed.
    assert_eq!(
        copied_tags(&copy, "statements", "dedup_tag"),
        vec![statement.tag.as_bytes().to_vec()]
    );

    let audit = Arc::new(MemoryAudit::default());
    let destruction = job(Arc::clone(&store), Arc::clone(&audit)).with_keyring(keyring.clone());
    let done = destruction.run().await.unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(
        done[0].tag_keys,
        DestroyedKeys::Random {
            key_id: key_id.clone(),
            file: true
        }
    );
    let written = certificates(&audit);
    assert!(written[0].contains(&key_id), "{}", written[0]);
    assert!(!keyring.path(one).unwrap().exists());

    // After: a fresh process with every file and secret the deployment still has.
    let after = ring(2);
    let error = after.prepare(one).await.unwrap_err();
    assert_eq!(error.code(), "KEY-002");
    // No file in the data folder is the initiative's key file any more.
    let left: Vec<_> = std::fs::read_dir(&keys_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // Neither the shared secret nor any other key the deployment holds recomputes a tag of
    // the copy: the right guess no longer matches anything.
    let statement_tags = copied_tags(&copy, "statements", "dedup_tag");
    let eid_tags = copied_tags(&copy, "eid_subjects", "subject_tag");
    assert_eq!(statement_tags.len(), 1);
    assert_eq!(eid_tags.len(), 1);
    let candidates = [
        shared.tag(one, identity),
        shared.tag(one, eid_identity),
        DedupKey::new(server_key.clone()).tag(one, identity),
        DedupKey::new(server_key.derive("dedup")).tag(one, identity),
    ];
    for candidate in candidates {
        let candidate = candidate.as_bytes().to_vec();
        assert!(!statement_tags.contains(&candidate));
        assert!(!eid_tags.contains(&candidate));
    }
    // A new key for the initiative (were one made again) is another key: no match either.
    let other = InitiativeId::new(2);
    let fresh = after.statement_tag(other, identity).await.unwrap();
    assert!(!statement_tags.contains(&fresh.as_bytes().to_vec()));
}

/// Issue 20: the certificate names the recipient keys whose holders must destroy the private
/// halves; a holder's confirmation is audited and listed with the certificate; a key of
/// another initiative or no holder's name is refused with its code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_certificate_names_the_recipient_keys_and_holders_confirm_their_destruction() {
    use crate::catalog::{Catalog, CatalogEntry, SharedCatalog};
    use crate::retention::key_holders::KEY_DESTROYED_ACTION;
    use ocs_crypto::{SeededEntropy, generate_recipient_keys};
    use ocs_domain::access::Principal;
    use ocs_domain::initiative::{CollectionPeriod, InitiativeStatus};
    use ocs_storage::AuditLog;

    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap());
    let (_, organisers) = generate_recipient_keys(&SeededEntropy::new(1));
    let (_, authority) = generate_recipient_keys(&SeededEntropy::new(2));
    let (_, stranger) = generate_recipient_keys(&SeededEntropy::new(3));
    let start: Timestamp = "2024-06-01T00:00:00Z".parse().unwrap();
    let end: Timestamp = "2025-06-01T00:00:00Z".parse().unwrap();
    let entry = CatalogEntry {
        initiative: ocs_domain::Initiative {
            id: InitiativeId::new(1),
            slug: Slug::parse("first").unwrap(),
            registration_number: "ECI(2024)000001".into(),
            registration_date: date(2024, 5, 1),
            title: "t".into(),
            subject: "s".into(),
            objectives: "o".into(),
            organisers: vec![],
            register_url: "https://register.example/1".into(),
            website: None,
            privacy_notice: "p".into(),
            period: CollectionPeriod::new(start, end, date(2024, 6, 1), date(2025, 6, 1), 12)
                .unwrap(),
            status: InitiativeStatus::Draft,
            translations: ocs_domain::initiative::InitiativeTranslations::default(),
            regime: ocs_domain::Regime::National,
            storage_country: CountryCode::BE,
            data_protection: ocs_domain::initiative::DataProtection::default(),
        },
        recipients: vec![organisers],
        minimums: std::collections::BTreeMap::new(),
        authority_keys: std::collections::BTreeMap::from([(CountryCode::DE, authority)]),
        stored: false,
    };
    let catalog = Arc::new(SharedCatalog::new(Catalog::new(vec![entry]).unwrap()));
    store.record_statement(sealed(1, 1)).await.unwrap();
    let audit: Arc<StoredAudit> = Arc::new(StoredAudit::new(store.clone()));
    let mut parts_job = job(Arc::clone(&store), Arc::new(MemoryAudit::default()));
    parts_job.parts.audit = audit;
    let destruction = parts_job.with_catalog(catalog);
    assert_eq!(destruction.run().await.unwrap().len(), 1);

    let organisers_id = hex::encode(organisers.key_id());
    let authority_id = hex::encode(authority.key_id());
    let manage = Principal::operator()
        .can_manage(InitiativeId::new(1))
        .unwrap();
    let (keys, certificate) = destruction.recipient_keys(manage.view()).await.unwrap();
    let certificate = certificate.expect("the certificate is listed");
    assert!(
        certificate.contains(&format!("organisers {organisers_id}")),
        "{certificate}"
    );
    assert!(
        certificate.contains(&format!("authority DE {authority_id}")),
        "{certificate}"
    );
    assert_eq!(keys.len(), 2);
    assert!(keys.iter().all(|key| key.confirmations.is_empty()));

    let actor = Actor::Operator("operator".into());
    let confirmed = destruction
        .confirm_key_destroyed(&actor, manage, &authority.to_text(), "Bundesverwaltungsamt")
        .await
        .unwrap();
    assert_eq!(confirmed.key_id, authority_id);
    assert_eq!(confirmed.confirmations.len(), 1);
    let detail = &confirmed.confirmations[0].1;
    assert_eq!(confirmed.holder_of(detail), "Bundesverwaltungsamt");
    let by_id = destruction
        .confirm_key_destroyed(&actor, manage, &organisers_id, "the representative")
        .await
        .unwrap();
    assert_eq!(by_id.role, "organisers");
    let (keys, _) = destruction.recipient_keys(manage.view()).await.unwrap();
    assert!(
        keys.iter().all(|key| key.confirmations.len() == 1),
        "{keys:?}"
    );
    let error = destruction
        .confirm_key_destroyed(&actor, manage, &stranger.to_text(), "someone")
        .await
        .unwrap_err();
    assert_eq!(error.code(), "KEY-010");
    let error = destruction
        .confirm_key_destroyed(&actor, manage, &organisers_id, "  ")
        .await
        .unwrap_err();
    assert_eq!(error.code(), "KEY-011");
    let recorded = store.audit_entries(0, 100).await.unwrap();
    let confirmations: Vec<_> = recorded
        .iter()
        .filter(|row| row.entry.action == KEY_DESTROYED_ACTION)
        .collect();
    assert_eq!(confirmations.len(), 2);
    assert_eq!(confirmations[0].entry.actor_name, "operator");
}
