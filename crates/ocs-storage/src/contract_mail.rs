//! The [`MailStore`] contract: what every backend must do with addresses and the outbox.
//! Backends call [`run_mail`] from their integration tests (cargo feature `testing`).
#![expect(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "this is test code: a broken promise must fail the calling test"
)]

use std::future::Future;

use jiff::{SignedDuration, Timestamp};
use ocs_domain::InitiativeId;

use crate::{Added, MailStore, NewMessage, NewSubscriber};

/// Runs every check of the mail contract on a fresh store from `make`.
pub async fn run_mail<S, F, Fut>(make: F)
where
    S: MailStore + 'static,
    F: Fn() -> Fut,
    Fut: Future<Output = S>,
{
    subscribe_confirm_unsubscribe(make().await).await;
    outbox_retries_and_deletes(make().await).await;
    purge_takes_one_initiative(make().await).await;
}

fn subscriber(initiative: u32, n: u8, confirm: u8) -> (NewSubscriber, NewMessage) {
    let initiative = InitiativeId::new(initiative);
    (
        NewSubscriber {
            initiative,
            address_hash: [n; 32],
            sealed_address: vec![n, 1, 2, 3],
            confirm_hash: [confirm; 32],
            confirm_by: 20_007,
            created: 20_000,
        },
        NewMessage {
            id: [confirm; 16],
            initiative,
            address_hash: [n; 32],
            sealed_message: vec![9, 9, n],
        },
    )
}

async fn subscribe_confirm_unsubscribe<S: MailStore>(store: S) {
    let initiative = InitiativeId::new(1);
    let (new, message) = subscriber(1, 7, 70);
    let added = store.add_subscriber(new, message).await.expect("add");
    assert_eq!(added, Added::Pending);
    assert!(
        store
            .confirmed_subscribers(initiative)
            .await
            .expect("list")
            .is_empty(),
        "a pending address is not confirmed"
    );
    // A second sign-up of the same pending address replaces the token.
    let (again, message) = subscriber(1, 7, 71);
    assert_eq!(
        store.add_subscriber(again, message).await.expect("again"),
        Added::Pending
    );
    assert_eq!(
        store.confirm_subscriber([70; 32], 20_001).await.expect("c"),
        None,
        "the replaced token no longer confirms"
    );
    // An expired token confirms nothing.
    assert_eq!(
        store.confirm_subscriber([71; 32], 20_008).await.expect("c"),
        None
    );
    assert_eq!(
        store.confirm_subscriber([71; 32], 20_007).await.expect("c"),
        Some(initiative)
    );
    // A token works once.
    assert_eq!(
        store.confirm_subscriber([71; 32], 20_007).await.expect("c"),
        None
    );
    let confirmed = store.confirmed_subscribers(initiative).await.expect("list");
    assert_eq!(confirmed.len(), 1);
    assert_eq!(confirmed[0].address_hash, [7; 32]);
    assert_eq!(confirmed[0].sealed_address, vec![7, 1, 2, 3]);
    assert_eq!(confirmed[0].confirmed, 20_007);
    // Signing up again once confirmed changes nothing and queues nothing.
    let (again, message) = subscriber(1, 7, 72);
    assert_eq!(
        store.add_subscriber(again, message).await.expect("again"),
        Added::AlreadyConfirmed
    );
    assert!(
        store
            .due_messages(Timestamp::UNIX_EPOCH, 10)
            .await
            .expect("due")
            .iter()
            .all(|m| m.id != [72; 16])
    );
    // Unsubscribe deletes the address and its pending mail.
    assert!(
        store
            .remove_subscriber(initiative, [7; 32])
            .await
            .expect("rm")
    );
    assert!(
        !store
            .remove_subscriber(initiative, [7; 32])
            .await
            .expect("rm")
    );
    assert!(
        store
            .confirmed_subscribers(initiative)
            .await
            .expect("list")
            .is_empty()
    );
    assert!(
        store
            .due_messages(Timestamp::UNIX_EPOCH, 10)
            .await
            .expect("due")
            .is_empty(),
        "unsubscribing drops the mail queued to the address"
    );
    // Pending addresses past their token are pruned.
    let (late, message) = subscriber(1, 8, 80);
    store.add_subscriber(late, message).await.expect("add");
    assert_eq!(store.prune_unconfirmed(20_007).await.expect("prune"), 0);
    assert_eq!(store.prune_unconfirmed(20_008).await.expect("prune"), 1);
}

async fn outbox_retries_and_deletes<S: MailStore>(store: S) {
    let initiative = InitiativeId::new(2);
    let now = Timestamp::from_second(1_800_000_000).expect("time");
    let messages = (0..3u8)
        .map(|n| NewMessage {
            id: [n; 16],
            initiative,
            address_hash: [n; 32],
            sealed_message: vec![n],
        })
        .collect();
    store.queue_messages(messages).await.expect("queue");
    let due = store.due_messages(now, 10).await.expect("due");
    assert_eq!(due.len(), 3);
    assert!(due.iter().all(|m| m.attempts == 0));
    assert_eq!(store.due_messages(now, 2).await.expect("due").len(), 2);
    let later = now + SignedDuration::from_secs(60);
    store.retry_message([1; 16], 1, later).await.expect("retry");
    store.delete_message([0; 16]).await.expect("delete");
    let due = store.due_messages(now, 10).await.expect("due");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].id, [2; 16]);
    assert_eq!(due[0].sealed_message, vec![2]);
    let due = store.due_messages(later, 10).await.expect("due");
    assert_eq!(due.len(), 2);
    let retried = due.iter().find(|m| m.id == [1; 16]).expect("retried");
    assert_eq!(retried.attempts, 1);
}

async fn purge_takes_one_initiative<S: MailStore>(store: S) {
    for (initiative, n) in [(3, 1), (3, 2), (4, 3)] {
        let (new, message) = subscriber(initiative, n, n + 100);
        store.add_subscriber(new, message).await.expect("add");
        store
            .confirm_subscriber([n + 100; 32], 20_000)
            .await
            .expect("confirm");
    }
    assert_eq!(
        store.purge_mail(InitiativeId::new(3)).await.expect("purge"),
        2
    );
    assert!(
        store
            .confirmed_subscribers(InitiativeId::new(3))
            .await
            .expect("list")
            .is_empty()
    );
    assert_eq!(
        store
            .confirmed_subscribers(InitiativeId::new(4))
            .await
            .expect("list")
            .len(),
        1
    );
    let due = store
        .due_messages(Timestamp::UNIX_EPOCH, 10)
        .await
        .expect("due");
    assert!(due.iter().all(|m| m.initiative == InitiativeId::new(4)));
}
