//! Process counters for the signing path, read by the Prometheus endpoint. No personal data,
//! no per-signer labels: only outcomes and codes.

use std::sync::atomic::{AtomicU64, Ordering};

use ocs_domain::ErrorCode;

/// Outcome counters of the signing path.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Statements made durable.
    pub recorded: AtomicU64,
    /// Submissions whose identity had signed before (nothing stored).
    pub duplicates: AtomicU64,
    /// Submissions refused for their content (field errors or age).
    pub invalid: AtomicU64,
    /// Submissions refused for a missing, wrong, replayed or too-fast anti-bot proof.
    pub proof_refused: AtomicU64,
    /// Submissions refused because the initiative was not collecting.
    pub not_collecting: AtomicU64,
    /// Submissions refused by the per-address limit of the no-JavaScript path.
    pub rate_limited: AtomicU64,
    /// Submissions refused because the node was saturated (writer queue full or too many
    /// in flight).
    pub busy: AtomicU64,
    /// Of `busy`: refused by admission control before any work was done.
    pub shed: AtomicU64,
    /// Submissions that failed inside the server.
    pub internal: AtomicU64,
    /// Challenges issued.
    pub challenges: AtomicU64,
    /// Field errors per code, indexed like `ErrorCode::SIGNER`.
    pub field_errors: FieldErrorCounters,
}

/// One counter per error code (an array longer than 32 has no derived `Default`).
#[derive(Debug)]
pub struct FieldErrorCounters([AtomicU64; ErrorCode::SIGNER.len()]);

impl Default for FieldErrorCounters {
    fn default() -> Self {
        Self(std::array::from_fn(|_| AtomicU64::new(0)))
    }
}

impl std::ops::Deref for FieldErrorCounters {
    type Target = [AtomicU64; ErrorCode::SIGNER.len()];

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Metrics {
    /// Adds one to a counter.
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one field error by code.
    pub fn field_error(&self, code: ErrorCode) {
        if let Some(counter) = ErrorCode::SIGNER
            .iter()
            .position(|c| *c == code)
            .and_then(|index| self.field_errors.get(index))
        {
            Self::bump(counter);
        }
    }

    /// Reads a counter.
    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }
}
