//! The injected clock: the only place that reads wall-clock time.

use jiff::Timestamp;

/// A source of the current time. Services take one so tests can move time without sleeping.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[expect(
        clippy::disallowed_methods,
        reason = "the one real clock of the system"
    )]
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}
