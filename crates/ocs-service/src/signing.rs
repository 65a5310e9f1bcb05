//! The citizen signing pipeline and the reads that go with it (forms, counters, receipts).
//!
//! `sign` runs, in this order: initiative collecting → parse into domain values → age on
//! the signing date → anti-bot proof (single use) → keyed de-duplication tag → HPKE seal to
//! the initiative's recipient keys → durable group-committed write → receipt.
//!
//! **Duplicates.** A statement whose tag is already stored is not stored or counted again.
//! The submitter gets the same answer as a first signature (same status, same receipt
//! shape, same wording, and the same path through the writer so the same timing): telling
//! them "you already signed" would let anyone who knows a person's document number or date
//! of birth learn whether that person supports the initiative, which is political opinion
//! (GDPR Art. 9). The receipt wording is true in both cases: "each person is counted once;
//! if you had signed before, that statement stands."

use std::net::IpAddr;
use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ocs_crypto::{
    AltchaIssuer, Challenge, Entropy, FormTokens, ReceiptSecret, ReceiptTokens, Sealer, TokenError,
    new_statement_id,
};
use ocs_domain::counters::Progress;
use ocs_domain::initiative::NotCollecting;
use ocs_domain::lifecycle::Stage;
use ocs_domain::rules::CountryRules;
use ocs_domain::statement::check_age;
use ocs_domain::{
    CountryCode, CountryTable, ErrorCode, FieldError, FieldErrors, InitiativeId, NewStatement,
    RawStatement, Slug, StatementId,
};
use ocs_domain::{Initiative, InitiativeStatus};
use ocs_storage::{SealedStatement, StatementStore, StorageError, Store};

mod paper;

pub use paper::{PAPER_DUPLICATE_ACTION, PAPER_ENTERED_ACTION, PaperOutcome};

use crate::admission::{Admission, AdmissionSettings, Permit};
use crate::catalog::{CatalogEntry, SharedCatalog};
use crate::clock::Clock;
use crate::eid::EidEvidence;
use crate::envelope::{self, ANNEX_REVISION, PAYLOAD_VERSION, Payload};
use crate::limiter::{Quota, RateLimiter};
use crate::metrics::Metrics;

/// The lease under which one node at a time forgets expired claims.
const PRUNE_JOB: &str = "prune-claims";
/// How long a maintenance lease lasts; the upkeep loop renews it well before.
const MAINTENANCE_LEASE: SignedDuration = SignedDuration::from_secs(120);

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

/// Everything `SigningService::new` needs.
pub struct SigningParts {
    /// The hosted initiatives.
    pub catalog: Arc<SharedCatalog>,
    /// Per-state rules.
    pub table: Arc<CountryTable>,
    /// Where sealed statements go, and where app nodes agree on single-use proofs.
    pub store: Arc<dyn Store>,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Randomness.
    pub entropy: Arc<dyn Entropy>,
    /// Seals statements (batched HPKE encapsulation).
    pub sealer: Sealer,
    /// Server secrets.
    pub secrets: SigningSecrets,
    /// Tunables.
    pub settings: SigningSettings,
    /// Outcome counters.
    pub metrics: Arc<Metrics>,
}

/// Who may see an initiative on the public site and in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// A draft: the public site and the API answer "not found".
    Hidden,
    /// In test mode: reachable by its address, not in the lists.
    Unlisted,
    /// Live or later: listed.
    Listed,
}

/// The signing use case and its reads.
pub struct SigningService {
    catalog: Arc<SharedCatalog>,
    table: Arc<CountryTable>,
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    entropy: Arc<dyn Entropy>,
    sealer: Sealer,
    secrets: SigningSecrets,
    settings: SigningSettings,
    metrics: Arc<Metrics>,
    no_script_limiter: RateLimiter,
    /// This node's name in job leases: random per process.
    node: String,
    /// Admission control by waiting time (ADR 0008).
    admission: Admission,
    /// Stages of initiatives the console manages (lifecycle gating and test mode).
    lifecycle: Arc<crate::lifecycle::LifecycleBoard>,
}

impl SigningService {
    /// Assembles the service.
    pub fn new(parts: SigningParts) -> Self {
        let no_script_limiter = RateLimiter::new(parts.settings.no_script_quota);
        let mut node = [0u8; 8];
        parts.entropy.fill(&mut node);
        let node = u64::from_be_bytes(node);
        let node = format!("{node:016x}");
        let admission = Admission::new(
            AdmissionSettings {
                target: parts.settings.admission_target,
                max_in_flight: parts.settings.max_in_flight,
                ..AdmissionSettings::default()
            },
            parts.clock.clone(),
        );
        Self {
            node,
            admission,
            catalog: parts.catalog,
            table: parts.table,
            store: parts.store,
            clock: parts.clock,
            entropy: parts.entropy,
            sealer: parts.sealer,
            secrets: parts.secrets,
            settings: parts.settings,
            metrics: parts.metrics,
            no_script_limiter,
            lifecycle: Arc::default(),
        }
    }

    /// The initiatives' de-duplication keys (for the upkeep loop and destruction).
    pub fn tag_keys(&self) -> &Arc<crate::initiative_keys::Keyring> {
        &self.secrets.tag_keys
    }

    /// The managed initiatives' stages, for pages (test marker, certificate link).
    pub fn lifecycle(&self) -> &crate::lifecycle::LifecycleBoard {
        &self.lifecycle
    }

    /// Reads managed initiatives' stages from `board` (see `crate::lifecycle`).
    #[must_use]
    pub fn with_lifecycle(mut self, board: Arc<crate::lifecycle::LifecycleBoard>) -> Self {
        self.lifecycle = board;
        self
    }

    /// Takes one statement of support. `consent` is the signer's acceptance of the
    /// declaration. Returns only after the statement is durable (or known).
    #[tracing::instrument(skip_all, fields(initiative = %slug))]
    pub async fn sign(
        &self,
        slug: &Slug,
        raw: &RawStatement,
        consent: bool,
        proof: &HumanProof,
    ) -> Result<Receipt, SignError> {
        let result = self.sign_inner(slug, raw, consent, proof, None).await;
        self.count_outcome(&result);
        result
    }

    /// Takes one statement signed with eID: like [`Self::sign`], and also the values the
    /// eID locked must be unchanged, the eID's person identifier must not have signed
    /// (see `crate::eid`), and the sealed payload records the provider and level of
    /// assurance.
    #[tracing::instrument(skip_all, fields(initiative = %slug))]
    pub async fn sign_with_eid(
        &self,
        slug: &Slug,
        raw: &RawStatement,
        consent: bool,
        proof: &HumanProof,
        eid: &EidEvidence,
    ) -> Result<Receipt, SignError> {
        let result = self.sign_inner(slug, raw, consent, proof, Some(eid)).await;
        self.count_outcome(&result);
        result
    }

    /// A receipt for `statement_id`: the signed token and the secret shown once.
    fn issue_receipt(
        &self,
        initiative: InitiativeId,
        statement_id: StatementId,
        now: Timestamp,
        secret: ReceiptSecret,
    ) -> Receipt {
        let token = self
            .secrets
            .receipts
            .issue(initiative, statement_id, now, &secret);
        Receipt {
            statement_id,
            submitted_at: now,
            token,
            secret,
        }
    }

    async fn sign_inner(
        &self,
        slug: &Slug,
        raw: &RawStatement,
        consent: bool,
        proof: &HumanProof,
        eid: Option<&EidEvidence>,
    ) -> Result<Receipt, SignError> {
        let entry = self
            .catalog
            .by_slug(slug)
            .ok_or(SignError::InitiativeNotFound)?;
        let initiative = entry.initiative.id;
        let now = self.clock.now();
        let mode = self
            .lifecycle
            .statement_mode(&entry.initiative, now)
            .map_err(SignError::NotCollecting)?;
        // Admission control, before any work and before the proof is spent: a refused
        // signer retries with the same proof.
        let _permit = self.admit()?;
        if let Some(eid) = eid {
            eid.check_locked(raw).map_err(SignError::Invalid)?;
        }

        let consent_error = FieldError {
            field: "consent".to_owned(),
            code: ErrorCode::ConsentMissing,
        };
        let statement = match NewStatement::parse(&self.table, raw) {
            Ok(statement) if consent => statement,
            Ok(_) => {
                let mut errors = FieldErrors::new();
                errors.push(consent_error);
                return Err(SignError::Invalid(errors));
            }
            Err(mut errors) => {
                if !consent {
                    errors.push(consent_error);
                }
                return Err(SignError::Invalid(errors));
            }
        };
        self.check_age(&statement, now)?;
        // Before the proof is spent: a node that cannot tag refuses without using it up.
        let tag_key = self.tag_key(initiative).await?;
        let claimed = self.check_proof(initiative, proof, now).await?;

        let tag = tag_key.statement_tag(&statement.identity_key());
        let statement_id = new_statement_id(self.entropy.as_ref());
        // Self-service: a random secret for the receipt; only its keyed verifier is stored.
        // A duplicate gets one too (kept as a receipt alias), so its receipt works the same.
        let secret = ReceiptSecret::generate(self.entropy.as_ref());
        // Signed with eID: the person identifier must not have signed before (ADR 0005).
        let eid_tag = eid.map(|eid| tag_key.eid_tag(&eid.identity_key()));
        if let Some(eid_tag) = eid_tag
            && !self.reserve_eid(initiative, eid_tag).await?
        {
            // Answered like a first signature, as any duplicate (module doc). Its receipt
            // looks like any other, but no alias is kept: `eid_subjects` holds only the eID
            // subject's tag, with no link to the statement it signed (whose identity tag may
            // differ), so there is nothing to point an alias at without storing a link. Self-
            // service answers "not found" (SLF-001) for it; the self-service page says so
            // when eID is offered (docs/SELF-SERVICE.md, "eID duplicates").
            Metrics::bump(&self.metrics.duplicates);
            return Ok(self.issue_receipt(initiative, statement_id, now, secret));
        }
        let envelope = self.seal(
            &entry,
            &statement,
            statement_id,
            &tag,
            now,
            (eid, proof.language),
        )?;
        let nationality = statement.nationality();
        drop(statement); // wipes the personal values before the wait for the disk

        let sealed = SealedStatement {
            // The public log line (ADR 0007): computed now, published later in a batch.
            log_entry: self.settings.tally_log.then(|| {
                crate::tally_log::statement_line(
                    &entry.initiative.registration_number,
                    statement_id,
                    Some(&secret),
                    &envelope,
                    (nationality, now),
                    ocs_tlog::Channel::online(eid.is_some()),
                )
            }),
            id: statement_id,
            initiative,
            nationality,
            submitted_at: now,
            tag,
            envelope,
            test: mode == ocs_domain::lifecycle::StatementMode::Test,
            receipt_verifier: Some(self.secrets.receipts.verifier(statement_id, &secret)),
            paper: false,
        };
        match self.store.record_statement(sealed).await {
            Ok(recorded) => {
                tracing::debug!(sequence = recorded.sequence, "statement recorded");
            }
            Err(StorageError::Conflict) => {
                // Documented choice (module doc): a duplicate is answered like a first
                // signature; nothing was stored or counted.
                Metrics::bump(&self.metrics.duplicates);
            }
            Err(StorageError::Busy) => {
                self.release_eid(initiative, eid_tag).await;
                // Nothing was stored: give the proof back so the same form can be sent again.
                if let Err(error) = self.store.release_claim(claimed).await {
                    tracing::warn!(%error, "releasing a proof after a busy refusal failed");
                }
                return Err(SignError::Busy {
                    retry_after: self.settings.busy_retry_after,
                });
            }
            Err(error) => {
                self.release_eid(initiative, eid_tag).await;
                return Err(SignError::Internal(error.to_string()));
            }
        }
        Ok(self.issue_receipt(initiative, statement_id, now, secret))
    }

    /// The key the tags of `initiative` are made under. A node that cannot have it (its key
    /// file is missing or the keys were destroyed) refuses; the log names the `KEY-…` code.
    async fn tag_key(&self, initiative: InitiativeId) -> Result<ocs_crypto::TagKey, SignError> {
        self.secrets
            .tag_keys
            .tag_key(initiative)
            .await
            .map_err(|error| {
                let code = error.code();
                tracing::error!(%code, %error, "no de-duplication key for the initiative");
                SignError::Internal(format!("{code}: {error}"))
            })
    }

    /// Records an eID subject; `false` when it had signed this initiative before.
    async fn reserve_eid(
        &self,
        initiative: InitiativeId,
        tag: ocs_domain::DedupTag,
    ) -> Result<bool, SignError> {
        self.store
            .reserve_eid_subject(initiative, tag)
            .await
            .map_err(|error| match error {
                StorageError::Busy => SignError::Busy {
                    retry_after: self.settings.busy_retry_after,
                },
                error => SignError::Internal(format!("recording an eID subject: {error}")),
            })
    }

    /// Frees an eID subject whose statement was not stored, so the person can retry.
    async fn release_eid(&self, initiative: InitiativeId, tag: Option<ocs_domain::DedupTag>) {
        if let Some(tag) = tag
            && let Err(error) = self.store.release_eid_subject(initiative, tag).await
        {
            tracing::warn!(%error, "releasing an eID subject failed");
        }
    }

    fn check_age(&self, statement: &NewStatement, now: Timestamp) -> Result<(), SignError> {
        let today = now.to_zoned(self.settings.time_zone.clone()).date();
        let Some(birth) = statement.birth_date_on(today) else {
            // Part B with a passport or card number: nothing to check; the declaration stands.
            return Ok(());
        };
        let rules = self.table.get(statement.nationality());
        check_age(rules, birth, today).map_err(|code| {
            let field = if rules
                .fields
                .contains(&ocs_domain::rules::FieldKey::DateOfBirth)
            {
                "date.of.birth"
            } else {
                "id.number"
            };
            let mut errors = FieldErrors::new();
            errors.push(FieldError {
                field: field.to_owned(),
                code,
            });
            SignError::Invalid(errors)
        })
    }

    async fn check_proof(
        &self,
        initiative: InitiativeId,
        proof: &HumanProof,
        now: Timestamp,
    ) -> Result<[u8; 32], SignError> {
        if let Some(payload) = proof.altcha.as_deref().filter(|p| !p.is_empty()) {
            let verified = self
                .secrets
                .altcha
                .verify(payload, now)
                .map_err(|_| SignError::Proof(ErrorCode::ProofInvalid))?;
            if !self.claim(verified.id, verified.expires, now).await? {
                return Err(SignError::Proof(ErrorCode::ProofInvalid));
            }
            return Ok(verified.id);
        }
        if let Some(token) = proof.form_token.as_deref().filter(|t| !t.is_empty()) {
            let claims = self
                .secrets
                .form_tokens
                .verify(
                    token,
                    initiative,
                    now,
                    self.settings.min_fill_time,
                    self.settings.form_lifetime,
                )
                .map_err(|error| match error {
                    TokenError::TooFast => SignError::Proof(ErrorCode::TooFast),
                    _ => SignError::Proof(ErrorCode::ProofInvalid),
                })?;
            self.no_script_limiter
                .check(proof.client, now)
                .map_err(|retry_after| SignError::RateLimited { retry_after })?;
            let mut id = [0u8; 32];
            id[0] = 0xf0; // keeps form-token nonces apart from challenge hashes
            if let Some(slot) = id.get_mut(1..17) {
                slot.copy_from_slice(&claims.nonce);
            }
            let expires = claims
                .issued_at
                .checked_add(self.settings.form_lifetime)
                .unwrap_or(claims.issued_at);
            if !self.claim(id, expires, now).await? {
                return Err(SignError::Proof(ErrorCode::ProofInvalid));
            }
            return Ok(id);
        }
        Err(SignError::Proof(ErrorCode::ProofMissing))
    }

    fn seal(
        &self,
        entry: &CatalogEntry,
        statement: &NewStatement,
        statement_id: StatementId,
        tag: &ocs_domain::DedupTag,
        now: Timestamp,
        (eid, lang): (Option<&EidEvidence>, Option<&str>),
    ) -> Result<Vec<u8>, SignError> {
        let properties = statement.payload();
        let nationality = statement.nationality();
        let payload = Payload {
            v: PAYLOAD_VERSION,
            initiative: entry.initiative.id.get(),
            statement: statement_id.to_string(),
            nationality: nationality.as_str(),
            submitted_at: now,
            annex_revision: ANNEX_REVISION,
            properties: &properties,
            channel: None,
            lang: lang.filter(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase())),
            eid: eid.map(EidEvidence::seal),
        };
        let plaintext =
            envelope::encode(&payload).map_err(|e| SignError::Internal(e.to_string()))?;
        let aad = envelope::statement_aad(entry.initiative.id, statement_id, nationality, tag);
        self.sealer
            .seal(
                &entry.recipients_for(nationality),
                &aad,
                &plaintext,
                self.entropy.as_ref(),
            )
            .map_err(|e| SignError::Internal(e.to_string()))
    }

    fn count_outcome(&self, result: &Result<Receipt, SignError>) {
        let metrics = &self.metrics;
        match result {
            Ok(_) => Metrics::bump(&metrics.recorded),
            Err(SignError::Invalid(errors)) => {
                Metrics::bump(&metrics.invalid);
                for error in errors {
                    metrics.field_error(error.code);
                }
            }
            Err(SignError::Proof(_)) => Metrics::bump(&metrics.proof_refused),
            Err(SignError::NotCollecting(_) | SignError::InitiativeNotFound) => {
                Metrics::bump(&metrics.not_collecting);
            }
            Err(SignError::RateLimited { .. }) => Metrics::bump(&metrics.rate_limited),
            Err(SignError::Busy { .. }) => Metrics::bump(&metrics.busy),
            Err(SignError::Internal(cause)) => {
                Metrics::bump(&metrics.internal);
                tracing::error!(%cause, "signing failed");
            }
        }
    }

    /// Periodic upkeep: drops HPKE epoch keys past their age even when no statement came,
    /// so a memory snapshot never holds a key older than the epoch limit. Call about once
    /// a second.
    pub fn maintain(&self) {
        self.sealer.purge_expired();
    }

    /// The scheduled job that forgets expired single-use claims. Shared work: with several
    /// nodes on one database, the node holding the lease does it and the others skip.
    /// Returns whether this node ran it.
    pub async fn prune_claims(&self) -> bool {
        let now = self.clock.now();
        let until = now.checked_add(MAINTENANCE_LEASE).unwrap_or(now);
        match self
            .store
            .try_lease(PRUNE_JOB, &self.node, until, now)
            .await
        {
            Ok(true) => {
                match self.store.prune_claims(now).await {
                    Ok(dropped) => tracing::debug!(dropped, "expired claims pruned"),
                    Err(error) => tracing::warn!(%error, "pruning claims failed"),
                }
                true
            }
            Ok(false) => {
                tracing::trace!("another node prunes claims");
                false
            }
            Err(error) => {
                tracing::warn!(%error, "taking the prune lease failed");
                false
            }
        }
    }

    /// A permit to work on one signing request, or `Busy` when the node is saturated: the
    /// estimated wait over the target (or the hard cap reached), or the store's writer
    /// queue already full.
    fn admit(&self) -> Result<Permit<'_>, SignError> {
        let busy = || {
            Metrics::bump(&self.metrics.shed);
            SignError::Busy {
                retry_after: self.settings.busy_retry_after,
            }
        };
        let stats = self.store.stats();
        if stats.queue_capacity > 0 && stats.queue_depth >= stats.queue_capacity {
            return Err(busy());
        }
        self.admission.try_admit().ok_or_else(busy)
    }

    /// Signing requests being worked on now (for metrics).
    pub fn in_flight(&self) -> usize {
        self.admission.state().in_flight
    }

    /// The admission controller: its state for metrics; tests hold its permits to stand for
    /// requests already in flight.
    pub fn admission(&self) -> &Admission {
        &self.admission
    }

    /// This node's name in job leases.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// Claims a single-use proof across all nodes.
    async fn claim(
        &self,
        key: [u8; 32],
        expires: Timestamp,
        now: Timestamp,
    ) -> Result<bool, SignError> {
        self.store
            .claim_once(key, expires, now)
            .await
            .map_err(|error| match error {
                StorageError::Busy => SignError::Busy {
                    retry_after: self.settings.busy_retry_after,
                },
                error => SignError::Internal(format!("claiming a proof: {error}")),
            })
    }

    /// A fresh proof-of-work challenge.
    pub fn challenge(&self) -> Challenge {
        Metrics::bump(&self.metrics.challenges);
        self.secrets
            .altcha
            .issue(self.clock.now(), self.entropy.as_ref())
    }

    /// A one-time token for a served form.
    pub fn form_token(&self, initiative: InitiativeId) -> String {
        self.secrets
            .form_tokens
            .issue(initiative, self.clock.now(), self.entropy.as_ref())
    }

    /// Verifies a receipt token for the initiative `slug`.
    pub fn receipt(&self, slug: &Slug, token: &str) -> Option<ReceiptView> {
        let entry = self.catalog.by_slug(slug)?;
        let claims = self.secrets.receipts.verify(token)?;
        (claims.initiative == entry.initiative.id).then_some(ReceiptView {
            statement_id: claims.statement,
            submitted_at: claims.submitted_at,
            secret: claims.secret,
        })
    }

    /// Receipt tokens and secret verifiers, for self-service.
    pub(crate) fn receipt_tokens(&self) -> &ReceiptTokens {
        &self.secrets.receipts
    }

    /// The store, for self-service and destruction.
    pub(crate) fn shared_store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Committed counts against the thresholds.
    pub async fn progress(&self, slug: &Slug) -> Result<(Progress, Option<Timestamp>), QueryError> {
        let entry = self.catalog.by_slug(slug).ok_or(QueryError::NotFound)?;
        let snapshot = self.store.counts(entry.initiative.id).await?;
        let progress = Progress::new(
            &snapshot,
            &entry.minimums,
            self.table.total_signatories(),
            self.table.min_states_at_minimum(),
        );
        Ok((progress, snapshot.updated_at))
    }

    /// The initiative with this slug.
    pub fn initiative(&self, slug: &Slug) -> Option<Arc<CatalogEntry>> {
        self.catalog.by_slug(slug)
    }

    /// All hosted initiatives, drafts included (the console's view).
    pub fn initiatives(&self) -> Vec<Arc<CatalogEntry>> {
        self.catalog.all()
    }

    /// The initiatives the public lists show: live or later. A draft, or one in test mode,
    /// is not announced (issue 19, finding 16).
    pub fn listed_initiatives(&self) -> Vec<Arc<CatalogEntry>> {
        self.catalog
            .all()
            .into_iter()
            .filter(|entry| self.visibility(&entry.initiative) == Visibility::Listed)
            .collect()
    }

    /// The initiative a public page or the API may show: anything but a draft. An
    /// initiative in test mode is reachable by its address (its organisers test the form)
    /// but not listed.
    pub fn public_initiative(&self, slug: &Slug) -> Option<Arc<CatalogEntry>> {
        self.catalog
            .by_slug(slug)
            .filter(|entry| self.visibility(&entry.initiative) != Visibility::Hidden)
    }

    /// Who may see `initiative`: its stored stage decides (no stage is a draft); the
    /// demonstration served by `ocs demo` is public without a stage.
    pub fn visibility(&self, initiative: &Initiative) -> Visibility {
        let stage = self.lifecycle.get(initiative.id).map(|(stage, _)| stage);
        if initiative.regime.is_demo() && matches!(stage, None | Some(Stage::Draft)) {
            return Visibility::Listed;
        }
        match stage {
            Some(Stage::Draft) => Visibility::Hidden,
            Some(Stage::Test) => Visibility::Unlisted,
            None if initiative.status == InitiativeStatus::Draft => Visibility::Hidden,
            Some(_) | None => Visibility::Listed,
        }
    }

    /// The shared catalogue (the console's set-up replaces its stored part).
    pub fn catalog(&self) -> &Arc<SharedCatalog> {
        &self.catalog
    }

    /// The rules of one state.
    pub fn rules(&self, country: CountryCode) -> &CountryRules {
        self.table.get(country)
    }

    /// The whole country table.
    pub fn table(&self) -> &CountryTable {
        &self.table
    }

    /// Outcome counters.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Storage health and writer figures.
    pub fn store(&self) -> &dyn StatementStore {
        let store: &dyn Store = self.store.as_ref();
        store
    }

    /// The zone whose calendar dates the site shows and the age check uses.
    pub fn time_zone(&self) -> &TimeZone {
        &self.settings.time_zone
    }

    /// The current time of the injected clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
}
