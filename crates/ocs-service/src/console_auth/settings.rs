//! The console sign-in's tunables: session lifetimes, throttling windows and counts, and the
//! Argon2id costs.

use jiff::SignedDuration;
use ocs_crypto::password::PasswordParams;

/// Tunables.
#[derive(Debug, Clone, Copy)]
pub struct AuthSettings {
    /// A session ends after this long without a request.
    pub idle: SignedDuration,
    /// A session ends this long after sign-in, whatever happens.
    pub absolute: SignedDuration,
    /// Failed sign-ins allowed per account name from one network in a window. Counted per
    /// (account, network), so a stranger cannot lock an account out by guessing its name
    /// (issue 19, finding 8).
    pub per_account: u32,
    /// Failed sign-ins allowed per account name from all networks together in a window: the
    /// cap on slow guessing spread over many addresses.
    pub per_account_global: u32,
    /// Failed sign-ins allowed per address in a window.
    pub per_address: u32,
    /// The throttling window.
    pub window: SignedDuration,
    /// Back-off: failed sign-ins allowed per (account, network) in `backoff_window`; a
    /// network that keeps failing after its windows ran out waits this much longer.
    pub per_account_backoff: u32,
    /// The long window of the back-off.
    pub backoff_window: SignedDuration,
    /// Argon2id costs.
    pub password: PasswordParams,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            idle: SignedDuration::from_mins(30),
            absolute: SignedDuration::from_hours(12),
            per_account: 5,
            per_account_global: 50,
            per_address: 20,
            window: SignedDuration::from_mins(15),
            per_account_backoff: 15,
            backoff_window: SignedDuration::from_hours(24),
            password: PasswordParams::default(),
        }
    }
}
