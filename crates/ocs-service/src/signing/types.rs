//! The values the signing path takes and gives back: its settings and secrets, the signer's
//! proof, receipts, and why a statement or a read was refused.

use std::net::IpAddr;
use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ocs_crypto::{AltchaIssuer, FormTokens, ReceiptSecret, ReceiptTokens};
use ocs_domain::initiative::NotCollecting;
use ocs_domain::{ErrorCode, FieldErrors, StatementId};
use ocs_storage::StorageError;

use crate::limiter::Quota;

/// Tunables of the signing path.
#[derive(Debug, Clone)]
pub struct SigningSettings {
    /// No-JavaScript path: a form sent back sooner than this after it was served is refused.
    pub min_fill_time: SignedDuration,
    /// How long a served form (and its token) stays valid.
    pub form_lifetime: SignedDuration,
    /// No-JavaScript path: submissions allowed per network prefix.
    pub no_script_quota: Quota,
    /// What a busy answer tells the client to wait.
    pub busy_retry_after: SignedDuration,
    /// The zone whose calendar date is "the signing date" for the age check.
    pub time_zone: TimeZone,
    /// Admission control: the hard cap on signing requests being worked on at once (memory).
    /// One more is refused with [`SignError::Busy`] before any work is done. At least 1.
    pub max_in_flight: usize,
    /// Admission control: the longest estimated wait a statement is admitted with
    /// (`crate::admission`, ADR 0008). Beyond it the statement is refused with
    /// [`SignError::Busy`] before any work is done.
    pub admission_target: SignedDuration,
    /// Whether each statement gets its tally-log line (ADR 0007); off only to measure the
    /// log's cost (`[tally_log] enabled = false`).
    pub tally_log: bool,
}

impl Default for SigningSettings {
    fn default() -> Self {
        Self {
            min_fill_time: SignedDuration::from_secs(3),
            form_lifetime: SignedDuration::from_hours(2),
            no_script_quota: Quota {
                burst: 20,
                per: SignedDuration::from_secs(60),
            },
            busy_retry_after: SignedDuration::from_secs(2),
            time_zone: TimeZone::UTC,
            max_in_flight: 4096,
            admission_target: SignedDuration::from_millis(100),
            tally_log: true,
        }
    }
}

/// The server-side secrets of the signing path. None of them can open a statement.
pub struct SigningSecrets {
    /// Each initiative's de-duplication and eID subkeys (`crate::initiative_keys`).
    pub tag_keys: Arc<crate::initiative_keys::Keyring>,
    /// Issues and checks proof-of-work challenges.
    pub altcha: AltchaIssuer,
    /// Issues and checks form tokens (no-JavaScript path).
    pub form_tokens: FormTokens,
    /// Signs receipts.
    pub receipts: ReceiptTokens,
}

/// What proves a person, not a script, sent the statement.
#[derive(Debug, Clone)]
pub struct HumanProof {
    /// A solved proof-of-work challenge (ALTCHA payload), from the browser solver or an API
    /// client.
    pub altcha: Option<String>,
    /// The one-time token of the served form: the path for browsers without JavaScript,
    /// together with the minimum fill time and the per-address limit.
    pub form_token: Option<String>,
    /// The client's address, for the per-address limit.
    pub client: IpAddr,
    /// The language of the form the signer read (ISO 639-1). Not a proof: it travels here
    /// to be sealed with the statement, so the export can name it.
    pub language: Option<&'static str>,
}

/// What a signer gets back once the statement is durable.
#[derive(Debug, Clone)]
pub struct Receipt {
    /// Identifier shown to the signer.
    pub statement_id: StatementId,
    /// Time of signing.
    pub submitted_at: Timestamp,
    /// The self-service secret, shown once; the server keeps only its verifier.
    pub secret: ReceiptSecret,
    /// Signed token carrying all three, for the receipt page URL.
    pub token: String,
}

/// A verified receipt token, for rendering the receipt page.
#[derive(Debug, Clone)]
pub struct ReceiptView {
    /// Identifier shown to the signer.
    pub statement_id: StatementId,
    /// Time of signing.
    pub submitted_at: Timestamp,
    /// The self-service secret (absent on receipts from before self-service).
    pub secret: Option<ReceiptSecret>,
}

/// Why a statement was not taken.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// No initiative has that slug.
    #[error("no such initiative")]
    InitiativeNotFound,
    /// The initiative does not take statements now.
    #[error("{0}")]
    NotCollecting(NotCollecting),
    /// Field errors, all of them at once.
    #[error("the statement has {} field error(s)", .0.iter().count())]
    Invalid(FieldErrors),
    /// The anti-bot proof failed; the code says how.
    #[error("anti-bot proof refused ({0})")]
    Proof(ErrorCode),
    /// Too many no-JavaScript submissions from this network.
    #[error("rate limited")]
    RateLimited {
        /// When to try again.
        retry_after: SignedDuration,
    },
    /// The writer queue is full.
    #[error("busy")]
    Busy {
        /// When to try again.
        retry_after: SignedDuration,
    },
    /// A failure inside the server (logged with its cause; shown as a code only).
    #[error("internal error: {0}")]
    Internal(String),
}

impl SignError {
    /// The stable code shown to the user.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InitiativeNotFound => ErrorCode::InitiativeNotFound,
            Self::NotCollecting(_) => ErrorCode::NotCollecting,
            Self::Invalid(errors) => errors
                .iter()
                .next()
                .map_or(ErrorCode::Required, |error| error.code),
            Self::Proof(code) => *code,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Busy { .. } => ErrorCode::Busy,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

/// Why a read failed.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// No initiative has that slug.
    #[error("no such initiative")]
    NotFound,
    /// The store could not answer.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
}
