//! `ocs audit verify|show`: the stored audit trail checked or listed for the terminal.

use ocs_service::text::escape_controls;

use super::{AdminReply, AdminRequest};

/// `ocs audit verify|show` over `store`.
pub async fn audit_report(store: &dyn ocs_storage::Store, request: &AdminRequest) -> AdminReply {
    if let AdminRequest::AuditShow { limit } = request {
        return match store.recent_audit(*limit).await {
            Ok(rows) => AdminReply::Done(
                rows.into_iter()
                    .map(|row| {
                        let entry = row.entry;
                        let initiative = entry
                            .initiative
                            .map_or_else(|| "-".to_owned(), |i| i.to_string());
                        // Stored free text is shown, never obeyed (issue 19, item 9).
                        format!(
                            "{:>6} {} {}:{} {} initiative {} {}",
                            row.sequence,
                            entry.at,
                            escape_controls(&entry.actor_kind),
                            escape_controls(&entry.actor_name),
                            escape_controls(entry.action.as_str()),
                            initiative,
                            escape_controls(&entry.detail)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Err(error) => AdminReply::Refused(format!("reading the audit trail: {error}")),
        };
    }
    match ocs_storage::audit::verify_log(store).await {
        Ok(Ok(verifier)) => AdminReply::Done(format!(
            "audit trail intact: {} rows; head {}",
            verifier.rows(),
            hex::encode(verifier.head())
        )),
        Ok(Err(broken)) => AdminReply::Refused(format!(
            "{} audit trail broken: {broken}",
            ocs_domain::ErrorCode::AuditBroken
        )),
        Err(error) => AdminReply::Refused(format!("reading the audit trail: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operator::terminal_safe;
    use ocs_service::audit::Actor;

    /// Issue 19, item 9: an ANSI escape stored in the audit trail (an operator label, a
    /// detail) is printed escaped by `ocs audit show`, and every reply is made safe.
    #[tokio::test]
    async fn audit_show_escapes_control_characters() {
        use ocs_service::AuditSink as _;
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(
            ocs_storage_sqlite::SqliteStore::open(
                &dir.path().join("audit.db"),
                ocs_storage_sqlite::SqliteOptions::default(),
            )
            .unwrap(),
        );
        let audit = ocs_service::audit::StoredAudit::new(store.clone());
        audit
            .record(
                ocs_service::AuditEvent::new(
                    Actor::Operator("\u{1b}[2J\u{1b}[31mroot".into()),
                    ocs_service::audit::AuditAction::ACCOUNT_CREATED,
                    None,
                    "ana\u{7}\u{9b}31m",
                ),
                jiff::Timestamp::UNIX_EPOCH,
            )
            .await
            .unwrap();
        let AdminReply::Done(text) =
            audit_report(store.as_ref(), &AdminRequest::AuditShow { limit: 10 }).await
        else {
            panic!("audit show answers");
        };
        assert!(!text.chars().any(char::is_control), "{text:?}");
        assert!(
            text.contains("operator:\\u{1b}[2J\\u{1b}[31mroot"),
            "{text}"
        );
        // The detail was made one line when stored; nothing of it reaches the terminal raw.
        assert!(text.ends_with("ana 31m"), "{text}");
        assert_eq!(
            terminal_safe("line one\u{1b}[0m\nline two\r"),
            "line one\\u{1b}[0m\nline two\\u{d}"
        );
    }
}
