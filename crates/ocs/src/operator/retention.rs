//! `ocs initiative commission-submitted|hold|lift-hold|verified|annex-vii` and the retention
//! lines of `ocs initiative status`: the deadline events and the Annex VI certificates,
//! carried out by the retention use cases (`ocs_service::retention::events`) with the
//! operator's rights (a host administrator's for holds); each is audited by the service.

use ocs_domain::CountryCode;
use ocs_domain::access::{CanManage, CanView, Principal};
use ocs_domain::retention::DestructionDue;
use ocs_service::audit::Actor;
use ocs_service::catalog::CatalogEntry;
use ocs_service::text::escape_controls;

use super::Operator;
use super::initiative::{CodedError, InitiativeRequest};

impl Operator {
    pub(super) async fn retention_step(
        &self,
        actor: &Actor,
        entry: &CatalogEntry,
        manage: CanManage,
        command: InitiativeRequest,
    ) -> Result<String, String> {
        let code = |e: &dyn CodedError| format!("{} {}", e.code_str(), e.text());
        let id = entry.initiative.id;
        let events = &self.destruction;
        match command {
            InitiativeRequest::CommissionSubmitted { on } => {
                events
                    .record_commission_submission(actor, manage, on)
                    .await
                    .map_err(|e| code(&e))?;
                Ok(format!("submission to the Commission recorded: {on}"))
            }
            InitiativeRequest::Hold { reason } => {
                let admin = Principal::operator()
                    .can_administer()
                    .ok_or("no right to set legal holds")?;
                events
                    .set_legal_hold(actor, admin, id, &reason)
                    .await
                    .map_err(|e| code(&e))?;
                Ok(
                    "legal hold set: nothing of this initiative is destroyed until it is lifted"
                        .to_owned(),
                )
            }
            InitiativeRequest::LiftHold {
                concluded_on,
                reason,
            } => {
                let admin = Principal::operator()
                    .can_administer()
                    .ok_or("no right to lift legal holds")?;
                events
                    .lift_legal_hold(actor, admin, id, concluded_on, &reason)
                    .await
                    .map_err(|e| code(&e))?;
                Ok(format!(
                    "legal hold lifted; {}",
                    due_text(events.due(id).await)
                ))
            }
            InitiativeRequest::Verified {
                country,
                valid,
                authority,
                issued_on,
            } => {
                let country = CountryCode::parse(country.trim())
                    .map_err(|_| format!("{country:?} is not a member state code"))?;
                events
                    .record_verification(actor, manage, country, valid, &authority, issued_on)
                    .await
                    .map_err(|e| code(&e))?;
                Ok(format!(
                    "certificate recorded: {country} {valid} valid statements"
                ))
            }
            InitiativeRequest::AnnexVii => {
                let view = events
                    .retention(manage.view())
                    .await
                    .map_err(|e| code(&e))?;
                let (progress, _) = self
                    .signing
                    .progress(&entry.initiative.slug)
                    .await
                    .map_err(|error| format!("reading the counts: {error}"))?;
                let document = ocs_service::retention::annex::annex_vii(
                    entry,
                    &view.record,
                    progress.threshold_total,
                    progress.countries_needed,
                    events.today(),
                );
                serde_json::to_string_pretty(&document).map_err(|error| error.to_string())
            }
            _ => Err("not a retention step".to_owned()),
        }
    }

    /// The retention lines of `ocs initiative status`.
    pub(super) async fn retention_lines(&self, view: CanView) -> Result<Vec<String>, String> {
        let retention = self
            .destruction
            .retention(view)
            .await
            .map_err(|error| format!("{} {error}", error.code()))?;
        let record = retention.record;
        let mut lines = vec![format!(
            "commission  {}",
            record
                .commission_submitted_on
                .map_or_else(|| "-".to_owned(), |day| day.to_string())
        )];
        lines.push(match &record.hold {
            Some(hold) => format!(
                "legal hold  since {}: {}",
                hold.since,
                escape_controls(&hold.reason)
            ),
            None => "legal hold  -".to_owned(),
        });
        lines.push(format!("destruction {}", due_text(retention.due)));
        for verification in &record.verifications {
            lines.push(format!(
                "verified    {} {} ({}, {})",
                verification.country,
                verification.valid_statements,
                escape_controls(&verification.authority),
                verification.issued_on
            ));
        }
        Ok(lines)
    }
}

fn due_text(due: DestructionDue) -> String {
    match due {
        DestructionDue::On(day) => format!("due {day}"),
        DestructionDue::Held => "suspended by a legal hold".to_owned(),
        DestructionDue::Unknown => "no deadline known yet".to_owned(),
    }
}
