//! Witnesses of the tally log (ADR 0007, witnesses; issue 17 item 7): the log accepts C2SP
//! `cosignature/v1` lines for its latest checkpoint from the witness keys the deployment
//! configured, and serves that checkpoint with the lines it collected appended.
//!
//! The flow is "the witness posts": a witness (`ocs log witness --submit`) fetches the
//! checkpoint and every tile, checks it against the checkpoint it cosigned last, cosigns, and
//! posts the cosigned note back. The log checks that the note's text is its latest
//! checkpoint and that at least one signature line is a valid cosignature by a configured
//! witness; it stores only those lines. It does not push checkpoints to witnesses (C2SP
//! tlog-witness's `add-checkpoint`): the log would then need the witnesses' addresses and to
//! keep consistency proofs for each, and a witness behind a firewall could not take part.

use ocs_domain::Slug;
use ocs_storage::{Cosignature, StorageError};
use ocs_tlog::WitnessVerifier;
use ocs_tlog::note::split;

use super::{LogError, TallyLog};

/// Why a posted cosignature was not stored.
#[derive(Debug, thiserror::Error)]
pub enum CosignError {
    /// No initiative has that slug.
    #[error("no such initiative")]
    NotFound,
    /// The body is not a signed note.
    #[error("not a signed note: {0}")]
    Malformed(ocs_tlog::TlogError),
    /// The note's checkpoint is not the log's latest (it moved on, or never was one).
    #[error("the cosigned checkpoint is not the log's latest")]
    NotLatest,
    /// No line is a valid cosignature by a witness this log accepts (none configured, an
    /// unknown key, or a line by a known key that does not verify).
    #[error("no valid cosignature by a witness this log accepts")]
    NotWitnessed,
    /// The store failed.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
    /// The log could not be read.
    #[error("log: {0}")]
    Log(LogError),
}

impl From<LogError> for CosignError {
    fn from(error: LogError) -> Self {
        match error {
            LogError::NotFound => Self::NotFound,
            LogError::Storage(cause) => Self::Storage(cause),
            other @ LogError::Log(_) => Self::Log(other),
        }
    }
}

impl TallyLog {
    /// The same logs accepting cosignatures from `witnesses` (`[tally_log] witnesses`).
    #[must_use]
    pub fn with_witnesses(mut self, witnesses: Vec<WitnessVerifier>) -> Self {
        self.witnesses = witnesses;
        self
    }

    /// The witness keys whose cosignatures the logs accept.
    pub fn witnesses(&self) -> &[WitnessVerifier] {
        &self.witnesses
    }

    /// Stores the cosignatures in the signed note `note` (the latest checkpoint with one or
    /// more witness lines appended) made by configured witnesses; answers how many. Lines by
    /// other keys (the log's own among them) are ignored; a line by a configured key that does
    /// not verify refuses the whole note, and nothing is stored.
    pub async fn add_cosignatures(&self, slug: &Slug, note: &str) -> Result<usize, CosignError> {
        let entry = self.entry(slug)?;
        let published = self.published(slug).await?;
        let (text, signatures) = split(note).map_err(CosignError::Malformed)?;
        let (latest, _) = split(&published.checkpoint).map_err(LogError::from)?;
        if text != latest {
            return Err(CosignError::NotLatest);
        }
        let mut found = Vec::new();
        for signature in &signatures {
            for witness in &self.witnesses {
                match witness.check(&text, signature) {
                    Ok(Some(time)) => found.push((witness.to_text(), signature.to_line(), time)),
                    Ok(None) => {}
                    Err(_) => return Err(CosignError::NotWitnessed),
                }
            }
        }
        if found.is_empty() {
            return Err(CosignError::NotWitnessed);
        }
        let received_at = self.clock.now();
        for (witness, line, cosigned_at) in &found {
            self.store
                .add_cosignature(
                    entry.initiative.id,
                    Cosignature {
                        tree_size: published.size,
                        witness: witness.clone(),
                        line: line.clone(),
                        cosigned_at: *cosigned_at,
                        received_at,
                    },
                )
                .await?;
        }
        tracing::info!(
            size = published.size,
            lines = found.len(),
            "cosignatures stored"
        );
        Ok(found.len())
    }

    /// The latest checkpoint as `/log/{slug}/checkpoint` serves it: the log's signed note with
    /// the cosignature lines collected for it appended (those of witnesses still configured).
    pub async fn served_checkpoint(&self, slug: &Slug) -> Result<String, LogError> {
        let entry = self.entry(slug)?;
        let published = self.published(slug).await?;
        if self.witnesses.is_empty() {
            return Ok(published.checkpoint.clone());
        }
        let mut note = published.checkpoint.clone();
        let configured: Vec<String> = self
            .witnesses
            .iter()
            .map(WitnessVerifier::to_text)
            .collect();
        for cosignature in self
            .store
            .cosignatures(entry.initiative.id, published.size)
            .await?
        {
            if configured.contains(&cosignature.witness) {
                note.push_str(&cosignature.line);
            }
        }
        Ok(note)
    }
}
