//! The audit interface: what the use cases report to the audit trail (who, what, which
//! initiative, when), never signer data. The persistent, hash-chained trail implements
//! [`AuditSink`]; [`MemoryAudit`] keeps events in memory for tests and tools.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::ids::InitiativeId;
pub use ocs_storage::AuditAction;
use ocs_storage::{AuditLog, NewAuditEntry};
use parking_lot::Mutex;
use std::sync::Arc;

/// Who did something.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Actor {
    /// The server itself (a scheduled job).
    System,
    /// An anonymous signer using self-service (never identified in the trail).
    Signer,
    /// A console account, by user name.
    User(String),
    /// The operator: the command line (directly or through the admin socket), by the
    /// operating-system user or a label. Stored as `operator` (rows written before 0.2 say
    /// `cli`; the chain keeps them as written).
    Operator(String),
}

/// One event for the audit trail. `action` is one of the stable dotted codes of
/// [`AuditAction`] (`statement.withdrawn`, `export.requested`, `initiative.open`); `detail` is
/// free text that must never contain signer data (counts, file names, reasons typed by
/// organisers are fine).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Who.
    pub actor: Actor,
    /// What: a stable dotted code.
    pub action: AuditAction,
    /// Which initiative, when the event concerns one.
    pub initiative: Option<InitiativeId>,
    /// Further detail without signer data.
    pub detail: String,
}

impl AuditEvent {
    /// An event with the given parts.
    pub fn new(
        actor: Actor,
        action: AuditAction,
        initiative: Option<InitiativeId>,
        detail: impl Into<String>,
    ) -> Self {
        // Free text is stored as one line without control characters, whoever wrote it
        // (issue 19, finding 9).
        Self {
            actor,
            action,
            initiative,
            detail: crate::text::one_line(&detail.into()),
        }
    }
}

/// The audit trail could not record an event. Callers treat this as a failure of the action
/// that wanted recording: an unaudited action must not happen.
#[derive(Debug, thiserror::Error)]
#[error("audit trail unavailable: {0}")]
pub struct AuditError(pub String);

/// Where audit events go.
#[async_trait]
pub trait AuditSink: Send + Sync {
    /// Records `event` as having happened at `at`.
    async fn record(&self, event: AuditEvent, at: Timestamp) -> Result<(), AuditError>;
}

/// Keeps events in memory, in order.
#[derive(Debug, Default)]
pub struct MemoryAudit {
    events: Mutex<Vec<(Timestamp, AuditEvent)>>,
}

impl MemoryAudit {
    /// A copy of every event recorded so far.
    pub fn events(&self) -> Vec<(Timestamp, AuditEvent)> {
        self.events.lock().clone()
    }
}

#[async_trait]
impl AuditSink for MemoryAudit {
    async fn record(&self, event: AuditEvent, at: Timestamp) -> Result<(), AuditError> {
        self.events.lock().push((at, event));
        Ok(())
    }
}

impl Actor {
    /// The stored kind and name: `user` and the account, `operator` and the label, or `system` or
    /// `signer` with an empty name.
    pub fn parts(&self) -> (&'static str, &str) {
        match self {
            Actor::System => ("system", ""),
            Actor::Signer => ("signer", ""),
            Actor::User(name) => ("user", name),
            Actor::Operator(name) => ("operator", name),
        }
    }
}

/// The row the trail stores for `event` at `at`.
pub fn stored_entry(event: AuditEvent, at: Timestamp) -> NewAuditEntry {
    let (kind, name) = event.actor.parts();
    NewAuditEntry {
        at,
        actor_kind: kind.to_owned(),
        actor_name: name.to_owned(),
        action: event.action,
        initiative: event.initiative,
        detail: event.detail,
    }
}

/// The persistent, hash-chained trail in the database ([`ocs_storage::AuditLog`]).
pub struct StoredAudit {
    log: Arc<dyn AuditLog>,
}

impl StoredAudit {
    /// Records into `log`.
    pub fn new(log: Arc<dyn AuditLog>) -> Self {
        Self { log }
    }
}

#[async_trait]
impl AuditSink for StoredAudit {
    async fn record(&self, event: AuditEvent, at: Timestamp) -> Result<(), AuditError> {
        self.log
            .append_audit(stored_entry(event, at))
            .await
            .map(|_| ())
            .map_err(|error| AuditError(error.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_audit_keeps_events_in_order() {
        let audit = MemoryAudit::default();
        let t = Timestamp::UNIX_EPOCH;
        audit
            .record(
                AuditEvent::new(Actor::System, AuditAction::EXPORT_REQUESTED, None, ""),
                t,
            )
            .await
            .unwrap();
        audit
            .record(
                AuditEvent::new(
                    Actor::User("ann".into()),
                    AuditAction::EXPORT_FINISHED,
                    Some(InitiativeId::new(3)),
                    "x",
                ),
                t,
            )
            .await
            .unwrap();
        let events = audit.events();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].1.action, AuditAction::EXPORT_REQUESTED);
        assert_eq!(events[1].1.actor, Actor::User("ann".into()));
        assert_eq!(events[1].1.initiative, Some(InitiativeId::new(3)));
    }

    #[tokio::test]
    async fn stored_audit_chains_events_in_a_real_database() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(
            ocs_storage_sqlite::SqliteStore::open(
                &dir.path().join("audit.db"),
                ocs_storage_sqlite::SqliteOptions::default(),
            )
            .unwrap(),
        );
        let audit = StoredAudit::new(store.clone());
        let t = Timestamp::UNIX_EPOCH;
        for action in [
            AuditAction::EXPORT_REQUESTED,
            AuditAction::STATEMENT_WITHDRAWN,
        ] {
            audit
                .record(
                    AuditEvent::new(Actor::Operator("ops".into()), action, None, "n=1"),
                    t,
                )
                .await
                .unwrap();
        }
        let rows = store.audit_entries(0, 10).await.unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].entry.actor_kind, "operator");
        assert_eq!(rows[0].entry.actor_name, "ops");
        assert_eq!(rows[1].entry.action, AuditAction::STATEMENT_WITHDRAWN);
        let verifier = ocs_storage::audit::verify_log(store.as_ref())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(verifier.rows(), 2);
    }
}
