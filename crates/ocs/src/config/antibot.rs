//! `[antibot]`: proof-of-work difficulty, challenge and form lifetimes, the no-JavaScript budget.

use serde::{Deserialize, Serialize};

/// `[antibot]` as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawAntibot {
    pub(super) max_number: u64,
    pub(super) challenge_ttl_seconds: i64,
    pub(super) min_fill_seconds: i64,
    pub(super) form_lifetime_minutes: i64,
    pub(super) no_script_burst: u32,
    pub(super) no_script_refill_seconds: i64,
}

impl Default for RawAntibot {
    fn default() -> Self {
        Self {
            max_number: 50_000,
            challenge_ttl_seconds: 600,
            min_fill_seconds: 3,
            form_lifetime_minutes: 120,
            no_script_burst: 20,
            no_script_refill_seconds: 60,
        }
    }
}
