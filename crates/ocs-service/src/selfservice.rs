//! Signer self-service: with the identifier and secret from their receipt, a signer checks
//! that their statement is recorded and counted, and withdraws it while collection is open.
//!
//! **One answer for every failure.** An unknown identifier, a wrong secret, a malformed one,
//! a receipt of another initiative and a withdrawn statement all give [`SelfServiceError::NotFound`].
//! The secret is compared with its stored keyed verifier in constant time, and an unknown
//! identifier costs the same verifier computation, so neither the answer nor its timing
//! tells a guesser which part was wrong. Attempts are limited per network prefix.
//!
//! **Duplicates (ADR 0003).** A statement repeating a stored one is not stored, but its
//! submitter got an ordinary receipt. The store keeps that receipt as an *alias* of the tag it
//! repeated: checking it says "recorded and counted" while the first statement is stored, and
//! withdrawing it removes only the alias and answers like any withdrawal. So no answer shows
//! that the person had signed before, and someone who knows a person's data cannot withdraw
//! that person's statement by signing in their name. Both answers are true for the person:
//! "each person is counted once; a statement made earlier with another receipt stands and can
//! be withdrawn only with its own receipt". See docs/SELF-SERVICE.md.

use std::net::IpAddr;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use ocs_crypto::ReceiptSecret;
use ocs_domain::initiative::NotCollecting;
use ocs_domain::{ErrorCode, InitiativeId, Slug, StatementId};
use ocs_storage::{StorageError, Withdrawn};

use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, AuditSink};
use crate::limiter::{Quota, RateLimiter};
use crate::signing::SigningService;

/// The audit action of a withdrawal.
pub const WITHDRAWN_ACTION: AuditAction = AuditAction::STATEMENT_WITHDRAWN;

/// Why a self-service request got no positive answer.
#[derive(Debug, thiserror::Error)]
pub enum SelfServiceError {
    /// No initiative has that slug.
    #[error("no such initiative")]
    InitiativeNotFound,
    /// Unknown identifier, wrong or malformed secret, or nothing counted: one answer.
    #[error("no statement matches this receipt")]
    NotFound,
    /// Withdrawal asked while the initiative does not take statements.
    #[error("{0}")]
    NotCollecting(NotCollecting),
    /// Too many attempts from this network.
    #[error("rate limited")]
    RateLimited {
        /// When to try again.
        retry_after: SignedDuration,
    },
    /// A failure inside the server (logged; shown as a code only).
    #[error("internal error: {0}")]
    Internal(String),
}

impl SelfServiceError {
    /// The stable code shown to the user.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InitiativeNotFound => ErrorCode::InitiativeNotFound,
            Self::NotFound => ErrorCode::ReceiptNotFound,
            Self::NotCollecting(_) => ErrorCode::WithdrawalClosed,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

/// The self-service use cases.
pub struct SelfService {
    signing: Arc<SigningService>,
    audit: Arc<dyn AuditSink>,
    limiter: RateLimiter,
}

impl SelfService {
    /// Attempts allowed per network prefix by default: 10, one more every 30 s.
    pub const DEFAULT_QUOTA: Quota = Quota {
        burst: 10,
        per: SignedDuration::from_secs(30),
    };

    /// Self-service over the signing service's store, keys and clock; withdrawals are
    /// recorded in `audit`.
    pub fn new(signing: Arc<SigningService>, audit: Arc<dyn AuditSink>, quota: Quota) -> Self {
        Self {
            signing,
            audit,
            limiter: RateLimiter::new(quota),
        }
    }

    /// `Ok` when the receipt's statement is recorded and counted; [`SelfServiceError::NotFound`]
    /// for everything else about the receipt.
    #[tracing::instrument(skip_all, fields(initiative = %slug))]
    pub async fn check(
        &self,
        slug: &Slug,
        statement: &str,
        secret: &str,
        client: IpAddr,
    ) -> Result<(), SelfServiceError> {
        let (initiative, _) = self.begin(slug, client)?;
        let id = self.verify(initiative, statement, secret).await?;
        tracing::debug!(statement = %id, "receipt checked");
        Ok(())
    }

    /// Withdraws the receipt's statement while collection is open: its sealed data and
    /// de-duplication tag are deleted (so the person may sign again) and it leaves the
    /// counts. Audited as [`WITHDRAWN_ACTION`] by [`Actor::Signer`], without personal data.
    #[tracing::instrument(skip_all, fields(initiative = %slug))]
    pub async fn withdraw(
        &self,
        slug: &Slug,
        statement: &str,
        secret: &str,
        client: IpAddr,
    ) -> Result<(), SelfServiceError> {
        let (initiative, now) = self.begin(slug, client)?;
        self.withdrawal_open(slug)?;
        let id = self.verify(initiative, statement, secret).await?;
        // Audit first: an action the trail could not record must not happen.
        self.audit
            .record(
                AuditEvent::new(Actor::Signer, WITHDRAWN_ACTION, Some(initiative), ""),
                now,
            )
            .await
            .map_err(|error| SelfServiceError::Internal(error.to_string()))?;
        match self
            .signing
            .statements()
            .withdraw_statement(initiative, id)
            .await
        {
            Ok(Withdrawn::Statement | Withdrawn::Alias) => {
                tracing::info!("statement withdrawn by its signer");
                Ok(())
            }
            // Withdrawn at the same moment by another request: the outcome stands.
            Err(StorageError::NotFound) => Ok(()),
            Err(error) => Err(SelfServiceError::Internal(error.to_string())),
        }
    }

    /// The initiative, the time, and the throttle; for a withdrawal also "collecting".
    fn begin(
        &self,
        slug: &Slug,
        client: IpAddr,
    ) -> Result<(InitiativeId, Timestamp), SelfServiceError> {
        let entry = self
            .signing
            .initiative(slug)
            .ok_or(SelfServiceError::InitiativeNotFound)?;
        let now = self.signing.now();
        self.limiter
            .check(client, now)
            .map_err(|retry_after| SelfServiceError::RateLimited { retry_after })?;
        Ok((entry.initiative.id, now))
    }

    /// The statement identifier when the receipt matches a counted statement.
    async fn verify(
        &self,
        initiative: InitiativeId,
        statement: &str,
        secret: &str,
    ) -> Result<StatementId, SelfServiceError> {
        let id = StatementId::parse(statement.trim()).ok();
        let secret = ReceiptSecret::parse(secret.trim());
        let record = match id {
            Some(id) => self
                .signing
                .statements()
                .find_receipt(initiative, id)
                .await
                .map_err(|error| SelfServiceError::Internal(error.to_string()))?,
            None => None,
        };
        // Always one verifier computation, so an unknown identifier answers in the time a
        // wrong secret takes.
        let dummy_secret = ReceiptSecret::from_bytes([0; ocs_crypto::RECEIPT_SECRET_LEN]);
        let secret_ref = secret.as_ref().unwrap_or(&dummy_secret);
        let id_or_dummy = id.unwrap_or(StatementId::from_bytes([0; 16]));
        let verifier = record
            .as_ref()
            .and_then(|record| record.verifier)
            .unwrap_or([0; 32]);
        let matches =
            self.signing
                .receipt_tokens()
                .secret_matches(id_or_dummy, secret_ref, &verifier);
        match (id, secret, record) {
            (Some(id), Some(_), Some(record)) if matches && record.counted => Ok(id),
            _ => Err(SelfServiceError::NotFound),
        }
    }

    /// The receipt's statement (throttled and checked like [`SelfService::check`]), for its
    /// inclusion proof in the tally log (`crate::tally_log::TallyLog::receipt_proof`).
    pub async fn verified_statement(
        &self,
        slug: &Slug,
        statement: &str,
        secret: &str,
        client: IpAddr,
    ) -> Result<StatementId, SelfServiceError> {
        let (initiative, _) = self.begin(slug, client)?;
        self.verify(initiative, statement, secret).await
    }

    /// Withdrawal needs collection open; checking works at any time.
    pub fn withdrawal_open(&self, slug: &Slug) -> Result<(), SelfServiceError> {
        let entry = self
            .signing
            .initiative(slug)
            .ok_or(SelfServiceError::InitiativeNotFound)?;
        self.signing
            .lifecycle()
            .statement_mode(&entry.initiative, self.signing.now())
            .map(|_| ())
            .map_err(SelfServiceError::NotCollecting)
    }
}
