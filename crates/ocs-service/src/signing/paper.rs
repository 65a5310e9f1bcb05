//! Paper statements: organisers enter statements collected on paper forms. The same parsing,
//! age check, de-duplication and sealing as online, no anti-bot proof (the organisers are
//! the ones typing), and the statement is marked as paper in the sealed payload and in the
//! store (`statements.paper`), so the console can count online and paper apart.
//!
//! Unlike a signer, the organisers are told when a paper statement repeats a stored one
//! (online or paper): they must not submit duplicates, and they receive every statement at
//! export anyway.

use ocs_domain::{NewStatement, RawStatement, Slug, StatementId};
use ocs_storage::{SealedStatement, StorageError};

use super::{SignError, SigningService};
use crate::envelope::{self, ANNEX_REVISION, PAYLOAD_VERSION, Payload};

/// What became of a paper statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperOutcome {
    /// Stored and counted.
    Recorded(StatementId),
    /// The same person is already counted (online or on paper); nothing was stored.
    Duplicate,
}

impl SigningService {
    /// Records one statement collected on paper. Accepted from the start of the collection
    /// period on, also after its end (paper forms signed in time are entered later).
    #[tracing::instrument(skip_all, fields(initiative = %slug))]
    pub async fn record_paper(
        &self,
        slug: &Slug,
        raw: &RawStatement,
    ) -> Result<PaperOutcome, SignError> {
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
        let tag = self
            .secrets
            .dedup
            .tag(initiative, &statement.identity_key());
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
            eid: None,
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
        let record = SealedStatement {
            id: statement_id,
            initiative,
            nationality,
            submitted_at: now,
            tag,
            envelope: sealed,
            test: false,
            receipt_verifier: None,
            paper: true,
        };
        match self.store.record_statement(record).await {
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
        Ok(self.store.paper_counts(entry.initiative.id).await?)
    }
}
