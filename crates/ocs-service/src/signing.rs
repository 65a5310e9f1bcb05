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

use std::sync::Arc;

use jiff::Timestamp;
use ocs_crypto::{Entropy, ReceiptSecret, Sealer, new_statement_id};
use ocs_domain::statement::check_age;
use ocs_domain::{
    CountryTable, ErrorCode, FieldError, FieldErrors, InitiativeId, NewStatement, RawStatement,
    Slug, StatementId,
};
use ocs_storage::{SealedStatement, StorageError};

mod paper;
mod proof;
mod reads;
mod types;

pub use paper::{PAPER_DUPLICATE_ACTION, PAPER_ENTERED_ACTION, PaperOutcome};
pub use reads::Visibility;
pub use types::{
    HumanProof, QueryError, Receipt, ReceiptView, SignError, SigningSecrets, SigningSettings,
};

use crate::admission::{Admission, AdmissionSettings, Permit};
use crate::catalog::{CatalogEntry, SharedCatalog};
use crate::clock::Clock;
use crate::eid::EidEvidence;
use crate::envelope::{self, ANNEX_REVISION, PAYLOAD_VERSION, Payload};
use crate::limiter::RateLimiter;
use crate::metrics::Metrics;
use crate::storage::narrow_storage;

narrow_storage! {
    /// What the signing service (and self-service, through it) may touch in storage.
    pub struct SigningStorage from ocs_storage::Store {
        /// Sealed statements: the durable write, withdrawals, receipts, counts, writer figures.
        statements: StatementStore,
        /// Single-use claims of anti-bot proofs, and the lease of the job that prunes them.
        claims: Coordination,
        /// eID subjects that have signed an initiative.
        eid_subjects: EidSubjects,
    }
}

/// Everything `SigningService::new` needs.
pub struct SigningParts {
    /// The hosted initiatives.
    pub catalog: Arc<SharedCatalog>,
    /// Per-state rules.
    pub table: Arc<CountryTable>,
    /// Where sealed statements go, and where app nodes agree on single-use proofs.
    pub store: SigningStorage,
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

/// The signing use case and its reads.
pub struct SigningService {
    catalog: Arc<SharedCatalog>,
    table: Arc<CountryTable>,
    store: SigningStorage,
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
        let (tag, eid_tag) = self.tags(initiative, &statement, eid).await?;
        let claimed = self.check_proof(initiative, proof, now).await?;

        let statement_id = new_statement_id(self.entropy.as_ref());
        // Self-service: a random secret for the receipt; only its keyed verifier is stored.
        // A duplicate gets one too (kept as a receipt alias), so its receipt works the same.
        let secret = ReceiptSecret::generate(self.entropy.as_ref());
        // Signed with eID: the person identifier must not have signed before (ADR 0005).
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
            (eid, proof.language, mode),
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
        match self.store.statements.record_statement(sealed).await {
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
                if let Err(error) = self.store.claims.release_claim(claimed).await {
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

    /// The statement's tag and, signed with eID, the person identifier's, in one batch from
    /// the key holder (this process or `ocs tagd`, ADR 0011 part 6). A node that cannot tag
    /// (its key file is missing, the keys were destroyed, tagd does not answer) refuses, and
    /// the log names the `KEY-…` code; an initiative at its tag rate cap answers busy.
    async fn tags(
        &self,
        initiative: InitiativeId,
        statement: &NewStatement,
        eid: Option<&EidEvidence>,
    ) -> Result<(ocs_domain::DedupTag, Option<ocs_domain::DedupTag>), SignError> {
        use crate::initiative_keys::KeyringError;
        use crate::tagging::TagSubject;
        let mut subjects = vec![TagSubject::Statement(
            statement.identity_key().as_str().to_owned(),
        )];
        if let Some(eid) = eid {
            subjects.push(TagSubject::Eid(eid.identity_key()));
        }
        let tags = self
            .secrets
            .tag_keys
            .tags(initiative, &subjects)
            .await
            .map_err(|error| match error {
                KeyringError::Busy { retry_after, .. } => SignError::Busy { retry_after },
                error => {
                    let code = error.code();
                    tracing::error!(%code, %error, "no de-duplication tag for the initiative");
                    SignError::Internal(format!("{code}: {error}"))
                }
            })?;
        let mut tags = tags.into_iter();
        let tag = tags
            .next()
            .ok_or_else(|| SignError::Internal("no tag made".to_owned()))?;
        Ok((tag, tags.next()))
    }

    /// Records an eID subject; `false` when it had signed this initiative before.
    async fn reserve_eid(
        &self,
        initiative: InitiativeId,
        tag: ocs_domain::DedupTag,
    ) -> Result<bool, SignError> {
        self.store
            .eid_subjects
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
            && let Err(error) = self
                .store
                .eid_subjects
                .release_eid_subject(initiative, tag)
                .await
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

    fn seal(
        &self,
        entry: &CatalogEntry,
        statement: &NewStatement,
        statement_id: StatementId,
        tag: &ocs_domain::DedupTag,
        now: Timestamp,
        (eid, lang, mode): (
            Option<&EidEvidence>,
            Option<&str>,
            ocs_domain::lifecycle::StatementMode,
        ),
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
            test: mode == ocs_domain::lifecycle::StatementMode::Test,
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
        let stats = self.store.statements.stats();
        if stats.queue_capacity > 0 && stats.queue_depth >= stats.queue_capacity {
            return Err(busy());
        }
        self.admission.try_admit().ok_or_else(busy)
    }

    /// The early refusal (issue 21 item 1): `Some(retry_after)` when a signing request
    /// arriving now would be refused as busy (the writer queue full, or admission control's
    /// estimated wait over the target), counted as busy and shed; `None` when it would be
    /// admitted. No permit is taken, so the web layer can answer 503 before routing, the
    /// middleware and the body read, and the proof of work stays unspent. A request let
    /// through is checked again by [`SigningService::sign`], so a race only costs the full
    /// path's refusal.
    pub fn shed_early(&self) -> Option<jiff::SignedDuration> {
        let stats = self.store.statements.stats();
        let queue_full = stats.queue_capacity > 0 && stats.queue_depth >= stats.queue_capacity;
        if !queue_full && !self.admission.would_refuse() {
            return None;
        }
        Metrics::bump(&self.metrics.busy);
        Metrics::bump(&self.metrics.shed);
        Some(self.settings.busy_retry_after)
    }

    /// How long a busy refusal asks the client to wait (`signing.busy_retry_after`).
    pub fn busy_retry_after(&self) -> jiff::SignedDuration {
        self.settings.busy_retry_after
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
}
