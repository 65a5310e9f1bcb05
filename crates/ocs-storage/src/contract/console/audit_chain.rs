//! The audit-trail part of the console contract: appends chain in order and never fork.

use std::sync::Arc;

use jiff::Timestamp;
use ocs_domain::InitiativeId;

use crate::AuditLog;
use crate::audit::{ChainVerifier, NewAuditEntry, verify_log};

/// Appends done at the same time in the concurrency check, over two handles.
const APPENDS: usize = 40;

pub(super) fn event(action: &str, initiative: Option<u32>) -> NewAuditEntry {
    NewAuditEntry {
        at: Timestamp::from_millisecond(1_750_000_000_000).expect("a valid time"),
        actor_kind: "operator".into(),
        actor_name: "tester".into(),
        action: crate::AuditAction::parse(action).expect("a known action"),
        initiative: initiative.map(InitiativeId::new),
        detail: "detail".into(),
    }
}

pub(super) async fn appends_chain_in_order<S: AuditLog>(log: &S) {
    assert!(log.recent_audit(10).await.expect("read").is_empty());
    let first = log
        .append_audit(event("export.requested", None))
        .await
        .expect("append");
    let second = log
        .append_audit(event("export.finished", Some(7)))
        .await
        .expect("append");
    assert_eq!(first.sequence, 1);
    assert_eq!(second.sequence, 2);
    assert_eq!(second.previous_hash, first.hash);
    let all = log.audit_entries(0, 10).await.expect("read");
    assert_eq!(all, vec![first.clone(), second.clone()]);
    assert_eq!(
        log.audit_entries(1, 10).await.expect("read"),
        vec![second.clone()]
    );
    assert_eq!(
        log.recent_audit(1).await.expect("read"),
        vec![second.clone()]
    );
    let verifier = verify_log(log).await.expect("read").expect("intact");
    assert_eq!(verifier.rows(), 2);
    assert_eq!(verifier.head(), second.hash);
}

pub(super) async fn concurrent_appends_never_fork<S: AuditLog + 'static>(a: Arc<S>, b: Arc<S>) {
    let mut tasks = Vec::new();
    for i in 0..APPENDS {
        let log = if i % 2 == 0 {
            Arc::clone(&a)
        } else {
            Arc::clone(&b)
        };
        tasks.push(tokio::spawn(async move {
            let mut entry = event("export.requested", None);
            entry.detail = format!("race {i}");
            log.append_audit(entry).await.expect("append")
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }
    let rows = a.audit_entries(0, 1000).await.expect("read");
    assert_eq!(rows.len(), APPENDS);
    let mut verifier = ChainVerifier::default();
    for row in &rows {
        verifier
            .push(row)
            .expect("the chain holds under concurrent appends");
    }
}
