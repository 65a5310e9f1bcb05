//! The tally log on a real SQLite file with a manual clock: batches by the rule, the
//! published figures equal the fold of the log at every checkpoint, withdrawals, consistent
//! checkpoints, receipt proofs that verify, and no dedup tag or field value in any tile.

use std::collections::BTreeMap;

use jiff::civil::date;
use ocs_crypto::{ReceiptSecret, SecretKey, SeededEntropy, generate_recipient_keys};
use ocs_domain::{CollectionPeriod, DedupTag, Initiative, InitiativeStatus};
use ocs_storage::{SealedStatement, StatementStore};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};
use ocs_tlog::ProofFile;
use ocs_tlog::entry::Tally;
use ocs_tlog::hash::Hash;
use ocs_tlog::tree::{consistency_proof, verify_consistency};
use parking_lot::Mutex;

use super::*;
use crate::catalog::Catalog;

struct ManualClock(Mutex<Timestamp>);

impl ManualClock {
    fn advance(&self, by: SignedDuration) {
        let mut now = self.0.lock();
        *now = now.checked_add(by).unwrap();
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock()
    }
}

const ID: InitiativeId = InitiativeId::new(17);
const REGISTRATION: &str = "ECI(2026)000017";

fn slug() -> Slug {
    Slug::parse("bees").unwrap()
}

fn catalog() -> Catalog {
    let start: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let end: Timestamp = "2026-12-31T00:00:00Z".parse().unwrap();
    let (_, public) = generate_recipient_keys(&SeededEntropy::new(1));
    Catalog::new(vec![CatalogEntry {
        initiative: Initiative {
            id: ID,
            slug: slug(),
            registration_number: REGISTRATION.into(),
            registration_date: date(2026, 1, 15),
            title: "t".into(),
            subject: "s".into(),
            objectives: "o".into(),
            organisers: vec![],
            register_url: "https://register.example/17".into(),
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
    log: TallyLog,
}

fn fixture(rule: PublishRule) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("t.db"), SqliteOptions::default()).unwrap());
    let clock = Arc::new(ManualClock(Mutex::new(
        "2026-03-02T10:00:00Z".parse().unwrap(),
    )));
    let log = TallyLog::new(
        Arc::clone(&store) as Arc<dyn ocs_storage::Store>,
        Arc::new(SharedCatalog::new(catalog())),
        Arc::clone(&clock) as Arc<dyn Clock>,
        LogKeys::new(&SecretKey::from_bytes([3; 32])),
        "sign.example.org/",
        rule,
    );
    Fixture {
        _dir: dir,
        store,
        clock,
        log,
    }
}

/// A marker that must never reach the log: it stands for form values.
const MARKER: &[u8] = b"MARKER-erika-mustermann-T22000129";

impl Fixture {
    /// Records one statement as signing does; returns its id and receipt secret.
    async fn sign(&self, serial: u8, country: CountryCode) -> (StatementId, ReceiptSecret) {
        let id = StatementId::from_bytes([serial; 16]);
        let secret = ReceiptSecret::from_bytes([serial; 15]);
        let mut envelope = MARKER.to_vec();
        envelope.push(serial);
        let sealed = SealedStatement {
            log_entry: Some(statement_line(
                REGISTRATION,
                id,
                Some(&secret),
                &envelope,
                (country, self.clock.now()),
                ocs_tlog::Channel::Online,
            )),
            id,
            initiative: ID,
            nationality: country,
            submitted_at: self.clock.now(),
            tag: DedupTag::from_bytes([serial ^ 0xA5; 32]),
            envelope,
            test: false,
            receipt_verifier: None,
            paper: false,
        };
        self.store.record_statement(sealed).await.unwrap();
        (id, secret)
    }

    /// Every entry of the published log, read back through its tiles.
    async fn entries(&self, size: u64) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for index in 0..size.div_ceil(256) {
            let bundle = TileId::in_tree(TileKind::Entries, index, size).unwrap();
            let data = self
                .log
                .tile(&slug(), &bundle.path())
                .await
                .unwrap()
                .unwrap();
            out.extend(parse_bundle(&bundle, &data).unwrap());
        }
        out
    }

    /// Checks the latest checkpoint: signature, root from the tiles, and that the published
    /// figures are the fold of its entries.
    async fn check_published(&self) -> (Checkpoint, Arc<Published>) {
        let published = self.log.published(&slug()).await.unwrap();
        let verifier =
            ocs_tlog::NoteVerifier::parse(&self.log.verifier_key(&slug()).unwrap()).unwrap();
        let checkpoint = Checkpoint::open(
            &published.checkpoint,
            "sign.example.org/log/bees",
            &verifier,
        )
        .unwrap();
        assert_eq!(checkpoint.size, published.size);
        let entries = self.entries(published.size).await;
        let leaves: Vec<Hash> = entries
            .iter()
            .map(|e| ocs_tlog::hash::leaf_hash(e))
            .collect();
        assert_eq!(
            tree_hash(leaves.as_slice(), published.size).unwrap(),
            checkpoint.root
        );
        let fold = Tally::fold(&entries).unwrap();
        assert_eq!(
            fold.by_country(),
            published.snapshot().by_country,
            "fold = counters"
        );
        (checkpoint, published)
    }
}

#[test]
fn the_rule_waits_for_interval_and_batch_or_the_day_end() {
    let rule = PublishRule::BATCHED;
    let last: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    let at = |text: &str| -> Timestamp { text.parse().unwrap() };
    assert!(!rule.due(last, at("2026-03-02T10:30:00Z"), 9));
    assert!(!rule.due(last, at("2026-03-02T10:05:00Z"), 50));
    assert!(rule.due(last, at("2026-03-02T10:10:00Z"), 10));
    assert!(
        rule.due(last, at("2026-03-03T00:00:00Z"), 1),
        "the day ended"
    );
    assert!(!rule.due(last, at("2026-03-03T00:00:00Z"), 0));
    assert!(PublishRule::AT_ONCE.due(last, last, 1));
    assert!(PublishRule::AT_ONCE.at_once());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_publish_by_the_rule_and_the_figures_are_the_fold() {
    let fx = fixture(PublishRule::BATCHED);
    let (first, _) = fx.check_published().await;
    assert_eq!(first.size, 0, "a new log starts with its empty checkpoint");
    for serial in 1..=9u8 {
        fx.sign(serial, CountryCode::DE).await;
    }
    fx.clock.advance(SignedDuration::from_mins(11));
    fx.log.publish_due().await.unwrap();
    let (_, published) = fx.check_published().await;
    assert_eq!(published.size, 0, "9 < min_batch: nothing moves");
    fx.sign(10, CountryCode::EL).await;
    fx.log.publish_due().await.unwrap();
    let (second, published) = fx.check_published().await;
    assert_eq!(published.size, 10);
    assert_eq!(published.snapshot().total(), 10);
    // One more waits until the day ends.
    fx.sign(11, CountryCode::FR).await;
    fx.clock.advance(SignedDuration::from_mins(30));
    fx.log.publish_due().await.unwrap();
    assert_eq!(fx.log.published(&slug()).await.unwrap().size, 10);
    fx.clock.advance(SignedDuration::from_hours(14));
    fx.log.publish_due().await.unwrap();
    let (third, _) = fx.check_published().await;
    assert_eq!(third.size, 11);
    // Every checkpoint is consistent with the one before.
    let entries = fx.entries(11).await;
    let leaves: Vec<Hash> = entries
        .iter()
        .map(|e| ocs_tlog::hash::leaf_hash(e))
        .collect();
    let proof = consistency_proof(leaves.as_slice(), second.size, third.size).unwrap();
    verify_consistency(second.size, third.size, &proof, &second.root, &third.root).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawals_are_published_and_subtracted() {
    let fx = fixture(PublishRule::AT_ONCE);
    let (a, _) = fx.sign(1, CountryCode::DE).await;
    fx.sign(2, CountryCode::DE).await;
    fx.sign(3, CountryCode::PL).await;
    let (_, published) = fx.check_published().await;
    assert_eq!(published.size, 3);
    fx.store.withdraw_statement(ID, a).await.unwrap();
    let (_, published) = fx.check_published().await;
    assert_eq!(published.size, 4);
    assert_eq!(published.snapshot().count(CountryCode::DE), 1);
    assert_eq!(published.snapshot().total(), 2);
    let entries = fx.entries(4).await;
    assert_eq!(entries[3], b"v1 withdraw 0");
    // Published once only.
    let (_, again) = fx.check_published().await;
    assert_eq!(again.size, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_proof_verifies_and_recomputes_the_commitment() {
    let fx = fixture(PublishRule::BATCHED);
    let (id, secret) = fx.sign(7, CountryCode::IT).await;
    let ReceiptProof::Pending(when) = fx.log.receipt_proof(&slug(), id).await.unwrap() else {
        panic!("published before the batch was due");
    };
    assert_eq!(when.min_batch, 10);
    assert_eq!(when.not_before, "2026-03-02T10:10:00Z".parse().unwrap());
    for serial in 20..40u8 {
        fx.sign(serial, CountryCode::IT).await;
    }
    fx.clock.advance(SignedDuration::from_mins(10));
    fx.log.publish_due().await.unwrap();
    let ReceiptProof::Included(proof) = fx.log.receipt_proof(&slug(), id).await.unwrap() else {
        panic!("not published");
    };
    let verifier = ocs_tlog::NoteVerifier::parse(&fx.log.verifier_key(&slug()).unwrap()).unwrap();
    let file = ProofFile::parse(&proof.file()).unwrap();
    let checkpoint = file
        .verify(
            proof.entry.as_bytes(),
            "sign.example.org/log/bees",
            &verifier,
        )
        .unwrap();
    assert_eq!(checkpoint.size, 21);
    // The signer recomputes the commitment from what they hold and what the proof says.
    let Entry::Add { commitment, .. } = Entry::parse(proof.entry.as_bytes()).unwrap() else {
        panic!("not an add");
    };
    assert_eq!(
        commitment,
        ocs_tlog::entry::commitment(
            REGISTRATION,
            &id.to_string(),
            &secret.to_string(),
            &proof.envelope_hash
        )
    );
    // An unknown statement answers like one not yet published.
    assert!(matches!(
        fx.log
            .receipt_proof(&slug(), StatementId::from_bytes([0xEE; 16]))
            .await
            .unwrap(),
        ReceiptProof::Pending(_)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_form_value_or_dedup_tag_reaches_the_log() {
    let fx = fixture(PublishRule::AT_ONCE);
    let mut tags = Vec::new();
    for serial in 1..=30u8 {
        fx.sign(serial, CountryCode::ALL[usize::from(serial) % 27])
            .await;
        tags.push([serial ^ 0xA5; 32]);
    }
    let published = fx.log.published(&slug()).await.unwrap();
    assert_eq!(published.size, 30);
    let mut everything = Vec::new();
    for tile in TileId::all_in_tree(published.size) {
        everything.extend(fx.log.tile(&slug(), &tile.path()).await.unwrap().unwrap());
    }
    everything.extend(published.checkpoint.as_bytes());
    let contains = |needle: &[u8]| everything.windows(needle.len()).any(|w| w == needle);
    assert!(!contains(MARKER), "a form value reached the log");
    assert!(!contains(&MARKER[..12]));
    for tag in &tags {
        assert!(!contains(tag), "a dedup tag reached the log");
        assert!(!contains(&tag[..8]));
        assert!(!contains(ocs_tlog::hash::to_hex(tag).as_bytes()));
    }
    // Nor a statement id (the receipt number).
    assert!(!contains(&[1u8; 16]));
    assert!(!contains(
        StatementId::from_bytes([1; 16]).to_string().as_bytes()
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tiles_outside_the_published_tree_are_not_served() {
    let fx = fixture(PublishRule::AT_ONCE);
    fx.sign(1, CountryCode::DE).await;
    fx.log.published(&slug()).await.unwrap();
    assert!(
        fx.log
            .tile(&slug(), "tile/0/000.p/1")
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        fx.log
            .tile(&slug(), "tile/0/000.p/2")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        fx.log
            .tile(&slug(), "tile/0/../000")
            .await
            .unwrap()
            .is_none()
    );
    let unknown = Slug::parse("wasps").unwrap();
    assert!(matches!(
        fx.log.tile(&unknown, "tile/0/000").await,
        Err(LogError::NotFound)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proof_by_index_verifies_and_a_receipt_knows_its_index_once_published() {
    let fx = fixture(PublishRule::BATCHED);
    let (id, _) = fx.sign(7, CountryCode::IT).await;
    assert_eq!(fx.log.published_index(&slug(), id).await.unwrap(), None);
    assert!(fx.log.index_proof(&slug(), 0).await.unwrap().is_none());
    for serial in 20..40u8 {
        fx.sign(serial, CountryCode::AT).await;
    }
    fx.clock.advance(SignedDuration::from_mins(10));
    fx.log.publish_due().await.unwrap();
    let index = fx.log.published_index(&slug(), id).await.unwrap().unwrap();
    assert_eq!(index, 0);
    let verifier = ocs_tlog::NoteVerifier::parse(&fx.log.verifier_key(&slug()).unwrap()).unwrap();
    for at in [0, 7, 20] {
        let file = fx.log.index_proof(&slug(), at).await.unwrap().unwrap();
        let parsed = ProofFile::parse(&file.to_text()).unwrap();
        let entry = parsed.extra.clone().unwrap();
        let checkpoint = parsed
            .verify(&entry, "sign.example.org/log/bees", &verifier)
            .unwrap();
        assert_eq!(checkpoint.size, 21);
        let country = if at == 0 { "IT" } else { "AT" };
        assert!(
            String::from_utf8(entry)
                .unwrap()
                .starts_with(&format!("v1 add {country} ")),
            "entry {at}"
        );
    }
    assert!(fx.log.index_proof(&slug(), 21).await.unwrap().is_none());
    assert_eq!(
        fx.log
            .published_index(&slug(), StatementId::from_bytes([0xEE; 16]))
            .await
            .unwrap(),
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backlog_larger_than_a_batch_is_published_in_one_round_batch_by_batch() {
    // Every minute, at least 2 new entries, at most 3 per batch: 8 waiting go out as 3 + 3 + 2
    // in one round (the batches after the first are not held back by the interval).
    let rule = PublishRule {
        interval: SignedDuration::from_mins(1),
        min_batch: 2,
    };
    let mut fx = fixture(rule);
    fx.log = fx.log.with_max_batch(3);
    let (first, _) = fx.check_published().await;
    assert_eq!(first.size, 0);
    for serial in 1..=8u8 {
        fx.sign(serial, CountryCode::DE).await;
    }
    fx.clock.advance(SignedDuration::from_mins(2));
    fx.log.publish_due().await.unwrap();
    let (_, published) = fx.check_published().await;
    assert_eq!(published.size, 8, "the whole backlog in one round");
    assert_eq!(published.snapshot().total(), 8);
    // A last batch below the least batch waits, as any publication would.
    for serial in 9..=15u8 {
        fx.sign(serial, CountryCode::FR).await;
    }
    fx.clock.advance(SignedDuration::from_mins(2));
    fx.log.publish_due().await.unwrap();
    let (_, published) = fx.check_published().await;
    assert_eq!(
        published.size, 14,
        "3 + 3 published, the last 1 < min_batch waits"
    );
}

/// A configured witness's cosignature of the latest checkpoint is stored and served with it;
/// an unknown witness, a forged line, another checkpoint and a stale one are refused, and
/// once the log moves on the old cosignature is not served with the new checkpoint.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_witness_cosignature_is_served_with_its_checkpoint_and_others_are_refused() {
    let fixture = fixture(PublishRule::AT_ONCE);
    let witness = ocs_tlog::WitnessSigner::new("witness.example.net", &[7; 32]).unwrap();
    let stranger = ocs_tlog::WitnessSigner::new("stranger.example.net", &[8; 32]).unwrap();
    let log = TallyLog::new(
        Arc::clone(&fixture.store) as Arc<dyn Store>,
        Arc::new(SharedCatalog::new(catalog())),
        Arc::clone(&fixture.clock) as Arc<dyn Clock>,
        LogKeys::new(&SecretKey::from_bytes([3; 32])),
        "sign.example.org",
        PublishRule::AT_ONCE,
    )
    .with_witnesses(vec![witness.verifier()]);
    fixture.sign(1, CountryCode::DE).await;
    let published = log.published(&slug()).await.unwrap();
    assert_eq!(published.size, 1);
    assert_eq!(
        log.served_checkpoint(&slug()).await.unwrap(),
        published.checkpoint
    );
    let text = ocs_tlog::note::split(&published.checkpoint).unwrap().0;

    // A stranger's line alone: refused, nothing stored.
    let by_stranger = format!("{}{}", published.checkpoint, stranger.cosign(&text, 1_000));
    assert!(matches!(
        log.add_cosignatures(&slug(), &by_stranger).await,
        Err(CosignError::NotWitnessed)
    ));
    // The witness's key over another text: its line does not verify here, refused.
    let line = witness.cosign(&text, 1_000);
    let other = text.replacen("\n1\n", "\n9\n", 1);
    let note = format!("{}{}", published.checkpoint, witness.cosign(&other, 1_000));
    assert!(matches!(
        log.add_cosignatures(&slug(), &note).await,
        Err(CosignError::NotWitnessed)
    ));
    // Another tree (same origin, a size the log never had): not the latest.
    let note = format!("{other}\n{}", witness.cosign(&other, 1_000));
    assert!(matches!(
        log.add_cosignatures(&slug(), &note).await,
        Err(CosignError::NotLatest)
    ));
    assert!(matches!(
        log.add_cosignatures(&slug(), "not a note").await,
        Err(CosignError::Malformed(_))
    ));
    assert_eq!(
        log.served_checkpoint(&slug()).await.unwrap(),
        published.checkpoint
    );

    // The witness's and the stranger's lines together: the witness's is kept, alone.
    let both = format!(
        "{}{}{line}",
        published.checkpoint,
        stranger.cosign(&text, 1_000)
    );
    assert_eq!(log.add_cosignatures(&slug(), &both).await.unwrap(), 1);
    let served = log.served_checkpoint(&slug()).await.unwrap();
    assert_eq!(served, format!("{}{line}", published.checkpoint));
    let by = ocs_tlog::cosignature::cosigned_by(&served, &[witness.verifier()]).unwrap();
    assert_eq!(by, vec![("witness.example.net".to_owned(), 1_000)]);
    // The log's own signature still opens the served note.
    let verifier = ocs_tlog::NoteVerifier::parse(&log.verifier_key(&slug()).unwrap()).unwrap();
    Checkpoint::open(&served, "sign.example.org/log/bees", &verifier).unwrap();

    // The log moves on: the new checkpoint is served without the old cosignature, and the
    // old checkpoint can no longer be cosigned.
    fixture.sign(2, CountryCode::FR).await;
    let newer = log.published(&slug()).await.unwrap();
    assert_eq!(newer.size, 2);
    assert_eq!(
        log.served_checkpoint(&slug()).await.unwrap(),
        newer.checkpoint
    );
    assert!(matches!(
        log.add_cosignatures(&slug(), &both).await,
        Err(CosignError::NotLatest)
    ));
}
