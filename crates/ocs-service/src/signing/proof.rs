//! The anti-bot proof: proof-of-work challenges and form tokens, each claimed once across
//! all app nodes, and the scheduled job that forgets expired claims.

use jiff::{SignedDuration, Timestamp};
use ocs_crypto::{Challenge, TokenError};
use ocs_domain::{ErrorCode, InitiativeId};
use ocs_storage::{ClaimKey, StorageError};

use super::{HumanProof, SignError, SigningService};
use crate::lease::Job;
use crate::metrics::Metrics;

/// The lease under which one node at a time forgets expired claims.
const PRUNE_JOB: &str = "prune-claims";
/// How long a maintenance lease lasts; the upkeep loop renews it well before.
const MAINTENANCE_LEASE: SignedDuration = SignedDuration::from_secs(120);

impl SigningService {
    pub(super) async fn check_proof(
        &self,
        initiative: InitiativeId,
        proof: &HumanProof,
        now: Timestamp,
    ) -> Result<ClaimKey, SignError> {
        if let Some(payload) = proof.altcha.as_deref().filter(|p| !p.is_empty()) {
            let verified = self
                .secrets
                .altcha
                .verify(payload, now)
                .map_err(|_| SignError::Proof(ErrorCode::ProofInvalid))?;
            let key = ClaimKey::from_bytes(verified.id);
            if !self.claim(key, verified.expires, now).await? {
                return Err(SignError::Proof(ErrorCode::ProofInvalid));
            }
            return Ok(key);
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
            let key = ClaimKey::from_bytes(id);
            if !self.claim(key, expires, now).await? {
                return Err(SignError::Proof(ErrorCode::ProofInvalid));
            }
            return Ok(key);
        }
        Err(SignError::Proof(ErrorCode::ProofMissing))
    }

    /// The scheduled job that forgets expired single-use claims. Shared work: with several
    /// nodes on one database, the node holding the lease does it and the others skip.
    /// Returns whether this node ran it.
    pub async fn prune_claims(&self) -> bool {
        let now = self.clock.now();
        let claims = &*self.store.claims;
        let job = Job::new(PRUNE_JOB, MAINTENANCE_LEASE);
        let prune = async {
            match claims.prune_claims(now).await {
                Ok(dropped) => tracing::debug!(dropped, "expired claims pruned"),
                Err(error) => tracing::warn!(%error, "pruning claims failed"),
            }
            Ok(())
        };
        match job.run(claims, &self.node, now, |error| error, prune).await {
            Ok(Some(())) => true,
            Ok(None) => {
                tracing::trace!("another node prunes claims");
                false
            }
            Err(error) => {
                tracing::warn!(%error, "taking the prune lease failed");
                false
            }
        }
    }

    /// Claims a single-use proof across all nodes.
    pub(super) async fn claim(
        &self,
        key: ClaimKey,
        expires: Timestamp,
        now: Timestamp,
    ) -> Result<bool, SignError> {
        self.store
            .claims
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
}
