//! The keyring on a real SQLite file and a real keys folder.

use jiff::Timestamp;
use ocs_crypto::{SecretKey, SeededEntropy};
use ocs_domain::{CountryCode, DedupTag, StatementId};
use ocs_storage::{InitiativeKeyLog, SealedStatement, StatementStore};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

use super::*;

struct FixedClock;

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_second(1_800_000_000).unwrap()
    }
}

fn server_key() -> SecretKey {
    SecretKey::from_bytes(std::array::from_fn(|i| u8::try_from(i).unwrap()))
}

fn shared() -> DedupKey {
    DedupKey::new(SecretKey::from_bytes([9; 32]))
}

fn keyring(dir: &Path, store: &Arc<SqliteStore>, seed: u64) -> Keyring {
    let store: Arc<dyn ocs_storage::Store> = store.clone();
    Keyring::new(
        dir,
        InitiativeKeyWrap::new(&server_key()),
        shared(),
        store,
        Arc::new(SeededEntropy::new(seed)),
        Arc::new(FixedClock),
    )
}

fn statement(initiative: u32, tag: DedupTag) -> SealedStatement {
    SealedStatement {
        id: StatementId::from_bytes([7; 16]),
        initiative: InitiativeId::new(initiative),
        nationality: CountryCode::SE,
        submitted_at: Timestamp::from_second(1_700_000_000).unwrap(),
        tag,
        envelope: vec![1; 100],
        test: false,
        receipt_verifier: None,
        paper: false,
        log_entry: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_initiative_gets_random_subkeys_in_a_sealed_file_named_by_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap());
    let keys_dir = dir.path().join("keys");
    let one = InitiativeId::new(1);
    let ring = keyring(&keys_dir, &store, 1);
    let TagKey::Random(keys) = ring.tag_key(one).await.unwrap() else {
        panic!("a new initiative must get random subkeys");
    };
    let tag = keys.statement_tag("SE|198001011234");
    assert_ne!(tag, shared().tag(one, "SE|198001011234"));
    let record = store.initiative_key(one).await.unwrap().unwrap();
    assert_eq!(record.key_id, Some(keys.key_id().to_string()));
    let file = std::fs::read(ring.path(one)).unwrap();
    assert!(file.starts_with(b"OCS-IKEY-1"));
    let mode = std::fs::metadata(ring.path(one)).unwrap().permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o600
    );

    // Many first statements at once on a fresh node: one key, the same for all.
    let fresh = Arc::new(keyring(&keys_dir, &store, 3));
    let three = InitiativeId::new(3);
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let ring = Arc::clone(&fresh);
            tokio::spawn(async move { ring.tag_key(three).await.unwrap().statement_tag("SE|1") })
        })
        .collect();
    let mut tags = Vec::new();
    for task in tasks {
        tags.push(task.await.unwrap());
    }
    assert!(tags.windows(2).all(|pair| pair[0] == pair[1]));

    // A restart (another process, other randomness) reads the same key back.
    let again = keyring(&keys_dir, &store, 2);
    assert_eq!(
        again
            .tag_key(one)
            .await
            .unwrap()
            .statement_tag("SE|198001011234"),
        tag
    );
    // Another initiative's subkeys are independent.
    let two = again.tag_key(InitiativeId::new(2)).await.unwrap();
    assert_ne!(two.statement_tag("SE|198001011234"), tag);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_initiative_holding_tags_from_before_keeps_the_shared_secret() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap());
    let one = InitiativeId::new(1);
    let old_tag = shared().tag(one, "SE|198001011234");
    store.record_statement(statement(1, old_tag)).await.unwrap();
    let ring = keyring(&dir.path().join("keys"), &store, 1);
    let key = ring.tag_key(one).await.unwrap();
    assert!(matches!(key, TagKey::Shared(..)));
    // The signer of before is still recognised.
    assert_eq!(key.statement_tag("SE|198001011234"), old_tag);
    assert_eq!(
        store.initiative_key(one).await.unwrap().unwrap().key_id,
        None
    );
    assert!(!ring.path(one).exists());
    assert_eq!(ring.destroy(one).await.unwrap(), DestroyedKeys::Shared);
    // No tag for it any more, with the shared secret either.
    assert_eq!(
        ring.tag_key(one).await.unwrap_err().code(),
        ErrorCode::KeyDestroyed
    );
    // An initiative that never had keys gets none after its destruction.
    let never = InitiativeId::new(5);
    assert_eq!(ring.destroy(never).await.unwrap(), DestroyedKeys::None);
    assert_eq!(
        ring.tag_key(never).await.unwrap_err().code(),
        ErrorCode::KeyDestroyed
    );
    assert!(!ring.path(never).exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_without_the_key_file_refuses_until_the_file_is_copied() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap());
    let one = InitiativeId::new(1);
    let first = keyring(&dir.path().join("node-a"), &store, 1);
    let tag = first.tag_key(one).await.unwrap().statement_tag("SE|1");
    let second = keyring(&dir.path().join("node-b"), &store, 2);
    let error = second.tag_key(one).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::KeyFileMissing);
    assert_eq!(error.code(), "KEY-001");
    // The other node made no key of its own: the store still names the first.
    assert!(!second.path(one).exists());
    std::fs::create_dir_all(dir.path().join("node-b")).unwrap();
    std::fs::copy(first.path(one), second.path(one)).unwrap();
    assert_eq!(
        second.tag_key(one).await.unwrap().statement_tag("SE|1"),
        tag
    );
    // A file copied to another initiative's name does not open.
    std::fs::copy(first.path(one), second.path(InitiativeId::new(3))).unwrap();
    let error = second.tag_key(InitiativeId::new(3)).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::KeyFileUnreadable);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destroyed_keys_are_refused_and_other_nodes_shred_their_copies() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap());
    let one = InitiativeId::new(1);
    let first = keyring(&dir.path().join("node-a"), &store, 1);
    let TagKey::Random(keys) = first.tag_key(one).await.unwrap() else {
        panic!("random subkeys expected");
    };
    let second = keyring(&dir.path().join("node-b"), &store, 2);
    std::fs::create_dir_all(dir.path().join("node-b")).unwrap();
    std::fs::copy(first.path(one), second.path(one)).unwrap();
    second.tag_key(one).await.unwrap();

    assert_eq!(
        first.destroy(one).await.unwrap(),
        DestroyedKeys::Random {
            key_id: keys.key_id().to_string(),
            file: true
        }
    );
    assert!(!first.path(one).exists());
    assert_eq!(
        first.tag_key(one).await.unwrap_err().code(),
        ErrorCode::KeyDestroyed
    );
    // The other node's copy goes at its next sweep, and its loaded key with it.
    assert_eq!(second.shred_destroyed().await.unwrap(), vec![one]);
    assert!(!second.path(one).exists());
    assert_eq!(
        second.tag_key(one).await.unwrap_err().code(),
        ErrorCode::KeyDestroyed
    );
}
