//! The sign-in throttle part of the console contract: failure counts are shared across nodes.

use std::sync::Arc;

use jiff::Timestamp;

use crate::{SessionStore, ThrottleKey, ThrottleScope};

/// Failed sign-ins counted through one handle (one node) are seen through the other, the
/// window restarts once expired, a clear forgets one key only, and concurrent counts add up.
pub(super) async fn login_failures_are_shared<S: SessionStore + 'static>(a: Arc<S>, b: Arc<S>) {
    let window = jiff::SignedDuration::from_mins(15);
    let start = Timestamp::from_millisecond(1_750_000_000_000).expect("time");
    let later = |mins: i64| {
        start
            .checked_add(jiff::SignedDuration::from_mins(mins))
            .expect("time")
    };
    assert_eq!(
        a.login_failures(&key("k1"), start, window)
            .await
            .expect("read"),
        0
    );
    assert_eq!(
        a.record_login_failure(&key("k1"), start, window)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        b.record_login_failure(&key("k1"), later(1), window)
            .await
            .expect("count"),
        2
    );
    assert_eq!(
        a.record_login_failure(&key("k1"), later(2), window)
            .await
            .expect("count"),
        3
    );
    assert_eq!(
        b.login_failures(&key("k1"), later(3), window)
            .await
            .expect("read"),
        3
    );
    assert_eq!(
        a.login_failures(&key("k2"), later(3), window)
            .await
            .expect("read"),
        0
    );
    assert_eq!(
        b.record_login_failure(&key("k2"), later(3), window)
            .await
            .expect("count"),
        1
    );
    // The window is counted from its first failure, not slid by later ones.
    assert_eq!(
        a.login_failures(&key("k1"), later(15), window)
            .await
            .expect("read"),
        0
    );
    assert_eq!(
        b.login_failures(&key("k2"), later(15), window)
            .await
            .expect("read"),
        1
    );
    assert_eq!(
        a.record_login_failure(&key("k1"), later(15), window)
            .await
            .expect("count"),
        1,
        "an expired window starts again"
    );
    b.clear_login_failures(&key("k1")).await.expect("clear");
    assert_eq!(
        a.login_failures(&key("k1"), later(16), window)
            .await
            .expect("read"),
        0
    );
    assert_eq!(
        a.login_failures(&key("k2"), later(16), window)
            .await
            .expect("read"),
        1
    );

    concurrent_failures_add_up(a, b, later(20), window).await;
}

/// Counts from both nodes at the same time are never lost.
pub(super) async fn concurrent_failures_add_up<S: SessionStore + 'static>(
    a: Arc<S>,
    b: Arc<S>,
    at: Timestamp,
    window: jiff::SignedDuration,
) {
    let mut tasks = Vec::new();
    for round in 0..10 {
        let store = if round % 2 == 0 {
            Arc::clone(&a)
        } else {
            Arc::clone(&b)
        };
        tasks.push(tokio::spawn(async move {
            store
                .record_login_failure(&key("k3"), at, window)
                .await
                .expect("count")
        }));
    }
    let mut counts = Vec::new();
    for task in tasks {
        counts.push(task.await.expect("task"));
    }
    counts.sort_unstable();
    assert_eq!(counts, (1..=10).collect::<Vec<u32>>());
    assert_eq!(
        b.login_failures(&key("k3"), at, window)
            .await
            .expect("read"),
        10
    );
}

/// A throttle key for the contract: `name` stands for the counted value.
fn key(name: &str) -> ThrottleKey {
    let mut digest = [0; 32];
    for (slot, byte) in digest.iter_mut().zip(name.bytes()) {
        *slot = byte;
    }
    ThrottleKey::new(ThrottleScope::Account, &digest)
}
