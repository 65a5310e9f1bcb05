//! Paper statements: organisers enter statements collected on paper forms. The same parsing,
//! age check, de-duplication and sealing as online, no anti-bot proof (the organisers are
//! the ones typing), and the statement is marked as paper in the sealed payload and in the
//! store (`statements.paper`), so the console can count online and paper apart.
//!
//! Unlike a signer, the organisers are told when a paper statement repeats a stored one
//! (online or paper): they must not submit duplicates, and they receive every statement at
//! export anyway.

use ocs_domain::access::CanManage;
use ocs_domain::{NewStatement, RawStatement, Slug, StatementId};
use ocs_storage::{SealedStatement, StorageError};

use super::{SignError, SigningService};
use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, AuditSink};
use crate::envelope::{self, ANNEX_REVISION, PAYLOAD_VERSION, Payload};

/// What became of a paper statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperOutcome {
    /// Stored and counted.
    Recorded(StatementId),
    /// The same person is already counted (online or on paper); nothing was stored.
    Duplicate,
}

/// The audit action of a paper statement entered in the console (recorded before the write).
pub const PAPER_ENTERED_ACTION: AuditAction = AuditAction::STATEMENT_PAPER_ENTERED;
/// The audit action when an entered paper statement repeated a counted person.
pub const PAPER_DUPLICATE_ACTION: AuditAction = AuditAction::STATEMENT_PAPER_DUPLICATE;

impl SigningService {
    /// Records one statement collected on paper. Accepted from the start of the collection
    /// period on, also after its end (paper forms signed in time are entered later).
    #[tracing::instrument(skip_all, fields(initiative = %slug))]
    pub async fn record_paper(
        &self,
        slug: &Slug,
        raw: &RawStatement,
    ) -> Result<PaperOutcome, SignError> {
        let record = self.prepare_paper(slug, raw).await?;
        self.write_paper(record).await
    }

    /// Records one paper statement entered by an organiser in the console: validated and
    /// sealed first (a refused form leaves no trace), then recorded in the audit trail as
    /// [`PAPER_ENTERED_ACTION`] by `actor` (no signer data: the initiative only), then
    /// written. If the trail cannot record it, nothing is stored. A caught duplicate is
    /// recorded as [`PAPER_DUPLICATE_ACTION`].
    #[tracing::instrument(skip_all, fields(initiative = %right.initiative()))]
    pub async fn enter_paper(
        &self,
        right: CanManage,
        actor: &Actor,
        audit: &dyn AuditSink,
        raw: &RawStatement,
    ) -> Result<PaperOutcome, SignError> {
        let entry = self
            .catalog
            .by_id(right.initiative())
            .ok_or(SignError::InitiativeNotFound)?;
        let slug = entry.initiative.slug.clone();
        let record = self.prepare_paper(&slug, raw).await?;
        let initiative = Some(right.initiative());
        audit
            .record(
                AuditEvent::new(
                    actor.clone(),
                    PAPER_ENTERED_ACTION,
                    initiative,
                    "one statement collected on paper entered",
                ),
                self.clock.now(),
            )
            .await
            .map_err(|error| SignError::Internal(error.to_string()))?;
        let outcome = self.write_paper(record).await?;
        if outcome == PaperOutcome::Duplicate
            && let Err(error) = audit
                .record(
                    AuditEvent::new(
                        actor.clone(),
                        PAPER_DUPLICATE_ACTION,
                        initiative,
                        "the person is already counted; nothing stored",
                    ),
                    self.clock.now(),
                )
                .await
        {
            // Nothing was stored, so nothing is left unaudited; the entry row stands.
            tracing::warn!(%error, "recording a paper duplicate in the audit trail failed");
        }
        Ok(outcome)
    }

    /// Parses, checks and seals a paper statement: everything but the write.
    async fn prepare_paper(
        &self,
        slug: &Slug,
        raw: &RawStatement,
    ) -> Result<SealedStatement, SignError> {
        let entry = self
            .catalog
            .by_slug(slug)
            .ok_or(SignError::InitiativeNotFound)?;
        let initiative = entry.initiative.id;
        let now = self.clock.now();
        if now < entry.initiative.period.start() {
            return Err(SignError::NotCollecting(
                ocs_domain::initiative::NotCollecting::NotYetOpen,
            ));
        }
        let statement = NewStatement::parse(&self.table, raw).map_err(SignError::Invalid)?;
        self.check_age(&statement, now)?;
        let (tag, _) = self.tags(initiative, &statement, None).await?;
        let statement_id = ocs_crypto::new_statement_id(self.entropy.as_ref());
        let properties = statement.payload();
        let nationality = statement.nationality();
        let payload = Payload {
            v: PAYLOAD_VERSION,
            initiative: initiative.get(),
            statement: statement_id.to_string(),
            nationality: nationality.as_str(),
            submitted_at: now,
            annex_revision: ANNEX_REVISION,
            properties: &properties,
            channel: Some("paper"),
            lang: None,
            eid: None,
            test: false,
        };
        let plaintext =
            envelope::encode(&payload).map_err(|e| SignError::Internal(e.to_string()))?;
        drop(properties);
        drop(statement);
        let aad = envelope::statement_aad(initiative, statement_id, nationality, &tag);
        let sealed = self
            .sealer
            .seal(
                &entry.recipients_for(nationality),
                &aad,
                &plaintext,
                self.entropy.as_ref(),
            )
            .map_err(|e| SignError::Internal(e.to_string()))?;
        drop(plaintext);
        Ok(SealedStatement {
            // No receipt secret on paper: the commitment binds id and envelope only.
            log_entry: Some(crate::tally_log::statement_line(
                &entry.initiative.registration_number,
                statement_id,
                None,
                &sealed,
                (nationality, now),
                ocs_tlog::Channel::Paper,
            )),
            id: statement_id,
            initiative,
            nationality,
            submitted_at: now,
            tag,
            envelope: sealed,
            test: false,
            receipt_verifier: None,
            paper: true,
        })
    }

    async fn write_paper(&self, record: SealedStatement) -> Result<PaperOutcome, SignError> {
        let statement_id = record.id;
        match self.store.statements.record_statement(record).await {
            Ok(_) => Ok(PaperOutcome::Recorded(statement_id)),
            Err(StorageError::Conflict) => Ok(PaperOutcome::Duplicate),
            Err(StorageError::Busy) => Err(SignError::Busy {
                retry_after: self.settings.busy_retry_after,
            }),
            Err(error) => Err(SignError::Internal(error.to_string())),
        }
    }

    /// Committed paper statements per nationality (the rest of the counts is online).
    pub async fn paper_counts(
        &self,
        slug: &Slug,
    ) -> Result<std::collections::BTreeMap<ocs_domain::CountryCode, u64>, super::QueryError> {
        let entry = self
            .catalog
            .by_slug(slug)
            .ok_or(super::QueryError::NotFound)?;
        Ok(self
            .store
            .statements
            .paper_counts(entry.initiative.id)
            .await?)
    }
}
