//! [`LogAudit`]: an [`AuditSink`] that writes each event to the log (target `audit`), for
//! deployments until the console's persistent, hash-chained trail is wired in. Events carry
//! no signer data by construction, so they may be logged.

use async_trait::async_trait;
use jiff::Timestamp;

use crate::audit::{AuditError, AuditEvent, AuditSink};

/// Writes audit events to the log.
#[derive(Debug, Default)]
pub struct LogAudit;

#[async_trait]
impl AuditSink for LogAudit {
    async fn record(&self, event: AuditEvent, at: Timestamp) -> Result<(), AuditError> {
        let initiative = event.initiative.map(ocs_domain::InitiativeId::get);
        tracing::info!(
            target: "audit",
            %at,
            actor = ?event.actor,
            action = %event.action,
            initiative,
            detail = %event.detail,
            "audit event"
        );
        Ok(())
    }
}
