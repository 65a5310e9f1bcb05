//! `[signing]` admission settings: the hard cap on signing requests in flight and the
//! waiting-time target of admission control (ADR 0008).

use anyhow::bail;
use jiff::SignedDuration;

use super::signing::RawSigning;

/// Checks `max_in_flight` and `admission_target_ms`; returns the target.
pub(super) fn check(raw: &RawSigning) -> anyhow::Result<SignedDuration> {
    if raw.max_in_flight == 0 {
        bail!("signing.max_in_flight must be at least 1");
    }
    match i64::try_from(raw.admission_target_ms) {
        Ok(ms @ 1..=60_000) => Ok(SignedDuration::from_millis(ms)),
        _ => bail!("signing.admission_target_ms must be between 1 and 60000 (milliseconds)"),
    }
}
