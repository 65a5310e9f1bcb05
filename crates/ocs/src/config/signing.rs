//! `[signing]`: the signing time zone, HPKE encapsulation reuse and admission settings.

use serde::{Deserialize, Serialize};

/// `[signing]` as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawSigning {
    pub(super) time_zone: String,
    pub(super) seal_epoch_uses: u32,
    pub(super) seal_epoch_millis: u64,
    pub(super) busy_retry_after_seconds: i64,
    pub(super) max_in_flight: usize,
    /// Admission control: the longest estimated wait a statement is admitted with (ADR 0008).
    pub(super) admission_target_ms: u64,
}

impl Default for RawSigning {
    fn default() -> Self {
        Self {
            time_zone: "Europe/Brussels".into(),
            seal_epoch_uses: 1000,
            seal_epoch_millis: 1000,
            busy_retry_after_seconds: 2,
            max_in_flight: 4096,
            admission_target_ms: 100,
        }
    }
}
