//! The keyring on a real SQLite file and a real keys folder.

use jiff::Timestamp;
use ocs_crypto::{SecretKey, SeededEntropy};
use ocs_domain::{CountryCode, DedupTag, StatementId};
use ocs_storage::{InitiativeKeyLog, SealedStatement, StatementStore};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

use std::path::Path;

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
    let tag = ring.statement_tag(one, "SE|198001011234").await.unwrap();
    assert_ne!(tag, shared().tag(one, "SE|198001011234"));
    let file = std::fs::read(ring.path(one).unwrap()).unwrap();
    assert!(file.starts_with(b"OCS-IKEY-1"));
    // The file holds random subkeys, named in the store by their key id.
    let keys = InitiativeKeyWrap::new(&server_key())
        .open(one, &file)
        .unwrap();
    assert_eq!(keys.statement_tag("SE|198001011234"), tag);
    let record = store.initiative_key(one).await.unwrap().unwrap();
    assert_eq!(record.key_id, Some(keys.key_id().to_string()));
    let mode = std::fs::metadata(ring.path(one).unwrap())
        .unwrap()
        .permissions();
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
            tokio::spawn(async move { ring.statement_tag(three, "SE|1").await.unwrap() })
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
        again.statement_tag(one, "SE|198001011234").await.unwrap(),
        tag
    );
    // Another initiative's subkeys are independent.
    let two = again
        .statement_tag(InitiativeId::new(2), "SE|198001011234")
        .await
        .unwrap();
    assert_ne!(two, tag);
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
    // The signer of before is still recognised: the shared secret's tag.
    assert_eq!(
        ring.statement_tag(one, "SE|198001011234").await.unwrap(),
        old_tag
    );
    assert_eq!(
        store.initiative_key(one).await.unwrap().unwrap().key_id,
        None
    );
    assert!(!ring.path(one).unwrap().exists());
    assert_eq!(ring.destroy(one).await.unwrap(), DestroyedKeys::Shared);
    // No tag for it any more, with the shared secret either.
    assert_eq!(
        ring.prepare(one).await.unwrap_err().code(),
        ErrorCode::KeyDestroyed
    );
    // An initiative that never had keys gets none after its destruction.
    let never = InitiativeId::new(5);
    assert_eq!(ring.destroy(never).await.unwrap(), DestroyedKeys::None);
    assert_eq!(
        ring.prepare(never).await.unwrap_err().code(),
        ErrorCode::KeyDestroyed
    );
    assert!(!ring.path(never).unwrap().exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_without_the_key_file_refuses_until_the_file_is_copied() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap());
    let one = InitiativeId::new(1);
    let first = keyring(&dir.path().join("node-a"), &store, 1);
    let tag = first.statement_tag(one, "SE|1").await.unwrap();
    let second = keyring(&dir.path().join("node-b"), &store, 2);
    let error = second.prepare(one).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::KeyFileMissing);
    assert_eq!(error.code(), "KEY-001");
    // The other node made no key of its own: the store still names the first.
    assert!(!second.path(one).unwrap().exists());
    std::fs::create_dir_all(dir.path().join("node-b")).unwrap();
    std::fs::copy(first.path(one).unwrap(), second.path(one).unwrap()).unwrap();
    assert_eq!(second.statement_tag(one, "SE|1").await.unwrap(), tag);
    // A file copied to another initiative's name does not open.
    std::fs::copy(
        first.path(one).unwrap(),
        second.path(InitiativeId::new(3)).unwrap(),
    )
    .unwrap();
    let error = second.prepare(InitiativeId::new(3)).await.unwrap_err();
    assert_eq!(error.code(), ErrorCode::KeyFileUnreadable);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destroyed_keys_are_refused_and_other_nodes_shred_their_copies() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Arc::new(SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap());
    let one = InitiativeId::new(1);
    let first = keyring(&dir.path().join("node-a"), &store, 1);
    first.prepare(one).await.unwrap();
    let keys = InitiativeKeyWrap::new(&server_key())
        .open(one, &std::fs::read(first.path(one).unwrap()).unwrap())
        .unwrap();
    let second = keyring(&dir.path().join("node-b"), &store, 2);
    std::fs::create_dir_all(dir.path().join("node-b")).unwrap();
    std::fs::copy(first.path(one).unwrap(), second.path(one).unwrap()).unwrap();
    second.prepare(one).await.unwrap();

    assert_eq!(
        first.destroy(one).await.unwrap(),
        DestroyedKeys::Random {
            key_id: keys.key_id().to_string(),
            file: true
        }
    );
    assert!(!first.path(one).unwrap().exists());
    assert_eq!(
        first.prepare(one).await.unwrap_err().code(),
        ErrorCode::KeyDestroyed
    );
    // The other node's copy goes at its next sweep, and its loaded key with it.
    assert_eq!(second.shred_destroyed().await.unwrap(), vec![one]);
    assert!(!second.path(one).unwrap().exists());
    assert_eq!(
        second.prepare(one).await.unwrap_err().code(),
        ErrorCode::KeyDestroyed
    );
}
