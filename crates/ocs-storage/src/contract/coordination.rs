//! The [`Coordination`] part of the contract: claims are single-use and leases have one
//! holder, across nodes sharing one database.

use std::future::Future;
use std::sync::Arc;

use super::fixtures::moment;
use crate::{ClaimKey, Coordination};

/// Runs every check of the [`Coordination`] contract, each on a fresh store from `make`.
/// For a shared backend, `make` may return two handles on one database as `(a, b)` to check
/// that the nodes agree; a single-node backend passes the same handle twice.
pub async fn run_coordination<C, F, Fut>(make: F)
where
    C: Coordination + 'static,
    F: Fn() -> Fut,
    Fut: Future<Output = (Arc<C>, Arc<C>)>,
{
    let (a, b) = make().await;
    a_claim_is_single_use(a.as_ref(), b.as_ref()).await;
    let (a, b) = make().await;
    a_lease_has_one_holder(a.as_ref(), b.as_ref()).await;
    let (a, b) = make().await;
    concurrent_claims_have_one_winner(a, b).await;
}

async fn a_claim_is_single_use<C: Coordination + ?Sized>(a: &C, b: &C) {
    let now = moment(0);
    let later = moment(60_000);
    assert!(
        a.claim_once(ClaimKey::from_bytes([1; 32]), later, now)
            .await
            .expect("claim")
    );
    assert!(
        !a.claim_once(ClaimKey::from_bytes([1; 32]), later, now)
            .await
            .expect("claim"),
        "claimed twice"
    );
    assert!(
        !b.claim_once(ClaimKey::from_bytes([1; 32]), later, now)
            .await
            .expect("claim"),
        "claimed on both nodes"
    );
    assert!(
        b.claim_once(ClaimKey::from_bytes([2; 32]), later, now)
            .await
            .expect("claim"),
        "another key"
    );
    // Pruning keeps live claims and drops expired ones; an expired key may be claimed again.
    assert_eq!(a.prune_claims(now).await.expect("prune"), 0);
    assert!(
        !a.claim_once(ClaimKey::from_bytes([1; 32]), later, now)
            .await
            .expect("claim"),
        "pruned a live claim"
    );
    let after = moment(60_001);
    assert!(a.prune_claims(after).await.expect("prune") >= 2);
    assert!(
        b.claim_once(ClaimKey::from_bytes([1; 32]), moment(120_000), after)
            .await
            .expect("claim")
    );
    // A released claim may be made again at once, on any node.
    assert!(
        a.claim_once(ClaimKey::from_bytes([4; 32]), later, now)
            .await
            .expect("claim")
    );
    a.release_claim(ClaimKey::from_bytes([4; 32]))
        .await
        .expect("release");
    assert!(
        b.claim_once(ClaimKey::from_bytes([4; 32]), later, now)
            .await
            .expect("claim after release")
    );
    assert!(
        !a.claim_once(ClaimKey::from_bytes([4; 32]), later, now)
            .await
            .expect("claim"),
        "released twice"
    );
    // Without pruning, an expired claim does not block either.
    assert!(
        a.claim_once(ClaimKey::from_bytes([3; 32]), moment(10), now)
            .await
            .expect("claim")
    );
    assert!(
        b.claim_once(ClaimKey::from_bytes([3; 32]), moment(200_000), moment(11))
            .await
            .expect("claim")
    );
}

async fn a_lease_has_one_holder<C: Coordination + ?Sized>(a: &C, b: &C) {
    let job = "contract.job";
    let now = moment(0);
    assert!(
        a.try_lease(job, "node-a", moment(30_000), now)
            .await
            .expect("lease")
    );
    assert!(
        !b.try_lease(job, "node-b", moment(30_000), moment(1))
            .await
            .expect("lease"),
        "two holders"
    );
    // The holder renews; the other still waits.
    assert!(
        a.try_lease(job, "node-a", moment(60_000), moment(20_000))
            .await
            .expect("renew")
    );
    assert!(
        !b.try_lease(job, "node-b", moment(90_000), moment(40_000))
            .await
            .expect("lease"),
        "lease taken before expiry"
    );
    // Other jobs are independent.
    assert!(
        b.try_lease("contract.other", "node-b", moment(90_000), moment(40_000))
            .await
            .expect("lease")
    );
    // After expiry the other node takes over and the first one is out.
    assert!(
        b.try_lease(job, "node-b", moment(120_000), moment(60_001))
            .await
            .expect("take over")
    );
    assert!(
        !a.try_lease(job, "node-a", moment(150_000), moment(60_002))
            .await
            .expect("lease"),
        "old holder kept the lease"
    );
}

async fn concurrent_claims_have_one_winner<C: Coordination + 'static>(a: Arc<C>, b: Arc<C>) {
    let mut tasks = tokio::task::JoinSet::new();
    for task in 0..32u8 {
        let node = if task % 2 == 0 {
            Arc::clone(&a)
        } else {
            Arc::clone(&b)
        };
        tasks.spawn(async move {
            let mut won = 0u32;
            for key in 0..20u8 {
                if node
                    .claim_once(ClaimKey::from_bytes([key; 32]), moment(60_000), moment(0))
                    .await
                    .expect("claim")
                {
                    won += 1;
                }
            }
            won
        });
    }
    let mut total = 0;
    while let Some(won) = tasks.join_next().await {
        total += won.expect("task");
    }
    assert_eq!(
        total, 20,
        "each key must be won exactly once across tasks and nodes"
    );
}
